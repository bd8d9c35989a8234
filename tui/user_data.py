"""What brief-tui keeps for the user: bookmarks, notes, the theme and the keymap.

A part of ``BriefApp``. Bookmarks and notes live in the user data folder, the
theme and the keymap in the config file; all are written atomically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from textual.app import App
from textual.binding import BindingType
from textual.theme import Theme

from search.export import ExportError, export, fmt_for_path, write_export
from search.library import Library
from tui.screens.export_dialog import ExportDialog
from tui.screens.note import NoteDialog
from tui.state.bookmarks import KINDS, Bookmarks, BookmarksError
from tui.state.config import Config, save_theme
from tui.state.history import Location
from tui.text import one_line


class UserDataMixin(App[None]):
    library: Library | None
    bookmarks: Bookmarks
    config: Config
    config_path: Path | None
    config_problems: list[str]

    def binding_sections(self) -> list[tuple[str, list[BindingType]]]:
        raise NotImplementedError

    def current_location(self) -> Location | None:
        raise NotImplementedError

    def navigate(self, location: Location) -> None:
        raise NotImplementedError

    def apply_config(self) -> None:
        """Theme and keymap from the config file; every problem is shown, none is fatal."""
        problems = [*self.config_problems, *self.bookmarks.problems]
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                problems.append(f"Unknown theme {self.config.theme!r} in the config; using the default.")
        if self.config.keymap:
            known = {
                b.id for _, bindings in self.binding_sections() for b in bindings if getattr(b, "id", None)
            }
            unknown = sorted(set(self.config.keymap) - known)
            if unknown:
                more = f" (+{len(unknown) - 10} more)" if len(unknown) > 10 else ""
                problems.append(f"Unknown key binding id(s) in the config: {', '.join(unknown[:10])}{more}")
            self.set_keymap({k: v for k, v in self.config.keymap.items() if k in known})
        for problem in problems:
            self.notify(one_line(problem), title="Settings", severity="warning", timeout=10, markup=False)
        self.bookmarks.on_problem = lambda problem: self.notify(
            one_line(problem), title="Bookmarks", severity="warning", timeout=10, markup=False
        )
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        problem = save_theme(self.config_path, theme.name)
        if problem:
            self.notify(one_line(problem), title="Theme not saved", severity="warning", markup=False)

    # -- bookmarks and notes ---------------------------------------------------------------

    def action_bookmark(self) -> None:
        location = self.current_location()
        if self.library is None or location is None or location.kind not in KINDS or not location.key:
            self.notify("Nothing here to bookmark: open an article, entity, topic or search.", timeout=3)
            return
        state = {"filters": location.state["filters"]} if location.state.get("filters") else None
        try:
            kept = self.bookmarks.toggle(
                self.library.corpus_path, location.kind, location.key, location.label, state
            )
        except BookmarksError as err:
            self.notify(one_line(str(err)), title="Bookmark not saved", severity="error", markup=False)
            return
        self.notify(
            f"{'Bookmarked' if kept else 'Removed bookmark'}: {one_line(location.label)}", markup=False
        )

    def action_bookmarks(self) -> None:
        if self.library is not None:
            self.navigate(Location("bookmarks", "", label="bookmarks"))

    def action_note(self) -> None:
        location = self.current_location()
        if self.library is None or location is None or location.kind != "article":
            self.notify("Open an article to write a note on it.", timeout=3)
            return
        corpus, article_id = self.library.corpus_path, location.key

        def keep(text: str | None) -> None:
            if text is None or self.library is None:
                return
            try:
                self.bookmarks.set_note(corpus, article_id, text)
            except BookmarksError as err:
                self.notify(one_line(str(err)), title="Note not saved", severity="error", markup=False)
                return
            self.notify("Note kept." if text.strip() else "Note deleted.", timeout=3)
            self.note_changed(article_id)

        self.push_screen(NoteDialog(location.label, self.bookmarks.note(corpus, article_id)), keep)

    def note_changed(self, article_id: str) -> None:
        """A hook for the screens that show notes."""

    # -- export ------------------------------------------------------------------------------

    def action_export(self) -> None:
        screen = self.screen
        view = screen.export_view() if hasattr(screen, "export_view") else None
        if view is None:
            self.notify("Export works on search results, a topic, an entity or the bookmarks.", timeout=4)
            return
        slug = re.sub(r"[^\w-]+", "-", view.title.lower()).strip("-")[:40] or "export"
        suggested = str(Path.home() / f"brief-{slug}.md")

        def save(path: str | None) -> None:
            if path is None:
                return
            target = Path(path).expanduser()
            try:
                write_export(target, export(view, fmt_for_path(target)))
            except (ExportError, OSError) as err:
                self.notify(one_line(str(err)), title="Not exported", severity="error", markup=False)
                return
            self.notify(one_line(f"Exported {len(view.rows)} row(s) to {target}"), timeout=5, markup=False)

        self.push_screen(ExportDialog(view.title, suggested), save)

    def user_commands(self) -> Iterable[tuple[str, str, str]]:
        """(title, help, action) for the command palette."""
        yield "Bookmark", "Bookmark (or un-bookmark) what is on screen (m)", "bookmark"
        yield "Bookmarks", "Every bookmark and note (')", "bookmarks"
        yield "Note", "Write a note on the open article (a)", "note"
        yield "Export", "Save this view as a Markdown brief, JSON or CSV (x)", "export"
