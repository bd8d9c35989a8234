"""A topic: its description, its articles ranked with the passages that matched, related topics."""

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

from search.export import ExportView, topic_view
from search.library import Library
from search.model import SearchResult, TopicInfo
from tui.state.history import Location
from tui.text import safe_text
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.facet_list import FacetList, facet_rows
from tui.widgets.hit_list import HitList
from tui.widgets.key_bar import KeyBar
from tui.widgets.status import StatusBar

RELATED = ("topic", "entity", "source", "section")


class TopicScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back", id="topic.close", tooltip="Go back"),
        Binding(
            "slash",
            "search_mentions",
            "Search",
            id="topic.search",
            tooltip="Search every article that names this topic, about it or not",
        ),
    ]

    class Loaded(Message):
        def __init__(self, result: SearchResult, naming: int) -> None:
            super().__init__()
            self.result = result
            self.naming = naming  # articles that name the topic (its label or an alias)

    def __init__(self, library: Library, location: Location) -> None:
        super().__init__()
        self.library = library
        self.topic_id = location.key
        self.info: TopicInfo | None = library.topic(location.key)
        self._restore_cursor = int(location.state.get("cursor", 0))
        self.result: SearchResult | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Breadcrumb(id="breadcrumb")
        yield Static(id="topic-title")
        yield Static(id="topic-description")
        with Horizontal(id="topic-panes"):
            yield HitList(id="topic-hits")
            yield FacetList(id="topic-related")
        yield StatusBar("Loading…", id="topic-status")
        yield KeyBar()

    def on_mount(self) -> None:
        info = self.info
        title = info.label if info else self.topic_id
        area = self.library.topic(info.parent) if info and info.parent else None
        heading = safe_text(title, style="bold")
        heading.append_text(
            safe_text(f"   {area.label} › {title}" if area else "   policy area", style="dim")
        )
        self.query_one("#topic-title", Static).update(heading)
        self.query_one("#topic-description", Static).update(safe_text(info.description if info else ""))
        self.query_one(HitList).focus()
        self._load()

    def current_location(self) -> Location:
        label = self.info.label if self.info else self.topic_id
        return Location("topic", self.topic_id, label=label, state={"cursor": self.query_one(HitList).cursor})

    def export_view(self) -> ExportView | None:
        if self.info is None or self.result is None:
            return None
        return topic_view(self.info, self.result)

    @work(thread=True, exclusive=True, group="topic")
    def _load(self) -> None:
        result = self.library.topic_articles(self.topic_id, limit=100)
        names = self.library.topic_name_query(self.topic_id)
        naming = self.library.search(names, limit=1, snippets=0, with_facets=False).total if names else 0
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(result, naming))

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        self.result = result = event.result
        self.query_one(HitList).set_items(result.hits, cursor=self._restore_cursor)
        related = {f: [(v, n) for v, n in result.facets.get(f, []) if v != self.topic_id] for f in RELATED}
        facets = self.query_one(FacetList)
        facets.labels = {t.id: t.label for t in self.library.topics()}
        facets.set_items(facet_rows(related, {}))
        parts = [f"{result.total} article(s) about this topic"]
        if result.notice:
            parts.append(result.notice)
        if event.naming:
            parts.append(f"{event.naming} name it: / searches them")
        self.query_one("#topic-status", StatusBar).say(" · ".join(parts))

    @on(HitList.Selected)
    def open_hit(self, event: HitList.Selected) -> None:
        hit = self.query_one(HitList).items[event.index]
        query = self.library.topic_query_text(self.topic_id)
        self.app.navigate(  # type: ignore[attr-defined]
            Location("article", hit.id, label=hit.title, state={"query": query, "focus": "reader"})
        )

    def action_search_mentions(self) -> None:
        names = self.library.topic_name_query(self.topic_id)
        if names:
            label = self.info.label if self.info else self.topic_id
            self.app.navigate(Location("search", names, label=label))  # type: ignore[attr-defined]

    @on(FacetList.Toggled)
    def open_related(self, event: FacetList.Toggled) -> None:
        if event.facet == "topic":
            self.app.navigate(Location("topic", event.value))  # type: ignore[attr-defined]
        else:
            location = Location(
                "search", "", label=event.value, state={"filters": {event.facet: [event.value]}}
            )
            self.app.navigate(location)  # type: ignore[attr-defined]
