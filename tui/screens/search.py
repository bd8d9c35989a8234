"""The search screen: a live query, ranked hits with highlighted snippets, facets and filters."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static
from textual.worker import get_current_worker

from search.export import ExportView, search_view
from search.library import Library
from search.model import SearchResult, Snippet
from tui.state.history import Location
from tui.state.query_history import QueryHistory, Recall
from tui.text import clean, one_line
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.chips import ChipBar
from tui.widgets.facet_list import FacetList, facet_rows
from tui.widgets.hit_list import HitList
from tui.widgets.key_bar import KeyBar
from tui.widgets.status import StatusBar

SYNTAX_HINT = 'all words · a OR b · -word · "a phrase" · (a OR b) c · entity:"Abe" topic: year: · wild* typo~'
SYNTAX_HELP = (
    'Every word must match; a OR b; -word or NOT word leaves it out; "a phrase"; (brackets) group; '
    'filters narrow: entity:"New York" topic:defence source:reuters section:politics year:1987; '
    "tarif* (wildcard), kishda~ (typos)"
)
RESULT_LIMIT = 50  # hits asked for at a time; more load as the cursor nears the end


class SearchScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Close", id="search.close", tooltip="Close search and go back"),
        Binding(
            "enter",
            "open_top",
            "Open",
            show=False,
            id="search.open",
            tooltip=f"Open the top result. {SYNTAX_HELP}",
        ),
        Binding(
            "up", "older_query", "Earlier query", show=False, id="search.older", tooltip="Earlier queries"
        ),
        Binding(
            "down",
            "newer_query",
            "Results",
            show=False,
            id="search.to_results",
            tooltip="Later queries; then the results",
        ),
        Binding(
            "x", "export_all", "Export", id="search.export", tooltip="Export every match (md, json, csv)"
        ),
        Binding("ctrl+x", "clear_filters", "Clear filters", id="search.clear_filters"),
        Binding("f4", "toggle_facets", "Facets", id="search.facets", tooltip="Show or hide the facet pane"),
    ]

    class Done(Message):
        def __init__(self, result: SearchResult, generation: int) -> None:
            super().__init__()
            self.result = result
            self.generation = generation

    class MoreDone(Message):
        def __init__(self, result: SearchResult, generation: int) -> None:
            super().__init__()
            self.result = result
            self.generation = generation

    class AllDone(MoreDone):
        """Every match, for an export."""

    class SnippetsDone(Message):
        def __init__(self, found: dict[str, tuple[Snippet, ...]], generation: int) -> None:
            super().__init__()
            self.found = found
            self.generation = generation

    class FacetsDone(Message):
        def __init__(self, counts: dict[str, list[tuple[str, int]]], generation: int) -> None:
            super().__init__()
            self.counts = counts
            self.generation = generation

    def __init__(self, library: Library, location: Location) -> None:
        super().__init__()
        self.library = library
        self.query_text = location.key
        self.filters: dict[str, list[str]] = {
            k: list(v) for k, v in location.state.get("filters", {}).items()
        }
        self._restore_cursor = int(location.state.get("cursor", 0))
        self._generation = 0
        self._open_when_done = False  # Enter came before the hits
        self._loading_more = False
        self.result: SearchResult | None = None
        self.export_result: SearchResult | None = None  # every match, while exporting
        self.history = QueryHistory(library.corpus_path)
        self.recall = Recall(self.history.queries)

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Breadcrumb(id="breadcrumb")
        yield Input(value=self.query_text, placeholder="Search the articles…", id="query")
        yield Static(SYNTAX_HINT, id="syntax-hint")
        yield Button("", id="suggestion", compact=True, variant="warning", classes="-hidden")
        yield ChipBar(id="chips")
        with Horizontal(id="search-panes"):
            yield HitList(id="hits")
            yield FacetList(id="facets")
        yield StatusBar("Type to search.", id="search-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ChipBar).show_filters(self.filters)
        if self.query_text or self.filters:
            self.query_one(HitList).focus()
            self.search()
        else:
            self.query_one(Input).focus()
            self.call_after_refresh(self._type_ahead)

    def _type_ahead(self) -> None:
        """The keys typed straight after '/' (held by the app until the box has the focus)."""
        typed = self.app.type_ahead.take()  # type: ignore[attr-defined]
        if typed:
            self.query_one(Input).insert_text_at_cursor(typed)

    def current_location(self) -> Location:
        hits = self.query_one(HitList)
        return Location(
            "search",
            self.query_text,
            label=self.query_text or "(all)",
            state={"filters": {k: list(v) for k, v in self.filters.items()}, "cursor": hits.cursor},
        )

    # -- searching -------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def query_changed(self, event: Input.Changed) -> None:
        if event.value == self.query_text:
            return  # the initial value, or a restored query
        self.query_text = event.value
        self._restore_cursor = 0
        self._open_when_done = False
        self.search()

    @on(Input.Submitted, "#query")
    def query_submitted(self) -> None:
        self.action_open_top()

    def action_open_top(self) -> None:
        """Open the highlighted result, or the top one: at once, or when the search is done."""
        hits = self.query_one(HitList)
        if self.result is None or self.result.query != self.query_text:
            self._open_when_done = True
        elif hits.items:
            self._open(hits.cursor)

    def action_older_query(self) -> None:
        query = self.query_one(Input)
        older = self.recall.older(query.value)
        if older is not None:
            query.value = older
            query.cursor_position = len(older)

    def action_newer_query(self) -> None:
        newer = self.recall.newer()
        if newer is None:
            self.action_focus_results()
            return
        query = self.query_one(Input)
        query.value = newer
        query.cursor_position = len(newer)

    def _remember(self) -> None:
        self.history.add(self.query_text)
        self.recall = Recall(self.history.queries)
        for problem in self.history.problems:
            self.notify(one_line(problem), title="Query history", severity="warning", markup=False)
        self.history.problems.clear()

    def search(self) -> None:
        self._generation += 1
        filters = {k: list(v) for k, v in self.filters.items()}
        limit = max(RESULT_LIMIT, self._restore_cursor + 1)  # back to a row further down: list it
        self._search(self.query_text, filters, limit, self._generation)

    @work(thread=True, exclusive=True, group="more")
    def _more(self, text: str, filters: dict[str, list[str]], offset: int, generation: int) -> None:
        result = self.library.search(
            text, limit=RESULT_LIMIT, filters=filters, snippets=0, with_facets=False, offset=offset
        )
        self.post_message(self.MoreDone(result, generation))

    @work(thread=True, exclusive=True, group="export")
    def _all(self, text: str, filters: dict[str, list[str]], generation: int) -> None:
        result = self.library.search(text, limit=None, filters=filters, with_facets=False)
        self.post_message(self.AllDone(result, generation))

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str, filters: dict[str, list[str]], limit: int, generation: int) -> None:
        """The hits first (their snippets come as their rows come into view), then the facet counts
        (a fifth of a large search: the hits need not wait)."""
        result = self.library.search(text, limit=limit, filters=filters, snippets=0, with_facets=False)
        if get_current_worker().is_cancelled:
            return
        self.post_message(self.Done(result, generation))
        counts = self.library.facet_counts(text, filters) if result.hits else {}
        if not get_current_worker().is_cancelled:
            self.post_message(self.FacetsDone(counts, generation))

    @on(Done)
    def show_result(self, event: Done) -> None:
        if event.generation != self._generation:
            return  # a newer search is on its way
        self.result = result = event.result
        self._loading_more = False
        hits = self.query_one(HitList)
        hits.total, hits.query = result.total, self.query_text
        hits.new_result(list(result.hits), cursor=self._restore_cursor)
        suggestion = self.query_one("#suggestion", Button)
        suggestion.label = f"Did you mean: {clean(result.suggestion)}?" if result.suggestion else ""
        suggestion.set_class(not result.suggestion, "-hidden")
        suggestion.refresh(layout=True)
        self._say()
        if self._open_when_done:
            self._open_when_done = False
            self.action_open_top()

    def _say(self) -> None:
        """The status line: how many match, how many are listed, and the search's notice."""
        result, parts = self.result, []
        if result is not None and (self.query_text or self.filters):
            shown = len(self.query_one(HitList).items)
            parts.append(
                f"{shown} of {result.total} articles"
                if shown < result.total
                else f"{result.total} article(s) match"
            )
            parts.append(result.notice)
        self.query_one("#search-status", StatusBar).say(
            " · ".join(p for p in parts if p) or "Type to search."
        )

    @on(HitList.NeedMore)
    def load_more(self) -> None:
        hits = self.query_one(HitList)
        if self._loading_more or self.result is None or len(hits.items) >= self.result.total:
            return
        self._loading_more = True
        filters = {k: list(v) for k, v in self.filters.items()}
        self._more(self.query_text, filters, len(hits.items), self._generation)

    @on(MoreDone)
    def show_more(self, event: MoreDone) -> None:
        if event.generation != self._generation or isinstance(event, self.AllDone):
            return
        self._loading_more = False
        hits = self.query_one(HitList)
        hits.set_items(hits.items + list(event.result.hits), cursor=hits.cursor)
        self._say()

    @on(HitList.NeedSnippets)
    def load_snippets(self, event: HitList.NeedSnippets) -> None:
        if self.result is not None and self.result.query == self.query_text:  # else: a newer search
            self._snippets(self.query_text, event.ids, self._generation)

    @work(thread=True, group="snippets")
    def _snippets(self, text: str, ids: list[str], generation: int) -> None:
        if generation == self._generation:  # else a newer search is on its way: drop it
            self.post_message(self.SnippetsDone(self.library.snippets(text, ids), generation))

    @on(SnippetsDone)
    def show_snippets(self, event: SnippetsDone) -> None:
        if event.generation == self._generation:
            self.query_one(HitList).add_snippets(event.found)

    @on(FacetsDone)
    def show_facets(self, event: FacetsDone) -> None:
        if event.generation != self._generation or self.result is None:
            return
        self.result = replace(self.result, facets=event.counts)
        facets = self.query_one(FacetList)
        if event.counts.get("topic") and not facets.labels:
            facets.labels = {t.id: t.label for t in self.library.topics()}
        facets.set_items(facet_rows(event.counts, self.filters))
        facets.set_class(not facets.items, "-hidden")

    # -- actions ---------------------------------------------------------------------------

    @on(HitList.Selected)
    def open_hit(self, event: HitList.Selected) -> None:
        self._open(event.index)

    def _open(self, index: int) -> None:
        hit = self.query_one(HitList).items[index]
        self._remember()
        self.app.navigate(  # type: ignore[attr-defined]
            Location("article", hit.id, label=hit.title, state={"query": self.query_text, "focus": "reader"})
        )

    @on(Button.Pressed, "#suggestion")
    def use_suggestion(self) -> None:
        if self.result and self.result.suggestion:
            self.query_one(Input).value = self.result.suggestion  # triggers a new search

    @on(FacetList.Toggled)
    def toggle_facet(self, event: FacetList.Toggled) -> None:
        values = self.filters.setdefault(event.facet, [])
        if event.value in values:
            values.remove(event.value)
        else:
            values.append(event.value)
        self._filters_changed()

    @on(ChipBar.Removed)
    def remove_chip(self, event: ChipBar.Removed) -> None:
        if event.value in self.filters.get(event.facet, []):
            self.filters[event.facet].remove(event.value)
        self._filters_changed()

    def action_clear_filters(self) -> None:
        self.filters.clear()
        self._filters_changed()

    def _filters_changed(self) -> None:
        self.filters = {k: v for k, v in self.filters.items() if v}
        self.query_one(ChipBar).show_filters(self.filters)
        self._restore_cursor = 0
        self.search()

    def action_export_all(self) -> None:
        """Export every match (gathered first, off the UI thread), not only the ones listed."""
        if self.result is None or not self.result.total:
            self.notify("Nothing to export: no article matches.", timeout=3)
            return
        if self.result.total <= len(self.query_one(HitList).items):  # all listed already
            self.app.action_export()  # type: ignore[attr-defined]
            return
        self.notify(f"Gathering all {self.result.total} matches…", timeout=3)
        self._all(self.query_text, {k: list(v) for k, v in self.filters.items()}, self._generation)

    @on(AllDone)
    def export_all(self, event: AllDone) -> None:
        if event.generation != self._generation:
            return
        self.export_result = event.result
        try:
            self.app.action_export()  # type: ignore[attr-defined]
        finally:
            self.export_result = None

    def export_view(self) -> ExportView | None:
        result = self.export_result or self.result
        if result is None:
            return None
        if result is self.result:  # what is listed (more than the first page, once scrolled)
            listed = self.query_one(HitList)
            listed.add_snippets(
                self.library.snippets(self.query_text, [h.id for h in listed.items if not h.snippets])
            )
            result = replace(result, hits=list(listed.items))
        view = search_view(self.query_text, result, self.filters)
        listed = (
            f"{len(result.hits)} of {result.total}"
            if len(result.hits) < result.total
            else f"all {result.total}"
        )
        return replace(view, title=f"{view.title} ({listed} articles)")

    def on_resize(self) -> None:
        self.set_class(self.size.width < 90, "-narrow")

    def action_toggle_facets(self) -> None:
        self.toggle_class("-show-facets" if self.has_class("-narrow") else "-hide-facets")

    def action_focus_results(self) -> None:
        if self.query_text:
            self._remember()
        self.query_one(HitList).focus()
