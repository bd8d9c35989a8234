"""Moving between views like a browser: every place is a Location kept in the history.

A part of ``BriefApp``: articles show on the main screen; every other kind of place
is a screen of its own, swapped in above it.
"""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

from search.library import Library
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.entity import EntityScreen
from tui.screens.entity_index import EntityIndexScreen
from tui.screens.load_report import LoadReportScreen
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from tui.screens.topic import TopicScreen
from tui.state.bookmarks import Bookmarks
from tui.state.history import History, Location
from tui.widgets.breadcrumb import Breadcrumb

ON_MAIN_SCREEN = ("article", "index")


class NavigationMixin(App[None]):
    history: History
    library: Library | None
    bookmarks: Bookmarks

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

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

    def current_location(self) -> Location | None:
        """Where the user is now, with the state of the view (None on dialogs)."""
        screen = self.screen
        # equivalent mutant (or True) in practice only: no key reaches here from a dialog (a dialog
        # takes the keys, the command palette closes first); kept for what may call it one day
        return screen.current_location() if hasattr(screen, "current_location") else None

    def _remember(self) -> None:
        location = self.current_location()
        if location is not None:
            self.history.update_current(location)

    def _show(self, location: Location) -> None:
        if self.library is None:
            return
        if location.kind in ON_MAIN_SCREEN:
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

    def _screen_for(self, location: Location, library: Library) -> Screen[None]:
        screens = {
            "search": SearchScreen,
            "topic": TopicScreen,
            "entity": EntityScreen,
            "entities": EntityIndexScreen,
            "report": LoadReportScreen,
        }
        if location.kind == "bookmarks":
            return BookmarksScreen(self.bookmarks, library.corpus_path, location)
        return screens[location.kind](library, location)

    def _update_breadcrumb(self) -> None:
        for crumb in self.screen.query(Breadcrumb):
            crumb.show_trail(self.history.trail(), self.history.can_go_back, self.history.can_go_forward)
