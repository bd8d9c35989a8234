"""The load report's rows: what happened to a file (skipped, repaired, duplicate) and why."""

from __future__ import annotations

from rich.text import Text

from search.corpus.report import LoadIssue
from tui.text import safe_text
from tui.widgets.virtual_list import VirtualList

KIND_STYLES = {"skipped": "bold red", "repaired": "yellow", "duplicate": "dim"}


class IssueList(VirtualList[LoadIssue]):
    DEFAULT_CSS = """
    IssueList > .virtual-list--cursor { background: $accent 35%; }
    IssueList > .virtual-list--dim { color: $text-muted; }
    """

    def render_row(self, item: LoadIssue, width: int) -> Text:
        row = Text(f"{item.kind:<10}", style=KIND_STYLES.get(item.kind, ""))
        row.append_text(safe_text(item.path, style="bold"))
        row.append_text(safe_text(f"  {item.reason}", style="dim"))
        return row

    def empty_text(self) -> str:
        return "Every file loaded cleanly."
