"""Keys typed straight after the key that opens the search, before its query box has the focus.

A vim or less user types '/' and the words in one burst. Textual forwards each key to the widget
focused when the key is read, so the words went to the list the search was opened from, and were
lost (or ran its bindings). The app holds them from that key until the search screen takes them.
"""

from __future__ import annotations

from time import monotonic

from textual import events

WINDOW = 1.0  # seconds: keys later than this after the opening key are keys again


class TypeAhead:
    def __init__(self) -> None:
        self._since: float | None = None
        self._keys: list[str] = []

    def arm(self) -> None:
        """The key that opens the search was read: hold the printable keys that follow it."""
        self._since, self._keys = monotonic(), []

    def holds(self, event: events.Key) -> bool:
        """Whether ``event`` is held (the screen it is meant for is still opening)."""
        if self._since is None:
            return False
        if monotonic() - self._since > WINDOW or not (event.is_printable and event.character):
            self._since = None  # (a key of another kind ends it: it goes where it was sent)
            return False
        self._keys.append(event.character)
        return True

    def take(self) -> str:
        """The keys held, for the query box that now has the focus; holds no more."""
        keys, self._since, self._keys = "".join(self._keys), None, []
        return keys
