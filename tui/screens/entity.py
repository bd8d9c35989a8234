"""An entity: who or what it is, every mention grouped by article, and who appears with it."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from search.analysis.entities import Entity
from search.export import ExportView, entity_view
from search.library import Library, SeenWith
from search.model import MentionContext
from tui.state.history import Location
from tui.text import plural, safe_text
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.facet_list import FacetList, facet_rows
from tui.widgets.key_bar import KeyBar
from tui.widgets.mention_list import MentionList
from tui.widgets.status import StatusBar


class EntityScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back", id="entity.close", tooltip="Go back"),
        Binding(
            "slash",
            "search_entity",
            "Search",
            id="entity.search",
            tooltip="Search the articles that mention it",
        ),
    ]

    class Loaded(Message):
        def __init__(self, mentions: list[MentionContext], cooccurring: SeenWith) -> None:
            super().__init__()
            self.mentions = mentions
            self.cooccurring = cooccurring

    def __init__(self, library: Library, location: Location) -> None:
        super().__init__()
        self.library = library
        self.entity = library.entity(location.key)
        self._restore_cursor = int(location.state.get("cursor", 0))

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Breadcrumb(id="breadcrumb")
        yield Static(id="entity-title")
        yield Static(id="entity-about")
        with Horizontal(id="entity-panes"):
            yield MentionList(id="mentions")
            yield FacetList(id="cooccurring")
        yield StatusBar("Loading…", id="entity-status")
        yield KeyBar()

    def on_mount(self) -> None:
        entity = self.entity
        if entity is None:
            self.query_one("#entity-title", Static).update("No such entity (the corpus changed?)")
            return
        title = safe_text(entity.name, style="bold")
        counts = f"{plural(entity.mention_count, 'mention')} in {plural(len(entity.article_ids), 'article')}"
        title.append_text(safe_text(f"   {entity.label}  ·  {counts}", style="dim"))
        self.query_one("#entity-title", Static).update(title)
        about = [entity.description] if entity.description else []
        if entity.aliases:
            about.append("Also written: " + ", ".join(entity.aliases))
        self.query_one("#entity-about", Static).update(safe_text("  ·  ".join(about)))
        self.query_one(MentionList).focus()
        self._load(entity)

    def current_location(self) -> Location:
        key = self.entity.id if self.entity else ""
        label = self.entity.name if self.entity else key
        return Location("entity", key, label=label, state={"cursor": self.query_one(MentionList).cursor})

    def export_view(self) -> ExportView | None:
        if self.entity is None:
            return None
        return entity_view(self.entity, self.query_one(MentionList).items)

    @work(thread=True, exclusive=True, group="entity")
    def _load(self, entity: Entity) -> None:
        mentions = self.library.entity_mentions(entity)
        cooccurring = self.library.cooccurring(entity)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(mentions, cooccurring))

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        self.query_one(MentionList).set_items(event.mentions, cursor=self._restore_cursor)
        related = self.query_one(FacetList)
        names, more = event.cooccurring
        related.labels = {e.id: e.name for e, _ in names}
        related.set_items(facet_rows({"entity": [(e.id, n) for e, n in names]}, {}))
        listed = f" ({len(names)} shown, {more} more not listed)" if more else ""
        self.query_one("#entity-status", StatusBar).say(
            f"Enter opens the article at the mention; Tab: names seen with it{listed}"
        )

    @on(MentionList.Selected)
    def open_mention(self, event: MentionList.Selected) -> None:
        m = self.query_one(MentionList).items[event.index]
        state = {"mark": (m.start, m.end, "current", ""), "focus": "reader"}
        self.app.navigate(Location("article", m.article_id, label=m.title, state=state))  # type: ignore[attr-defined]

    @on(FacetList.Toggled)
    def open_related(self, event: FacetList.Toggled) -> None:
        entity = self.library.entity(event.value)
        if entity is not None:
            self.app.navigate(Location("entity", entity.id, label=entity.name))  # type: ignore[attr-defined]

    def action_search_entity(self) -> None:
        if self.entity is not None:
            text = f'entity:"{self.entity.name}"'
            self.app.navigate(Location("search", text, label=self.entity.name))  # type: ignore[attr-defined]
