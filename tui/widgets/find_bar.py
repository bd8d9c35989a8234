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
from textual.widget import AwaitMount, Widget
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
        yield Input(placeholder="find in this article", compact=True, select_on_focus=False)
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
        self.screen.set_focus(self.reader)  # at once: "n" may follow Enter

    def focus_input(self) -> None:
        """Focus the input now (not later, as ``focus()`` does)."""
        self.screen.set_focus(self.query_one(Input))

    def action_close(self) -> None:
        self.screen.set_focus(self.reader)
        self.remove()


def bar_of(reader: Reader) -> tuple[FindBar, AwaitMount | None]:
    """The reader's find line, put under its pane if it is not there yet (and the mounting)."""
    screen = reader.screen
    found = screen.query(FindBar)
    if found:
        return found.first(), None
    bar = FindBar(reader)
    anchor: Widget = reader
    while isinstance(anchor.parent, Widget) and anchor.parent is not screen:
        anchor = anchor.parent
    return bar, screen.mount(bar, after=anchor)


async def open_for(reader: Reader) -> None:
    """Show the find line and give it the focus."""
    bar, mounting = bar_of(reader)
    if mounting is not None:
        await mounting
    bar.focus_input()


def take_keys(reader: Reader, typed: str | None) -> str | None:
    """Type ``typed`` into the find line if it has the focus (then nothing is left: ""), else
    keep it for later; None stays None (nothing is being typed for it)."""
    field = reader.screen.focused  # (set at once; ``has_focus`` follows when the Focus event is handled)
    if not typed or not isinstance(field, Input) or not isinstance(field.parent, FindBar):
        return typed
    field.insert_text_at_cursor(typed)
    return ""


def say(reader: Reader, text: str) -> None:
    """Show ``text`` on the reader's bottom line ("hit 2 of 5")."""
    bar_of(reader)[0].say(text)
