"""Writing a note on an article: a text area in a dialog (F2 keeps it; Esc drops an unchanged note,
and an edited one only when pressed twice)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.text import one_line


class NoteDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f2", "keep", "Keep note", id="note.keep", tooltip="Keep the note (an empty note is deleted)"
        ),
        Binding(
            "escape", "cancel", "Cancel", id="note.cancel", tooltip="Close (twice to drop what you typed)"
        ),
    ]
    DEFAULT_CSS = """
    NoteDialog { align: center middle; }
    NoteDialog > Vertical {
        width: 80%; max-width: 90; height: 60%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    NoteDialog TextArea { height: 1fr; }
    NoteDialog #note-hint { color: $text-muted; height: 1; }
    NoteDialog #note-hint.-warning { color: $text-warning; text-style: bold; }
    """

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.article_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Note on: {one_line(self.article_title)}", markup=False)
            yield TextArea(self.text, id="note-text")
            yield Static("F2 keeps the note · Esc cancels · an empty note is deleted", id="note-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        """Esc: close; with changes typed, the first Esc only warns and the second drops them."""
        hint = self.query_one("#note-hint", Static)
        if self.query_one(TextArea).text == self.text or hint.has_class("-warning"):
            self.dismiss(None)
            return
        hint.add_class("-warning")
        hint.update("You changed the note: F2 keeps it · Esc again drops the changes")
