"""Where the user is: the last few places of the navigation history."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.state.history import Location
from tui.text import clean

KIND_LABELS = {
    "article": "Article",
    "search": "Search",
    "entity": "Entity",
    "topic": "Topic",
    "index": "Articles",
}


class Breadcrumb(Static):
    DEFAULT_CSS = """
    Breadcrumb { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    """

    def show_trail(self, trail: list[Location], can_back: bool, can_forward: bool) -> None:
        text = Text("◀ " if can_back else "  ", style="bold" if can_back else "dim")
        for i, loc in enumerate(trail):
            if i:
                text.append(" › ", style="dim")
            kind = KIND_LABELS.get(loc.kind, loc.kind)
            label = f"{kind}: {loc.label or loc.key}" if loc.key and loc.kind != "index" else kind
            label = clean(label).replace("\n", " ")
            text.append(
                label[:40] + ("…" if len(label) > 40 else ""), style="bold" if i == len(trail) - 1 else ""
            )
        if can_forward:
            text.append("  ▶", style="bold")
        self.update(text)
