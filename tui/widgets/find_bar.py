"""The reader's bottom line, as in less: ``/`` types text to find in the open article, and n/N
say where they are ("hit 2 of 5").

It is put under the reader's pane when first needed and stays until Esc; Enter goes back to
reading (n/N step through what was found). Finding is plain text, any case, as typed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Static

from search.model import Span

if TYPE_CHECKING:
    from tui.widgets.reader import Reader


def occurrences(body: str, text: str) -> list[Span]:
    """Where ``text`` stands in ``body``, any case, whitespace as any run of whitespace."""
    words = text.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
    return [m.span() for m in pattern.finditer(body)]


class FindBar(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="find.close", tooltip="Close the find line"),
    ]
    DEFAULT_CSS = """
    FindBar { height: 1; background: $panel; }
    FindBar > #find-prompt { width: 2; padding: 0 0 0 1; }
    FindBar > Input { width: 40; }
    FindBar > #find-where { width: 1fr; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self.reader = reader
        self._where = ""

    def compose(self) -> ComposeResult:
        yield Static("/", id="find-prompt")
        yield Input(placeholder="find in this article (Enter: read on, n/N: next/previous)", compact=True)
        yield Static(self._where, id="find-where", markup=False)

    @property
    def where(self) -> str:
        """What the line says (where n/N are, or that nothing was found)."""
        return self._where

    def say(self, text: str) -> None:
        self._where = text
        for where in self.query("#find-where").results(Static):
            where.update(text)

    @on(Input.Changed)
    def find(self, event: Input.Changed) -> None:
        event.stop()
        found = self.reader.find(event.value)
        if not event.value.strip():
            self.say("")
        elif not found:
            self.say(f"Not in this article: {event.value.strip()}")

    @on(Input.Submitted)
    def read_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.reader.focus()

    def focus_input(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.reader.focus()
        self.remove()


def bar_of(reader: Reader, focus: bool = False) -> FindBar:
    """The reader's find line, put under its pane if it is not there yet."""
    screen = reader.screen
    found = screen.query(FindBar)
    if found:
        bar = found.first()
    else:
        bar = FindBar(reader)
        anchor: Widget = reader
        while isinstance(anchor.parent, Widget) and anchor.parent is not screen:
            anchor = anchor.parent
        screen.mount(bar, after=anchor)
    if focus:
        bar.call_after_refresh(bar.focus_input)
    return bar
