"""The brief-tui application: opens the corpus off the UI thread, then navigates between views."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import ModalScreen, Screen

from search.library import Library, UpdateStopped
from search.model import TopicMatch
from tui.commands import TopicCommands
from tui.messages import (
    EntitiesReady,
    FolderChanged,
    IndexProgress,
    LibraryFailed,
    LibraryReady,
    LibraryUpdated,
    Notice,
)
from tui.navigation import NavigationMixin
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.entity import EntityScreen
from tui.screens.entity_index import EntityIndexScreen
from tui.screens.help import HelpScreen
from tui.screens.load_report import LoadReportScreen
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from tui.screens.topic import TopicScreen
from tui.screens.topic_palette import TopicPalette
from tui.state.bookmarks import Bookmarks
from tui.state.config import Config
from tui.state.history import History, Location
from tui.state.progress import Progress
from tui.text import one_line
from tui.type_ahead import TypeAhead
from tui.user_data import UserDataMixin
from tui.watching import FolderWatcher
from tui.widgets.reader import Reader
from tui.widgets.status import StatusBar
from tui.widgets.virtual_list import VirtualList

SHOW_WAIT = 1.0  # seconds the update waits for the UI to paint the article list
BUSY_RETRY = 3.0  # seconds between tries while another brief-tui updates the index
BUSY = "Another brief-tui is indexing this folder: showing what it has indexed so far."


class BriefApp(NavigationMixin, UserDataMixin, App[None]):
    TITLE = "brief-tui"
    CSS_PATH = "styles/app.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {*App.COMMANDS, TopicCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit", tooltip="Quit brief-tui"),
        Binding(
            "q",
            "close",
            "Back",
            show=False,
            id="app.close",
            tooltip="Back one level (quits from the main screen)",
        ),
        Binding("slash", "search", "Search", id="app.search", tooltip="Full-text search"),
        Binding("t", "topics", "Topics", id="app.topics", tooltip="Find articles by policy topic"),
        Binding(
            "e", "entities", "Entities", id="app.entities", tooltip="Every person, place and organisation"
        ),
        Binding(
            "m", "bookmark", "Bookmark", show=False, id="app.bookmark", tooltip="Bookmark what is on screen"
        ),
        Binding(
            "apostrophe",
            "bookmarks",
            "Bookmarks",
            show=False,
            id="app.bookmarks",
            tooltip="Bookmarks and notes",
        ),
        Binding(
            "x", "export", "Export", show=False, id="app.export", tooltip="Export this view (md, json, csv)"
        ),
        Binding("backspace,alt+left,H", "back", "Back", id="app.back", tooltip="Go back"),
        Binding("alt+right,L", "forward", "Forward", show=False, id="app.forward", tooltip="Go forward"),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Show every key"),
        Binding(
            "R", "report", "Load report", show=False, id="app.report", tooltip="Files skipped or repaired"
        ),
    ]

    def __init__(
        self,
        corpus: str | Path | None = None,
        index_dir: str | Path | None = None,
        library: Library | None = None,
        config: Config | None = None,
        config_path: Path | None = None,
        config_problems: Sequence[str] = (),
        bookmarks: Bookmarks | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.config_path = config_path
        self.config_problems = list(config_problems)
        self.corpus = corpus if corpus is not None else self.config.corpus
        self.index_dir = index_dir if index_dir is not None else self.config.index_dir
        self.library = library
        self.bookmarks = bookmarks or Bookmarks.load()
        self.history = History()
        self._shutting = threading.Event()
        self._watcher = FolderWatcher(self.post_message, self._shutting)
        self.type_ahead = TypeAhead()

    async def on_event(self, event: events.Event) -> None:
        """A key read is held while the search it follows opens (see ``TypeAhead``)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.type_ahead.holds(event):
                return
            if event.key == "slash" and self._opens_search():
                self.type_ahead.arm()
        await super().on_event(event)

    def _opens_search(self) -> bool:
        """Whether '/' runs this app's search here (the reader and some screens bind it to others)."""
        active = self.screen.active_bindings.get("slash")  # (the binding Textual will run for it)
        return active is not None and active.node is self and active.binding.action == "search"

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    def on_mount(self) -> None:
        self.apply_config()
        if self.library is None:
            self.open_library()

    def main_screen_mounted(self) -> None:
        """The main screen is ready: show a library that was handed in ready-made."""
        if self.library is not None:
            self.library_ready(LibraryReady(self.library))

    @staticmethod
    def binding_sections() -> list[tuple[str, list[BindingType]]]:
        """Each screen's and widget's own bindings: the help screen and keymap checks read them."""
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
            ("Bookmarks", BookmarksScreen.BINDINGS),
            ("Load report", LoadReportScreen.BINDINGS),
        ]

    # -- opening the corpus ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="library")
    def open_library(self) -> None:
        """Open the corpus on the index it has, show it, then bring the index up to date: the
        list fills as files are indexed, pass by pass. Then watch the folder for changes (a
        library handed in ready-made is its maker's to update)."""
        try:
            library = Library.open(self.corpus, index_dir=self.index_dir, refresh=False)
        except Exception as err:  # shown to the user instead of a traceback
            self.post_message(LibraryFailed(f"Could not open {self.corpus or 'the seeds'}: {err}"))
            return
        shown = threading.Event()
        self.post_message(LibraryReady(library, shown))
        shown.wait(SHOW_WAIT)
        for notice in library.settings_notices:
            self.post_message(Notice(notice, "Your files"))
        progress = Progress(lambda done, total, line: self.post_message(IndexProgress(done, total, line)))

        def committed() -> None:
            self.post_message(LibraryUpdated(library, final=False))

        while True:
            try:
                stats = library.refresh(progress, committed)
            except UpdateStopped:
                return
            except Exception:  # what was committed stays usable
                self.post_message(LibraryFailed(f"Could not update the index: {library.failure}"))
                self.post_message(LibraryUpdated(library, final=False))
                return
            if not library.busy:
                break
            self.post_message(IndexProgress(0, 0, BUSY))
            if self._shutting.wait(BUSY_RETRY):
                return
        for notice in stats.notices if stats is not None else ():
            self.post_message(Notice(notice, "Index"))
        if stats is not None and (stats.reindexed or stats.deleted):
            self.post_message(LibraryUpdated(library))
        self._watcher.start(library, progress, committed)

    @on(IndexProgress)
    def show_progress(self, event: IndexProgress) -> None:
        if self.screen_stack:  # (none while quitting: an update or the watcher may still post)
            self.main_screen.show_progress(event.line)

    @on(LibraryReady)
    def library_ready(self, event: LibraryReady) -> None:
        self.library = event.library
        self.main_screen.show_library(event.library)
        if not event.library.articles() and not event.library.read_only:  # a first run: the update
            self.main_screen.show_progress("Looking for articles…")  # follows at once
        self.history.visit(Location("index", ""))
        self._update_breadcrumb()
        for notice in event.library.index_notices:
            self._warn(notice, "Index")
        self._report_skipped(event.library)
        self.call_after_refresh(event.shown.set)  # the first frame with the articles comes first,
        self.call_after_refresh(self.warm_up, event.library)  # then the update and the warm-up

    @on(Notice)
    def notice(self, event: Notice) -> None:
        self._warn(event.text, event.title)

    def _warn(self, notice: str, title: str) -> None:
        self.notify(one_line(notice), title=title, severity="warning", timeout=8, markup=False)

    def _report_skipped(self, library: Library) -> None:
        report = library.load_report
        if any(i.kind == "skipped" and "documentation file" not in i.reason for i in report.issues):
            self.notify(f"{report.summary()} (R shows which)", title="Some files were skipped", timeout=6)

    @work(thread=True, group="warm-up")
    def warm_up(self, library: Library) -> None:
        """Link names across the corpus and load the vocabulary before anyone waits for them."""
        library.entity_links()
        library.find_entities("")  # builds the entity matcher
        library.vocabulary()
        self.post_message(EntitiesReady())
        library.save_links()  # (once the palette is up to date)

    @on(EntitiesReady)
    def entities_ready(self) -> None:
        self.main_screen.entities_ready()

    @on(LibraryUpdated)
    def library_updated(self, event: LibraryUpdated) -> None:
        if not self.screen_stack:
            return
        self.main_screen.show_library(event.library)
        if event.final:
            self._report_skipped(event.library)
            self.warm_up(event.library)

    @on(FolderChanged)
    def folder_changed(self, event: FolderChanged) -> None:
        """The watcher indexed what changed in the folder: the list shows it, the cursor on its article."""
        if not self.screen_stack:
            return
        self.main_screen.show_library(event.library)
        if not event.update.files:  # (only the load report changed: the status line says it)
            return
        if event.update.skipped:
            text = f"{event.update.summary()} (R shows why)"
            self.notify(text, title="Folder changed", severity="warning", timeout=8, markup=False)
        else:
            self.notify(event.update.summary(), title="Folder changed", timeout=5, markup=False)
        self.warm_up(event.library)

    @on(LibraryFailed)
    def library_failed(self, event: LibraryFailed) -> None:
        self.notify(one_line(event.error), title="Error", severity="error", timeout=30, markup=False)
        self.main_screen.query_one(StatusBar).say(event.error)

    # -- actions ---------------------------------------------------------------------------

    def action_search(self) -> None:
        if self.library is None:
            return
        if isinstance(self.screen, SearchScreen):
            self.screen.query_one("#query").focus()
            return
        self.navigate(Location("search", "", label="(new)"))

    def action_close(self) -> None:
        """q: close a dialog, or go back one level; the main screen's own q quits from its list."""
        if isinstance(self.screen, ModalScreen):
            self.screen.dismiss(None)
        else:
            self.action_back()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.binding_sections()))

    def action_report(self) -> None:
        if self.library is not None:
            self.navigate(Location("report", "", label="load report"))

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
            label = choice.topic.label if choice.topic else choice.key
            self.navigate(Location("topic", choice.key, label=label))

    def note_changed(self, article_id: str) -> None:
        self.main_screen.note_changed(article_id)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search", "Full-text search of the articles (/)", self.action_search)
        yield SystemCommand("Topics", "Find articles by policy topic (t)", self.action_topics)
        yield SystemCommand("Entities", "Every person, place and organisation (e)", self.action_entities)
        yield SystemCommand("Help", "Every key, by screen (F1)", self.action_help)
        yield SystemCommand(
            "Load report", "Files that were skipped, repaired or duplicated (R)", self.action_report
        )
        yield SystemCommand("Back", "Go back in the history (backspace)", self.action_back)
        yield SystemCommand("Forward", "Go forward in the history (alt+right)", self.action_forward)
        for title, help_text, action in self.user_commands():
            yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))

    def on_unmount(self) -> None:
        self._shutting.set()
        if self.library is not None:
            self.library.close()  # (an update running stops at its next file)
        self._watcher.stop()
