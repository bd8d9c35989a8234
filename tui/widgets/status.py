"""A one-line status bar: corpus, article count, indexing progress and notices."""

from __future__ import annotations

from textual.widgets import Static

from tui.text import safe_text


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def say(self, message: str) -> None:
        self.update(safe_text(message))
