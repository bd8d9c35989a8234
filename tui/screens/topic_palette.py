"""The topic palette: type a topic however it comes out, pick from the ranked matches."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from search.library import Library
from search.model import TopicMatch
from search.topic_answer import opens, topic_matches, weak_note
from tui.widgets.topic_list import TopicMatchList

Choice = TopicMatch | str  # a topic or phrase, or the typed text to search as full text
HINT = "Policy topics: type a topic (typos are fine), Enter to open"


class TopicPalette(ModalScreen[Choice | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="topics.close"),
        Binding("down", "focus_list", "Matches", show=False, id="topics.to_list"),
    ]
    DEFAULT_CSS = """
    TopicPalette { align: center top; }
    TopicPalette > Vertical {
        width: 80%; max-width: 100; height: 70%; margin-top: 2;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    TopicPalette #topic-input { margin-bottom: 1; }
    TopicPalette #topic-hint { color: $text-muted; height: 1; }
    """

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(HINT, id="topic-hint")
            yield Input(placeholder="e.g. defence spending, tariffs, missile defence…", id="topic-input")
            yield TopicMatchList(id="topic-matches")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._show("")

    def _show(self, text: str) -> None:
        matches = topic_matches(self.library, text, limit=30) if text.strip() else self._popular()
        self.query_one(TopicMatchList).set_items(matches)
        weak = bool(text.strip()) and (not matches or not opens(matches[0]))
        hint = f"No close topic: {weak_note(text, matches[0])}; Enter searches the text" if matches else ""
        self.query_one("#topic-hint", Static).update(Content(hint if weak and hint else HINT))

    @property
    def _typed_weak(self) -> bool:
        """The best match for the typed text is weak or empty (then Enter in the box searches the text)."""
        matches = self.query_one(TopicMatchList).items
        return not matches or not opens(matches[0])

    def _popular(self) -> list[TopicMatch]:
        topics = sorted((t for t in self.library.topics() if t.articles), key=lambda t: -t.articles)
        return [TopicMatch(t.id, t.label, "label", 0.0, (), t) for t in topics[:30]]

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        self._show(event.value)  # ranking takes a few ms: no worker needed

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        matches = self.query_one(TopicMatchList)
        if matches.current is None or (event.value.strip() and self._typed_weak):
            self.dismiss(event.value)  # a weak match never opens unasked: pick it in the list
        else:
            self.dismiss(matches.current)

    @on(TopicMatchList.Selected)
    def chosen(self, event: TopicMatchList.Selected) -> None:
        self.dismiss(self.query_one(TopicMatchList).items[event.index])

    def action_focus_list(self) -> None:
        self.query_one(TopicMatchList).focus()
