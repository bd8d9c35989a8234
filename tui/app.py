"""The brief-tui application: opens the corpus off the UI thread, then navigates between views."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen

from search.library import Library
from search.model import TopicMatch
from tui.commands import TopicCommands
from tui.messages import IndexProgress, LibraryFailed, LibraryReady
from tui.screens.entity import EntityScreen
from tui.screens.entity_index import EntityIndexScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from tui.screens.topic import TopicScreen
from tui.screens.topic_palette import TopicPalette
from tui.state.history import History, Location
from tui.text import one_line
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.reader import Reader
from tui.widgets.status import StatusBar
from tui.widgets.virtual_list import VirtualList


def help_sections() -> list[tuple[str, list[BindingType]]]:
    """The help screen's sections: each screen's and widget's own bindings."""
    return [
        ("Everywhere", BriefApp.BINDINGS),
        ("Lists (articles, results, topics, facets)", VirtualList.BINDINGS),
        ("Reader", Reader.BINDINGS),
        ("Main screen", MainScreen.BINDINGS),
        ("Search", SearchScreen.BINDINGS),
        ("Topic palette", TopicPalette.BINDINGS),
        ("Topic", TopicScreen.BINDINGS),
        ("Entity", EntityScreen.BINDINGS),
        ("Entity index", EntityIndexScreen.BINDINGS),
    ]


class BriefApp(App[None]):
    TITLE = "brief-tui"
    CSS_PATH = "styles/app.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {*App.COMMANDS, TopicCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit", tooltip="Quit brief-tui"),
        Binding("q", "quit", "Quit", show=False, id="app.quit_q"),
        Binding("slash", "search", "Search", id="app.search", tooltip="Full-text search"),
        Binding("t", "topics", "Topics", id="app.topics", tooltip="Find articles by policy topic"),
        Binding(
            "e", "entities", "Entities", id="app.entities", tooltip="Every person, place and organisation"
        ),
        Binding("backspace,alt+left,H", "back", "Back", id="app.back", tooltip="Go back"),
        Binding("alt+right,L", "forward", "Forward", show=False, id="app.forward", tooltip="Go forward"),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Show every key"),
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
        self.history = History()

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    def on_mount(self) -> None:
        if self.library is None:
            self.open_library()

    def main_screen_mounted(self) -> None:
        """The main screen is ready: show a library that was handed in ready-made."""
        if self.library is not None:
            self.library_ready(LibraryReady(self.library))

    # -- opening the corpus ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="library")
    def open_library(self) -> None:
        try:
            library = Library.open(
                self.corpus,
                index_dir=self.index_dir,
                progress=lambda done, total: self.post_message(IndexProgress(done, total)),
            )
        except Exception as err:  # shown to the user instead of a traceback
            self.post_message(LibraryFailed(f"Could not open {self.corpus or 'the seeds'}: {err}"))
            return
        self.post_message(LibraryReady(library))

    @on(IndexProgress)
    def show_progress(self, event: IndexProgress) -> None:
        self.main_screen.query_one(StatusBar).say(f"Indexing… {event.done}/{event.total} files")

    @on(LibraryReady)
    def library_ready(self, event: LibraryReady) -> None:
        self.library = event.library
        self.main_screen.show_library(event.library)
        self.history.visit(Location("index", ""))
        self._update_breadcrumb()
        for notice in event.library.notices:
            self.notify(one_line(notice), title="Index", severity="warning", timeout=8, markup=False)
        report = event.library.load_report
        if report.skipped:
            self.notify(report.summary(), title="Some files were skipped", timeout=6)

    @on(LibraryFailed)
    def library_failed(self, event: LibraryFailed) -> None:
        self.notify(one_line(event.error), title="Error", severity="error", timeout=30, markup=False)
        self.main_screen.query_one(StatusBar).say(event.error)

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    # -- navigation ------------------------------------------------------------------------

    def navigate(self, location: Location) -> None:
        """Go to a new place, remembering how the current one was left."""
        self._remember()
        self.history.visit(location)
        self._show(location)

    def action_back(self) -> None:
        self._remember()
        location = self.history.back()
        if location is None:
            self.notify("Nothing to go back to.", timeout=2)
            return
        self._show(location)

    def action_forward(self) -> None:
        self._remember()
        location = self.history.forward()
        if location is not None:
            self._show(location)

    def action_search(self) -> None:
        if self.library is None:
            return
        if isinstance(self.screen, SearchScreen):
            self.screen.query_one("#query").focus()
            return
        self.navigate(Location("search", "", label="(new)"))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_sections()))

    def action_entities(self) -> None:
        if self.library is not None:
            self.navigate(Location("entities", "", label="all"))

    def action_topics(self) -> None:
        if self.library is not None:
            self.push_screen(TopicPalette(self.library), self.open_topic_choice)

    def open_topic_choice(self, choice: TopicMatch | str | None) -> None:
        """Go where a topic pick leads: the topic, a phrase's search, or a full-text search."""
        if choice is None:
            return
        if isinstance(choice, str):
            self.navigate(Location("search", choice, label=choice))
        elif choice.kind == "phrase":
            self.navigate(Location("search", f'"{choice.key}"', label=choice.key))
        else:
            self.navigate(
                Location("topic", choice.key, label=choice.topic.label if choice.topic else choice.key)
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search", "Full-text search of the articles (/)", self.action_search)
        yield SystemCommand("Topics", "Find articles by policy topic (t)", self.action_topics)
        yield SystemCommand("Entities", "Every person, place and organisation (e)", self.action_entities)
        yield SystemCommand("Help", "Every key, by screen (F1)", self.action_help)
        yield SystemCommand("Back", "Go back in the history (backspace)", self.action_back)
        yield SystemCommand("Forward", "Go forward in the history (alt+right)", self.action_forward)

    def _remember(self) -> None:
        screen = self.screen
        if hasattr(screen, "current_location"):
            self.history.update_current(screen.current_location())

    def _show(self, location: Location) -> None:
        if self.library is None:
            return
        if location.kind in ("article", "index"):
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.main_screen.show_location(location)
        else:
            screen = self._screen_for(location, self.library)
            if len(self.screen_stack) > 1:
                self.switch_screen(screen)
            else:
                self.push_screen(screen)
        self.call_after_refresh(self._update_breadcrumb)

    @staticmethod
    def _screen_for(location: Location, library: Library) -> Screen[None]:
        if location.kind == "search":
            return SearchScreen(library, location)
        if location.kind == "topic":
            return TopicScreen(library, location)
        if location.kind == "entity":
            return EntityScreen(library, location)
        if location.kind == "entities":
            return EntityIndexScreen(library, location)
        raise ValueError(f"unknown place {location.kind!r}")

    def _update_breadcrumb(self) -> None:
        for crumb in self.screen.query(Breadcrumb):
            crumb.show_trail(self.history.trail(), self.history.can_go_back, self.history.can_go_forward)

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()
