"""Bookmarks and notes: every kept article, entity, topic and search; Enter goes there."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header

from search.export import ExportView, bookmarks_view
from tui.state.bookmarks import Bookmark, Bookmarks, BookmarksError
from tui.state.history import Location
from tui.text import one_line
from tui.widgets.bookmark_list import BookmarkList
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.key_bar import KeyBar
from tui.widgets.status import StatusBar


class BookmarksScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back", id="bookmarks.close", tooltip="Go back"),
        Binding("delete,d", "remove", "Remove", id="bookmarks.remove", tooltip="Remove the bookmark"),
        Binding("u", "undo", "Undo", id="bookmarks.undo", tooltip="Bring back the bookmark just removed"),
    ]

    def __init__(self, bookmarks: Bookmarks, corpus: Path, location: Location) -> None:
        super().__init__()
        self.bookmarks = bookmarks
        self.corpus = corpus
        self._restore_cursor = int(location.state.get("cursor", 0))
        self._removed: Bookmark | None = None  # what u brings back

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Breadcrumb(id="breadcrumb")
        yield BookmarkList(id="bookmark-list")
        yield StatusBar("", id="bookmarks-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self._refresh(self._restore_cursor)
        self.query_one(BookmarkList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._removed is not None if action == "undo" else True

    def _refresh(self, cursor: int = 0) -> None:
        notes = self.bookmarks.notes(self.corpus)
        rows = [
            (b, notes[b.key].text.replace("\n", " ") if b.kind == "article" and b.key in notes else "")
            for b in reversed(self.bookmarks.items(self.corpus))
        ]
        self.query_one(BookmarkList).set_items(rows, cursor=cursor)
        self.query_one("#bookmarks-status", StatusBar).say(
            f"{len(rows)} bookmark(s) · {len(notes)} note(s) · stored in {self.bookmarks.path}"
        )

    def export_view(self) -> ExportView:
        rows = [
            {"kind": b.kind, "key": b.key, "label": b.label, "note": note, "created": b.created}
            for b, note in self.query_one(BookmarkList).items
        ]
        return bookmarks_view(rows)

    def current_location(self) -> Location:
        return Location(
            "bookmarks", "", label="bookmarks", state={"cursor": self.query_one(BookmarkList).cursor}
        )

    @on(BookmarkList.Selected)
    def open_bookmark(self, event: BookmarkList.Selected) -> None:
        bookmark, _ = self.query_one(BookmarkList).items[event.index]
        location = Location(bookmark.kind, bookmark.key, label=bookmark.label, state=dict(bookmark.state))
        self.app.navigate(location)  # type: ignore[attr-defined]

    def action_remove(self) -> None:
        bookmarks = self.query_one(BookmarkList)
        if bookmarks.current is None:
            return
        bookmark, _ = bookmarks.current
        try:
            self.bookmarks.remove(self.corpus, bookmark.kind, bookmark.key)
        except BookmarksError as err:
            self.notify(one_line(str(err)), severity="error", markup=False)
        self._removed = bookmark
        self._refresh(bookmarks.cursor)
        self.refresh_bindings()
        self.query_one("#bookmarks-status", StatusBar).say(
            f"Removed {bookmark.label or bookmark.key} · u brings it back"
        )

    def action_undo(self) -> None:
        bookmark, self._removed = self._removed, None
        self.refresh_bindings()
        if bookmark is None or self.bookmarks.is_bookmarked(self.corpus, bookmark.kind, bookmark.key):
            return
        try:
            self.bookmarks.toggle(self.corpus, bookmark.kind, bookmark.key, bookmark.label, bookmark.state)
        except BookmarksError as err:
            self.notify(one_line(str(err)), severity="error", markup=False)
        self._refresh(0)  # back at the top: the newest bookmark
        self.query_one("#bookmarks-status", StatusBar).say(f"Brought back {bookmark.label or bookmark.key}")
