"""Search results: a score bar and the title, then the best snippet with the matched words marked."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text

from search.model import Hit
from tui.text import highlighted, safe_text, score_bar
from tui.widgets.virtual_list import VirtualList


class HitList(VirtualList[Hit]):
    ROW_HEIGHT: ClassVar[int] = 3
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
        return "No results. Type a query above."
