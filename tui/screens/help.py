"""The help screen (F1, ?): every key, by where it works, read from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "slash": "/", "question_mark": "?", "backspace": "⌫", "escape": "esc", "enter": "⏎", "space": "space",
    "pagedown": "PgDn", "pageup": "PgUp", "left_square_bracket": "[", "right_square_bracket": "]",
}  # fmt: skip


def key_label(keys: str) -> str:
    return ", ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def bindings_table(title: str, bindings: list[BindingType]) -> Table:
    table = Table(
        title=title, title_justify="left", title_style="bold", show_header=False, box=None, expand=True
    )
    table.add_column("keys", style="bold", width=26)
    table.add_column("what")
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            table.add_row(key_label(binding.key), Text(binding.tooltip or binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close", id="help.close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 110; height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("brief-tui keys (Esc closes)", style="bold"))
            for title, bindings in self.sections:
                yield Static(bindings_table(title, bindings))
