"""The entity index: every entity, filtered by type and by a fuzzy name, sorted by count or name."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Header, Input

from search.analysis.entities import LABELS, Entity
from search.library import Library
from tui.state.history import Location
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.entity_list import EntityList
from tui.widgets.key_bar import KeyBar
from tui.widgets.status import StatusBar

SORTS = ("count", "name")


class EntityIndexScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back", id="entities.close", tooltip="Go back"),
        Binding("down", "focus_list", "List", show=False, id="entities.to_list"),
        Binding(
            "f2", "cycle_type", "Type", id="entities.type", tooltip="Show only one type of entity (cycles)"
        ),
        Binding("f3", "toggle_sort", "Sort", id="entities.sort", tooltip="Sort by mentions or by name"),
    ]

    def __init__(self, library: Library, location: Location) -> None:
        super().__init__()
        self.library = library
        self.text = location.key
        self.label: str = location.state.get("type", "")
        self.sort: str = location.state.get("sort", "count")
        self._restore_cursor = int(location.state.get("cursor", 0))

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Breadcrumb(id="breadcrumb")
        yield Input(value=self.text, placeholder="Filter names (typos are fine)…", id="entity-filter")
        with Horizontal(id="entity-controls"):
            yield Button("", id="type-button", compact=True)
            yield Button("", id="sort-button", compact=True)
        yield EntityList(id="entity-list")
        yield StatusBar("", id="entities-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self._refresh(self._restore_cursor)
        (self.query_one(EntityList) if self._restore_cursor else self.query_one(Input)).focus()

    def current_location(self) -> Location:
        state = {"type": self.label, "sort": self.sort, "cursor": self.query_one(EntityList).cursor}
        return Location("entities", self.text, label=self.text or "all", state=state)

    def _entities(self) -> list[Entity]:
        if self.text.strip():
            found = [e for e, _ in self.library.find_entities(self.text, limit=500)]
        else:
            found = self.library.entities()
        if self.label:
            found = [e for e in found if e.label == self.label]
        if self.sort == "name":
            found.sort(key=lambda e: e.name.casefold())
        elif not self.text.strip():
            found.sort(key=lambda e: (-e.mention_count, e.name))
        return found

    def _refresh(self, cursor: int = 0) -> None:
        entities = self._entities()
        self.query_one(EntityList).set_items(entities, cursor=cursor)
        type_button = self.query_one("#type-button", Button)
        type_button.label = f"Type: {self.label or 'all'} (F2)"
        type_button.refresh(layout=True)  # the longer labels ("Type: PERSON (F2)") keep their key
        self.query_one("#sort-button", Button).label = f"Sort: {self.sort} (F3)"
        total = len(self.library.entities())
        self.query_one("#entities-status", StatusBar).say(f"{len(entities)} of {total} entities")

    @on(Input.Changed, "#entity-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        if event.value != self.text:
            self.text = event.value
            self._refresh()

    def action_focus_list(self) -> None:
        self.query_one(EntityList).focus()

    @on(Input.Submitted, "#entity-filter")
    def open_top(self) -> None:
        """Enter in the filter opens the highlighted (or top) entity at once, as the topic palette does."""
        entities = self.query_one(EntityList)
        if entities.current is not None:
            self._open(entities.current)

    @on(Button.Pressed, "#type-button")
    def action_cycle_type(self) -> None:
        order = ["", *LABELS]
        self.label = order[(order.index(self.label) + 1) % len(order)]
        self._refresh()

    @on(Button.Pressed, "#sort-button")
    def action_toggle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._refresh()

    @on(EntityList.Selected)
    def open_entity(self, event: EntityList.Selected) -> None:
        self._open(self.query_one(EntityList).items[event.index])

    def _open(self, entity: Entity) -> None:
        self.app.navigate(Location("entity", entity.id, label=entity.name))  # type: ignore[attr-defined]
