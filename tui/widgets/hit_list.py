"""Search results: a score bar and the title, then the best snippet with the matched words marked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from search.model import Hit, Snippet
from tui.text import highlighted, safe_text, score_bar
from tui.widgets.virtual_list import VirtualList


class HitList(VirtualList[Hit]):
    """The hits listed so far; when fewer than ``total``, it asks for more (``NeedMore``) as the
    cursor or the view nears the end. Hits come without snippets: it asks for those of the rows
    in view (``NeedSnippets``) as they come into view."""

    ROW_HEIGHT: ClassVar[int] = 3

    class NeedMore(Message):
        """The list is near its end and more articles match: load the next page."""

    class NeedSnippets(Message):
        """Rows without their snippets came into view: the ids of their articles."""

        def __init__(self, ids: list[str]) -> None:
            super().__init__()
            self.ids = ids

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0  # how many articles match
        self.query = ""  # what was searched for (for the empty list's text)
        self._asked: set[str] = set()  # ids whose snippets were asked for, for this result
        self._asking = False  # an ask is on its way (rows drawn without snippets)

    def new_result(self, items: list[Hit], cursor: int = 0) -> None:
        """The hits of a new search (their snippets not yet asked for)."""
        self._asked.clear()
        self.set_items(items, cursor)

    def add_snippets(self, found: Mapping[str, tuple[Snippet, ...]]) -> None:
        """Snippets that arrived, by article id; rows already with theirs are left alone."""
        self._items[:] = [
            replace(h, snippets=found[h.id]) if h.id in found and not h.snippets else h for h in self._items
        ]
        self._cache.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """A line; a row drawn without its snippets has them asked for (once the drawing is done)."""
        index = (y + self.scroll_offset.y) // self.ROW_HEIGHT
        if not self._asking and index < len(self.items):
            hit = self.items[index]
            if not hit.snippets and hit.id not in self._asked:
                self._asking = True
                self.call_later(self._ask_snippets)
        return super().render_line(y)

    def _ask_snippets(self) -> None:
        self._asking = False
        top = self.scroll_offset.y // self.ROW_HEIGHT
        rows = self.scrollable_content_region.height // self.ROW_HEIGHT + 2
        ids = [h.id for h in self.items[top : top + rows] if not h.snippets and h.id not in self._asked]
        if ids:
            self._asked.update(ids)
            self.post_message(self.NeedSnippets(ids))

    def _near_end(self, row: int) -> None:
        if len(self.items) < self.total and row >= len(self.items) - self.page_rows - 1:
            self.post_message(self.NeedMore())

    def watch_cursor(self, new: int) -> None:
        super().watch_cursor(new)
        self._near_end(new)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        height = self.scrollable_content_region.height
        self._near_end(int(new_value + height) // self.ROW_HEIGHT)

    DEFAULT_CSS = """
    HitList > .virtual-list--cursor { background: $accent 35%; }
    HitList > .virtual-list--dim { color: $text-muted; }
    HitList > .virtual-list--match { background: $warning 45%; text-style: bold; }
    """

    def render_row_lines(self, item: Hit, width: int, index: int) -> list[Text]:
        best = self.items[0].score if self.items else 1.0
        match = self.get_component_rich_style("virtual-list--match", partial=True)
        meta = " · ".join(x for x in (item.source, item.date[:10], item.section) if x)
        title = Text(score_bar(item.score, best) + " ", style="dim")
        title.append_text(highlighted(item.title, item.title_highlights, match, base="bold"))
        if meta:
            title.append_text(safe_text(f"  {meta}", style="dim"))
        if item.snippets:
            line = Text("   ")
            line.append_text(self._snippet_line(item, width - 3, match))
        else:
            line = safe_text("   " + item.id, style="dim")
        return [title, line, Text("")]

    @staticmethod
    def _snippet_line(item: Hit, width: int, match: Style) -> Text:
        """The best snippet, shifted so that its first highlighted word is on screen."""
        snippet = item.snippets[0]
        first = snippet.highlights[0][0] if snippet.highlights else 0
        shift = first - width // 3 if first > width - 12 else 0
        if shift <= 0:
            return highlighted(snippet.text, snippet.highlights, match)
        spans = [(a - shift + 1, b - shift + 1) for a, b in snippet.highlights if a >= shift]
        return highlighted("…" + snippet.text[shift:], spans, match)

    def empty_text(self) -> str:
        return f"No article matches {self.query}" if self.query else "No results. Type a query above."
