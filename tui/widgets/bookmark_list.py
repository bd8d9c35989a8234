"""Bookmarks, newest first: what kind of place, its label, and the note when it has one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from tui.state.bookmarks import Bookmark
from tui.text import safe_text
from tui.widgets.virtual_list import VirtualList

KIND_LABELS = {"article": "Article", "entity": "Entity", "search": "Search", "topic": "Topic"}


class BookmarkList(VirtualList[tuple[Bookmark, str]]):
    """Rows of (bookmark, note text)."""

    ROW_HEIGHT: ClassVar[int] = 2
    DEFAULT_CSS = """
    BookmarkList > .virtual-list--cursor { background: $accent 35%; }
    BookmarkList > .virtual-list--dim { color: $text-muted; }
    """

    def render_row_lines(self, item: tuple[Bookmark, str], width: int, index: int) -> list[Text]:
        bookmark, note = item
        line = safe_text(f"{KIND_LABELS.get(bookmark.kind, bookmark.kind):<8}", style="dim")
        line.append_text(safe_text(bookmark.label or bookmark.key, style="bold"))
        line.append_text(safe_text(f"  {bookmark.created[:10]}", style="dim"))
        detail = safe_text(f"   ✎ {note}" if note else "", style="italic")
        return [line, detail]

    def empty_text(self) -> str:
        return "No bookmarks yet: press m on an article, entity, topic or search to keep it here."
