"""Search results: a score bar and the title, then the best snippet with the matched words marked."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.message import Message

from search.model import Hit
from tui.text import highlighted, safe_text, score_bar
from tui.widgets.virtual_list import VirtualList


class HitList(VirtualList[Hit]):
    """The hits listed so far; when fewer than ``total``, it asks for more (``NeedMore``) as the
    cursor or the view nears the end."""

    ROW_HEIGHT: ClassVar[int] = 3

    class NeedMore(Message):
        """The list is near its end and more articles match: load the next page."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0  # how many articles match
        self.query = ""  # what was searched for (for the empty list's text)

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
