"""The main screen: the article list beside the reader."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from search.library import Library
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader
from tui.widgets.status import StatusBar


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab", "app.focus_next", "Switch pane", id="main.next_pane", tooltip="Move focus to the next pane"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield Reader(id="reader")
        yield StatusBar("Opening corpus…", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()

    def show_library(self, library: Library) -> None:
        self.library = library
        articles = self.query_one(ArticleList)
        articles.set_items(library.articles())
        self.query_one(StatusBar).say(self._status_line(library))
        self.sub_title = library.name

    @staticmethod
    def _status_line(library: Library) -> str:
        report = library.load_report
        parts = [report.summary()]
        if library.read_only:
            parts.append("read-only index")
        return " · ".join(parts)

    @on(ArticleList.Selected)
    def open_article(self, event: ArticleList.Selected) -> None:
        articles = self.query_one(ArticleList)
        summary = articles.items[event.index]
        if self.library is None:
            return
        article = self.library.article(summary.id)
        reader = self.query_one(Reader)
        reader.show(article)
