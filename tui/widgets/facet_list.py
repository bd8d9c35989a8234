"""The facet pane: counts by source, section, year, entity and topic; Enter toggles a filter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message

from tui.text import safe_text
from tui.widgets.virtual_list import VirtualList

FACET_TITLES = {
    "source": "Source",
    "section": "Section",
    "year": "Year",
    "entity": "Entity",
    "topic": "Topic",
}


@dataclass(frozen=True, slots=True)
class FacetRow:
    facet: str
    value: str = ""  # "" for a group heading
    count: int = 0
    chosen: bool = False


def facet_rows(
    counts: Mapping[str, Sequence[tuple[str, int]]], chosen: Mapping[str, Sequence[str]]
) -> list[FacetRow]:
    rows: list[FacetRow] = []
    for facet in FACET_TITLES:
        values = list(counts.get(facet, []))
        picked = set(chosen.get(facet, []))
        if not values and not picked:
            continue
        rows.append(FacetRow(facet))
        seen = set()
        for value, count in values:
            rows.append(FacetRow(facet, value, count, value in picked))
            seen.add(value)
        rows.extend(FacetRow(facet, value, 0, True) for value in sorted(picked - seen))
    return rows


class FacetList(VirtualList[FacetRow]):
    DEFAULT_CSS = """
    FacetList > .virtual-list--cursor { background: $accent 35%; }
    FacetList > .virtual-list--dim { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.labels: dict[str, str] = {}  # how to show a value: topic ids as their labels

    class Toggled(Message):
        def __init__(self, facet: str, value: str) -> None:
            super().__init__()
            self.facet = facet
            self.value = value

    def set_items(self, items: list[FacetRow], cursor: int = 0) -> None:
        if cursor == 0 and len(items) > 1 and not items[0].value:
            cursor = 1  # start on the first value, not on a heading
        super().set_items(items, cursor)

    def render_row(self, item: FacetRow, width: int) -> Text:
        if not item.value:
            return Text(FACET_TITLES.get(item.facet, item.facet).upper(), style="bold")
        count = f"{item.count:>6}" if item.count else ""
        row = Text()
        row.append("✓ " if item.chosen else "  ", style="bold green")
        label = safe_text(self.labels.get(item.value, item.value), style="bold" if item.chosen else "")
        label.truncate(max(4, width - 2 - len(count) - 1), overflow="ellipsis", pad=True)
        row.append_text(label)
        row.append(" " + count, style="dim")
        return row

    def action_select(self) -> None:
        row = self.current
        if row is not None and row.value:
            self.post_message(self.Toggled(row.facet, row.value))

    def empty_text(self) -> str:
        return "No facets."
