"""Ranked topic matches: the label with the typed characters marked, its kind and article count."""

from __future__ import annotations

from rich.text import Text

from search.model import TopicMatch
from tui.text import highlighted, plural, safe_text
from tui.widgets.virtual_list import VirtualList

KIND_NOTES = {
    "label": "",
    "alias": "also called",
    "keyword": "keyword of",
    "phrase": "phrase in the articles",
}


def match_label(match: TopicMatch, style: str) -> Text:
    """How a match reads: the matched text (marked), and the topic it belongs to when that differs."""
    text = highlighted(match.text, match.matched, style)
    if match.topic is not None and match.text != match.topic.label:
        text.append_text(safe_text(f"  → {match.topic.label}", style="dim"))
    return text


class TopicMatchList(VirtualList[TopicMatch]):
    DEFAULT_CSS = """
    TopicMatchList > .virtual-list--cursor { background: $accent 40%; }
    TopicMatchList > .virtual-list--dim { color: $text-muted; }
    """

    def render_row(self, item: TopicMatch, width: int) -> Text:
        count = plural(item.topic.articles, "article") if item.topic is not None else "phrase"
        label = match_label(item, "bold underline")
        label.truncate(max(8, width - len(count) - 2), overflow="ellipsis", pad=True)
        label.append("  " + count, style="dim")
        return label

    def empty_text(self) -> str:
        return "No topic matches; Enter searches the full text."
