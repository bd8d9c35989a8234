"""Navigation history, like a browser's: visit, back, forward; each entry keeps its view state."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Location:
    """Where the user is: a kind of view, what it shows, and how it was left (scroll, cursor...)."""

    kind: str  # "article", "search", "entity", "topic", "index"
    key: str  # article id, query text, entity id, topic id
    label: str = ""  # what the breadcrumb shows
    state: dict[str, Any] = field(default_factory=dict, compare=False)

    def same_place(self, other: Location) -> bool:
        return (self.kind, self.key) == (other.kind, other.key)

    def with_state(self, **state: Any) -> Location:
        return replace(self, state={**self.state, **state})


class History:
    def __init__(self, limit: int = 200) -> None:
        self._entries: list[Location] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._entries[self._index] if self._index >= 0 else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def visit(self, location: Location) -> None:
        """Go somewhere new: drops the forward entries. Re-visiting the current place updates it."""
        current = self.current
        if current is not None and current.same_place(location):
            self._entries[self._index] = location
            return
        del self._entries[self._index + 1 :]
        self._entries.append(location)
        if len(self._entries) > self._limit:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def update_current(self, location: Location) -> None:
        """Record how the current view is being left (scroll, cursor; a search's edited query...).

        Ignored when ``location`` is another kind of view than the current entry."""
        if self.current is not None and self.current.kind == location.kind:
            self._entries[self._index] = location

    def back(self) -> Location | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Location | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current

    def trail(self, count: int = 4) -> list[Location]:
        """The entries leading up to (and including) the current one, oldest first."""
        return self._entries[max(0, self._index - count + 1) : self._index + 1]

    def __len__(self) -> int:
        return len(self._entries)
