"""An entity's mentions: the article, then the sentence with the mention marked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from search.model import MentionContext
from tui.text import highlighted, safe_text
from tui.widgets.virtual_list import VirtualList


class MentionList(VirtualList[MentionContext]):
    ROW_HEIGHT: ClassVar[int] = 3
    DEFAULT_CSS = """
    MentionList > .virtual-list--cursor { background: $accent 35%; }
    MentionList > .virtual-list--dim { color: $text-muted; }
    MentionList > .virtual-list--match { background: $success 40%; text-style: bold; }
    """

    def render_row_lines(self, item: MentionContext, width: int, index: int) -> list[Text]:
        same_article = index > 0 and self.items[index - 1].article_id == item.article_id
        title = Text("   ↳ " if same_article else "", style="dim")
        title.append_text(safe_text(item.title, style="dim" if same_article else "bold"))
        match = self.get_component_rich_style("virtual-list--match", partial=True)
        context = item.context
        first = context.highlights[0][0] if context.highlights else 0
        shift = max(0, first - (width - 6) // 3)
        lead = "…" if shift else ""
        spans = [(a - shift + len(lead), b - shift + len(lead)) for a, b in context.highlights]
        line = Text("   ")
        line.append_text(highlighted(lead + context.text[shift:], spans, match))
        return [title, line, Text("")]

    def empty_text(self) -> str:
        return "No mentions."
