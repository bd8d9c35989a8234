"""The help screen (F1, ?): every key, by where it works, read from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
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
    "apostrophe": "'",
}  # fmt: skip
RULE = [
    ("q, esc", "back one level (q on the article list quits)"),
    ("ctrl+q", "quit from anywhere"),
]


def key_label(keys: str) -> str:
    return ", ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def _pairs(bindings: list[BindingType]) -> list[tuple[str, str]]:
    return [
        (key_label(b.key), b.tooltip or b.description)
        for b in bindings
        if isinstance(b, Binding) and b.description
    ]


def bindings_tables(sections: list[tuple[str, list[BindingType]]]) -> Group:
    """A table per section, all with one width of key column, so they line up from section to section."""
    width = max((len(keys) for _, bindings in sections for keys, _ in _pairs(bindings)), default=10) + 2
    parts: list[Text | Table] = []
    for title, bindings in sections:
        parts.append(Text(title, style="bold underline"))
        table = Table(show_header=False, box=None, expand=False, padding=(0, 0))
        table.add_column("keys", style="bold", width=width, no_wrap=True)
        table.add_column("what")
        for keys, what in _pairs(bindings):
            table.add_row(f" {keys}", Text(what))
        parts += [table, Text("")]
    return Group(*parts)


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
            header = Text("brief-tui keys (Esc closes)\n", style="bold")
            for keys, what in RULE:
                header.append(f"{keys}  ", style="bold")
                header.append(f"{what}\n")
            yield Static(header)
            yield Static(bindings_tables(self.sections))
