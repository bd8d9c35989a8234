"""The entity index's rows: name, type, mentions and articles."""

from __future__ import annotations

from rich.text import Text

from search.analysis.entities import Entity
from tui.text import safe_text
from tui.widgets.virtual_list import VirtualList


class EntityList(VirtualList[Entity]):
    DEFAULT_CSS = """
    EntityList > .virtual-list--cursor { background: $accent 40%; }
    EntityList > .virtual-list--dim { color: $text-muted; }
    """

    def render_row(self, item: Entity, width: int) -> Text:
        counts = f"{item.mention_count:>6} ×  {len(item.article_ids):>5} art."
        row = safe_text(f"{item.label:<8}", style="dim")
        name = safe_text(item.name)
        name.truncate(max(8, width - 9 - len(counts) - 1), overflow="ellipsis", pad=True)
        row.append_text(name)
        row.append(" " + counts, style="dim")
        return row

    def empty_text(self) -> str:
        return "No entities match."
