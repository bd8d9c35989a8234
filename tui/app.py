"""The brief-tui application: opens the corpus off the UI thread and shows the main screen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType

from search.library import Library
from tui.messages import IndexProgress, LibraryFailed, LibraryReady
from tui.screens.main import MainScreen
from tui.widgets.status import StatusBar


class BriefApp(App[None]):
    TITLE = "brief-tui"
    CSS_PATH = "styles/app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit", tooltip="Quit brief-tui"),
        Binding("q", "quit", "Quit", show=False, id="app.quit_q"),
    ]

    def __init__(
        self,
        corpus: str | Path | None = None,
        index_dir: str | Path | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.index_dir = index_dir
        self.library = library

    def on_mount(self) -> None:
        self.push_screen(MainScreen())
        if self.library is not None:
            self.post_message(LibraryReady(self.library))
        else:
            self.open_library()

    @work(thread=True, exclusive=True, group="library")
    def open_library(self) -> None:
        try:
            library = Library.open(
                self.corpus,
                index_dir=self.index_dir,
                progress=lambda done, total: self.post_message(IndexProgress(done, total)),
            )
        except Exception as err:
            self.post_message(LibraryFailed(f"Could not open {self.corpus or 'the seeds'}: {err}"))
            return
        self.post_message(LibraryReady(library))

    @on(IndexProgress)
    def show_progress(self, event: IndexProgress) -> None:
        self.screen.query_one(StatusBar).say(f"Indexing… {event.done}/{event.total} files")

    @on(LibraryReady)
    def library_ready(self, event: LibraryReady) -> None:
        self.library = event.library
        screen = self.get_screen_main()
        screen.show_library(event.library)
        for notice in event.library.notices:
            self.notify(notice, title="Index", severity="warning", timeout=8)
        report = event.library.load_report
        if report.skipped or report.repaired:
            self.notify(report.summary(), title="Loaded with problems", timeout=6)

    @on(LibraryFailed)
    def library_failed(self, event: LibraryFailed) -> None:
        self.notify(event.error, title="Error", severity="error", timeout=30)
        self.screen.query_one(StatusBar).say(event.error)

    def get_screen_main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()
