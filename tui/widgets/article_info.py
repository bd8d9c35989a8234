"""The side pane: what the open article is about (topics) and whom it mentions (entities by type)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message

from search.analysis.entities import Entity, Mention
from search.model import ArticleSummary, TopicInfo
from tui.text import safe_text
from tui.widgets.virtual_list import VirtualList

RELATED_HEADING = "More like this"
TYPE_TITLES = {
    "PERSON": "People", "ORG": "Organisations", "GPE": "Countries and cities", "LOC": "Places",
    "NORP": "Groups", "EVENT": "Events", "PRODUCT": "Products", "FAC": "Buildings", "MISC": "Other names",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class InfoRow:
    kind: str  # "heading", "topic", "entity", "related" (an article), "term" (a key term) or "note"
    key: str = ""  # topic id, entity id, article id or the term
    label: str = ""
    count: float = 0


def info_rows(
    topics: Sequence[tuple[TopicInfo, float]],
    mentions: Sequence[tuple[Mention, Entity]],
    related: Sequence[ArticleSummary] = (),
    terms: Sequence[str] = (),
) -> list[InfoRow]:
    rows: list[InfoRow] = []
    if topics:
        rows.append(InfoRow("heading", label="Topics"))
        rows += [InfoRow("topic", t.id, t.label, score) for t, score in topics]
    counts = Counter(entity.id for _, entity in mentions)
    entities = {entity.id: entity for _, entity in mentions}
    for label, title in TYPE_TITLES.items():
        of_type = sorted(
            (e for e in entities.values() if e.label == label), key=lambda e: (-counts[e.id], e.name)
        )
        if of_type:
            rows.append(InfoRow("heading", label=title))
            rows += [InfoRow("entity", e.id, e.name, counts[e.id]) for e in of_type]
    if related:
        rows.append(InfoRow("heading", label=RELATED_HEADING))
        rows += [InfoRow("related", a.id, a.title) for a in related]
    if terms:
        rows.append(InfoRow("heading", label="Key terms"))
        rows += [InfoRow("term", term, term) for term in terms]
    return rows


class ArticleInfo(VirtualList[InfoRow]):
    DEFAULT_CSS = """
    ArticleInfo > .virtual-list--cursor { background: $accent 35%; }
    ArticleInfo > .virtual-list--dim { color: $text-muted; }
    """

    class Chosen(Message):
        def __init__(self, row: InfoRow) -> None:
            super().__init__()
            self.row = row

    def set_items(self, items: list[InfoRow], cursor: int = 0) -> None:
        if cursor == 0 and len(items) > 1 and items[0].kind == "heading":
            cursor = 1  # start on the first topic or name, not on a heading
        super().set_items(items, cursor)

    def render_row(self, item: InfoRow, width: int) -> Text:
        if item.kind == "heading":
            return Text(item.label.upper(), style="bold")
        count = {"topic": f"{item.count:.1f}", "entity": f"×{int(item.count)}"}.get(item.kind, "")
        label = safe_text(item.label)
        label.truncate(max(4, width - len(count) - 3), overflow="ellipsis", pad=True)
        row = Text("  ")
        row.append_text(label)
        row.append(" " + count, style="dim")
        return row

    def move_to(self, index: int) -> None:
        """Like any list, but the cursor steps over the section headings (Enter does nothing there)."""
        items = self.items
        if not items:
            return
        step = 1 if index >= self.cursor else -1
        index = max(0, min(index, len(items) - 1))
        for direction in (step, -step):
            i = index
            while 0 <= i < len(items) and items[i].kind == "heading":
                i += direction
            if 0 <= i < len(items):
                super().move_to(i)
                return

    def action_select(self) -> None:
        row = self.current
        if row is not None and row.kind != "heading":
            self.post_message(self.Chosen(row))

    def empty_text(self) -> str:
        return "No topics or names found in this article."

    def focus_section(self, heading: str) -> bool:
        """Put the cursor on the first row under ``heading``; False if there is no such section."""
        index = next(
            (i for i, r in enumerate(self.items) if r.kind == "heading" and r.label == heading), None
        )
        if index is None or index + 1 >= len(self.items):
            return False
        self.move_to(index + 1)
        self.focus()
        return True
