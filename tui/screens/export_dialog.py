"""Asking where to export the current view: the extension picks the format (.md, .json, .csv)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class ExportDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel", id="export.cancel")]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 80%; max-width: 100; height: auto;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    ExportDialog #export-hint { color: $text-muted; }
    """

    def __init__(self, what: str, suggested: str) -> None:
        super().__init__()
        self.what = what
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Export {self.what} to:", markup=False)
            yield Input(self.suggested, id="export-path")
            yield Static(
                "A Markdown brief (.md), JSON (.json) or CSV (.csv) · Enter saves · Esc cancels",
                id="export-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def chosen(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
