"""The article list: title on the left, source and date on the right (as room allows)."""

from __future__ import annotations

from rich.text import Text

from search.model import ArticleSummary
from tui.text import safe_text
from tui.widgets.virtual_list import VirtualList


class ArticleList(VirtualList[ArticleSummary]):
    DEFAULT_CSS = """
    ArticleList > .virtual-list--cursor { background: $accent 40%; text-style: bold; }
    ArticleList > .virtual-list--dim { color: $text-muted; }
    """

    TITLE_ROOM = 0.6  # the share of a row the title keeps: source, then date, give way to it

    def render_row(self, item: ArticleSummary, width: int) -> Text:
        meta = ""
        for parts in ((item.source, item.date[:10]), (item.date[:10],)):
            meta = " · ".join(x for x in parts if x)
            if width - len(meta) - 2 >= width * self.TITLE_ROOM:
                break
        else:
            meta = ""
        meta_text = safe_text(meta, style="dim")
        room = max(8, width - meta_text.cell_len - 2) if meta else width
        row = safe_text(item.title or item.id)
        row.truncate(room, overflow="ellipsis", pad=bool(meta))
        if meta:
            row.append("  ")
            row.append_text(meta_text)
        return row

    indexing = False  # an update is running: the articles are on their way

    def empty_text(self) -> str:
        return "Indexing: articles appear here as they are indexed." if self.indexing else "No articles."
