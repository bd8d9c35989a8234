"""The main screen: the article list beside the reader."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header

from search.library import Library
from tui.links import open_url
from tui.state.history import Location
from tui.text import one_line
from tui.widgets.article_info import RELATED_HEADING, ArticleInfo, InfoRow, info_rows
from tui.widgets.article_list import ArticleList
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.key_bar import KeyBar
from tui.widgets.reader import Mark, Reader, entity_kind
from tui.widgets.status import StatusBar


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab", "next_pane", "Switch pane", id="main.next_pane", tooltip="Move focus to the next pane"
        ),
        Binding(
            "escape,h",
            "focus_list",
            "List",
            id="main.to_list",
            tooltip="Back to the article list (from the reader or the side pane)",
        ),
        Binding(
            "q", "close", "Quit", show=False, id="main.close", tooltip="Back to the list; on the list, quit"
        ),
        Binding("i", "toggle_info", "Info", id="main.toggle_info", tooltip="Show or hide the side pane"),
        Binding("r", "related", "Related", id="main.related", tooltip="More like this: related articles"),
        Binding("a", "app.note", "Note", id="main.note", tooltip="Write a note on the open article"),
        Binding(
            "u",
            "open_url",
            "Open URL",
            id="main.open_url",
            tooltip="Open the article's web page (http/https)",
        ),
        Binding("u", "no_url", show=False),  # u when the article has none (open_url is hidden then)
    ]
    NARROW = 140  # columns below which the side pane folds away (the reader keeps a readable measure)
    TINY = 70  # ... and below which only the focused pane of list and reader shows
    PREVIEW_DELAY = 0.12  # seconds the cursor rests on an article before the reader shows it

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None
        self.query_text = ""  # the search whose hits the reader marks
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Breadcrumb(id="breadcrumb")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield Reader(id="reader")
            yield ArticleInfo(id="info")
        yield StatusBar("Opening corpus…", id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()
        self.app.main_screen_mounted()  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")
        self.set_class(self.size.width < self.TINY, "-tiny")

    def on_descendant_focus(self) -> None:
        self.set_class(self.query_one(Reader).has_focus, "-reading")
        self.refresh_bindings()  # "List" shows in the key bar only away from the list

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_list":
            return not self.query_one(ArticleList).has_focus
        if action == "open_url":
            article = self.query_one(Reader).article
            return article is not None and bool(article.url)  # hidden when there is no URL
        return True

    def action_focus_list(self) -> None:
        self.query_one(ArticleList).focus()

    def action_close(self) -> None:
        """q: back to the list from the reader or the side pane; on the list, quit."""
        if self.query_one(ArticleList).has_focus:
            self.app.exit()
        else:
            self.action_focus_list()

    def action_next_pane(self) -> None:
        if not self.has_class("-tiny"):
            self.focus_next()
        elif self.query_one(Reader).has_focus:
            self.query_one(ArticleList).focus()
        else:
            self.add_class("-reading")  # shows the reader, so that it can take the focus
            self.call_after_refresh(self.query_one(Reader).focus)

    def action_toggle_info(self) -> None:
        """Classes, not the widget's display: each layout keeps its own choice across a resize."""
        self.toggle_class("-show-info" if self.has_class("-narrow") else "-hide-info")

    def _show_side_pane(self) -> None:
        self.add_class("-show-info") if self.has_class("-narrow") else self.remove_class("-hide-info")

    def show_library(self, library: Library) -> None:
        """Show the corpus's articles (again, after an update: the cursor stays on its article)."""
        self.library = library
        articles = self.query_one(ArticleList)
        current = articles.current
        items = library.articles()
        # (its article gone, the cursor stays on its row: on the next article)
        index = next(
            (i for i, a in enumerate(items) if current is not None and a.id == current.id), articles.cursor
        )
        articles.indexing = library.pending > 0
        articles.set_items(items, cursor=index)
        self.query_one(StatusBar).say(self._status_line(library))
        self._reread()
        self.call_after_refresh(self._preview)  # after the first frame with the list
        self.sub_title = one_line(library.name)  # the folder's name may hold escapes or newlines

    def show_progress(self, line: str) -> None:
        """An update is running: say how far it has got (the list fills as it goes)."""
        self.query_one(ArticleList).indexing = True
        self.query_one(StatusBar).say(line)

    def _reread(self) -> None:
        """The article in the reader changed on disk and was indexed again: show its new text, at the
        same place (a deleted one stays on screen until the user moves on)."""
        reader = self.query_one(Reader)
        shown = reader.article
        if shown is None or self.library is None:
            return
        fresh = self.library.article(shown.id)
        if fresh is not None and (fresh.title, fresh.body) != (shown.title, shown.body):
            scroll = reader.scroll_offset.y
            self._display(shown.id)
            reader.scroll_to(y=scroll, animate=False, immediate=True)

    @staticmethod
    def _status_line(library: Library) -> str:
        parts = [library.load_report.summary()]
        if library.read_only:
            parts.append("read-only index")
        return " · ".join(parts)

    # -- preview ---------------------------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _cursor_moved(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(self.PREVIEW_DELAY, self._preview)

    def _preview(self) -> None:
        """Show the highlighted article in the reader; the focus stays on the list."""
        summary = self.query_one(ArticleList).current
        reader = self.query_one(Reader)
        if summary is None or self.library is None:
            return
        if reader.article is not None and reader.article.id == summary.id:
            return
        self.query_text = ""
        self._display(summary.id)

    def _display(self, article_id: str) -> list[Mark] | None:
        """Show one article (its hits for ``query_text`` marked) and its side pane; None if gone."""
        assert self.library is not None
        article = self.library.article(article_id)
        if article is None:
            return None
        hits = [Mark(a, b, "hit") for a, b in self.library.match_spans(self.query_text, article)]
        self.query_one(Reader).show(article, hits + self._mentions(article.id))
        self._show_info(article.id)
        self.refresh_bindings()
        return hits

    # -- navigation ------------------------------------------------------------------------

    def current_location(self) -> Location:
        reader = self.query_one(Reader)
        articles = self.query_one(ArticleList)
        state = {"cursor": articles.cursor, "scroll": reader.scroll_offset.y, "focus": self._focus_name()}
        if reader.article is None:
            return Location("index", "", state=state)
        state["query"] = self.query_text
        if reader.current is not None:
            state["mark"] = (
                reader.current.start,
                reader.current.end,
                reader.current.kind,
                reader.current.ref,
            )
        return Location("article", reader.article.id, label=reader.article.title, state=state)

    def _focus_name(self) -> str:
        return "reader" if self.query_one(Reader).has_focus else "articles"

    def show_location(self, location: Location) -> None:
        """Display a history entry: an article (with its search hits marked) or just the list."""
        articles = self.query_one(ArticleList)
        reader = self.query_one(Reader)
        if location.kind == "article" and self.library is not None:
            self.query_text = location.state.get("query", "")
            hits = self._display(location.key)
            if hits is None:
                failed = self.library.read_failure  # (a damaged index: repaired at the next update)
                gone = one_line(failed or f"Article {location.key!r} is no longer in the corpus.")
                self.notify(gone, severity="warning", markup=False)
                return
            index = next((i for i, a in enumerate(articles.items) if a.id == location.key), None)
            if index is not None and "cursor" not in location.state:
                articles.move_to(index)
            self._restore_view(location, hits)
        if "cursor" in location.state:
            articles.move_to(int(location.state["cursor"]))
        if location.kind == "index":
            self._preview()
        focus = location.state.get(
            "focus", "reader" if self.has_class("-tiny") and reader.article else "articles"
        )
        if focus == "reader":
            self.add_class("-reading")
        self.set_focus(reader if focus == "reader" else articles)  # now: the next key goes there

    def entities_ready(self) -> None:
        """Names are linked now: colour them in the open article and list them beside it."""
        reader = self.query_one(Reader)
        if reader.article is None or self.library is None:
            return
        hits = [m for m in reader.marks if not m.ref]
        current, scroll = reader.current, reader.scroll_offset.y
        reader.show(reader.article, hits + self._mentions(reader.article.id))
        reader.set_current(current)
        reader.scroll_to(y=scroll, animate=False, immediate=True)
        self._show_info(reader.article.id)

    def _mentions(self, article_id: str) -> list[Mark]:
        assert self.library is not None
        if not self.library.links_ready:
            return []  # coloured when the background linking finishes (entities_ready)
        links = self.library.entity_links()
        marks = []
        for m in links.mentions(article_id):
            entity = links.entity_of(m)
            if entity is not None:
                marks.append(Mark(m.start, m.end, entity_kind(entity.label), entity.id))
        return marks

    def note_changed(self, article_id: str) -> None:
        reader = self.query_one(Reader)
        if reader.article is not None and reader.article.id == article_id:
            self._show_info(article_id)

    def _show_info(self, article_id: str) -> None:
        assert self.library is not None
        note = self.app.bookmarks.note(self.library.corpus_path, article_id)  # type: ignore[attr-defined]
        mentions = []
        if self.library.links_ready:
            links = self.library.entity_links()
            mentions = [(m, e) for m in links.mentions(article_id) if (e := links.entity_of(m)) is not None]
        library = self.library
        rows = info_rows(
            library.article_topics(article_id),
            mentions,
            library.related(article_id),
            library.key_terms(article_id),
        )
        if note:
            rows[:0] = [
                InfoRow("heading", label="Your note"),
                InfoRow("note", article_id, note.replace("\n", " ")),
            ]
        self.query_one(ArticleInfo).set_items(rows)

    @on(Reader.MarkChosen)
    def open_mention(self, event: Reader.MarkChosen) -> None:
        self._open_entity(event.mark.ref)

    @on(ArticleInfo.Chosen)
    def open_info(self, event: ArticleInfo.Chosen) -> None:
        row = event.row
        navigate = self.app.navigate  # type: ignore[attr-defined]
        if row.kind == "topic":
            navigate(Location("topic", row.key, label=row.label))
        elif row.kind == "related":
            navigate(Location("article", row.key, label=row.label))
        elif row.kind == "term":
            navigate(Location("search", row.key, label=row.key))
        elif row.kind == "note":
            self.app.action_note()  # type: ignore[attr-defined]
        else:
            self._open_entity(row.key)

    def action_open_url(self) -> None:
        article = self.query_one(Reader).article
        if article is None:
            self.notify("Open an article first.", timeout=3)
            return
        launched, message = open_url(article.url)
        self.notify(message, severity="information" if launched else "warning", timeout=4, markup=False)

    def action_no_url(self) -> None:
        self.notify("This article has no URL.", timeout=3)

    def action_related(self) -> None:
        self._show_side_pane()
        info = self.query_one(ArticleInfo)
        if not info.focus_section(RELATED_HEADING):
            self.notify("Open an article first; related articles show beside it.", timeout=3)

    def _open_entity(self, entity_id: str) -> None:
        entity = self.library.entity(entity_id) if self.library else None
        if entity is not None:
            self.app.navigate(Location("entity", entity.id, label=entity.name))  # type: ignore[attr-defined]

    def _restore_view(self, location: Location, marks: list[Mark]) -> None:
        reader = self.query_one(Reader)
        if "mark" in location.state:
            start, end, kind, ref = location.state["mark"]
            same = (m for m in reader.marks if (m.start, m.end) == (start, end))
            reader.set_current(next(same, Mark(start, end, kind, ref)))
        elif marks and "scroll" not in location.state:
            reader.set_current(marks[0])
        if "scroll" in location.state:
            reader.scroll_to(y=int(location.state["scroll"]), animate=False, immediate=True)

    @on(ArticleList.Selected)
    def open_article(self, event: ArticleList.Selected) -> None:
        summary = self.query_one(ArticleList).items[event.index]
        location = Location("article", summary.id, label=summary.title, state={"focus": "reader"})
        self.app.navigate(location)  # type: ignore[attr-defined]
