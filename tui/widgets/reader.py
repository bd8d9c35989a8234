"""The reader: an article laid out on the Line API, with marked spans (hits, entity mentions).

Lines are wrapped once per width and cached, so long articles scroll without
re-rendering and ``scroll_to_offset`` can put any character of the body on screen.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich._wrap import divide_line
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from search.model import Article
from tui.text import clean, header_line, one_line
from tui.widgets import find_bar


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the article body to style: ``kind`` names a ``reader--KIND`` component class."""

    start: int
    end: int
    kind: str
    ref: str = ""  # what the span stands for: an entity id for entity mentions


ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "LOC": "loc", "NORP": "norp"}  # others: misc


def entity_kind(label: str) -> str:
    """The reader style of an entity type: person, org, gpe, loc, norp or misc."""
    return ENTITY_KINDS.get(label, "misc")


def _group(mark: Mark) -> str:
    """What n/N and ]/[ step through: "entity" for any mention, else the mark's kind."""
    return "entity" if mark.ref else mark.kind


# Laying out text costs ~0.3 s a megabyte; a file that is one 2 MB line must still open at once.
MAX_PARAGRAPH_CHARS = 100_000  # a longer paragraph is cut for display, with a note
MAX_BODY_CHARS = 1_000_000  # and so is the body after this many characters
MEASURE = 88  # the longest line the reader lays out: a readable measure on a wide terminal


class Reader(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding(
            "n", "next_mark('hit')", "Next hit", id="reader.next_hit", tooltip="Jump to the next search hit"
        ),
        Binding(
            "N",
            "previous_mark('hit')",
            "Prev hit",
            show=False,
            id="reader.previous_hit",
            tooltip="Previous search hit",
        ),
        Binding(
            "slash",
            "find",
            "Find",
            id="reader.find",
            tooltip="Find text in this article (as / in less); n/N step through it",
        ),
        Binding("s", "app.search", "Search", id="reader.search", tooltip="Full-text search of every article"),
        Binding(
            "right_square_bracket",
            "next_mark('entity')",
            "Next name",
            id="reader.next_mention",
            tooltip="Jump to the next person, place or organisation",
        ),
        Binding(
            "left_square_bracket",
            "previous_mark('entity')",
            "Prev name",
            show=False,  # (F1 lists it; the bar has no room for both halves of each pair)
            id="reader.previous_mention",
            tooltip="Jump to the previous mention",
        ),
        Binding(
            "enter", "open_mark", "Open name", id="reader.open_mention", tooltip="Open the mention's entity"
        ),
    ]

    class MarkChosen(Message):
        """Enter on a mention: open what it stands for."""

        def __init__(self, mark: Mark) -> None:
            super().__init__()
            self.mark = mark

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title", "reader--meta", "reader--heading", "reader--hit", "reader--current",
        "reader--person", "reader--org", "reader--gpe", "reader--loc", "reader--norp", "reader--misc",
    }  # fmt: skip
    DEFAULT_CSS = """
    Reader { padding: 0 0 0 1; scrollbar-gutter: stable; }
    Reader > .reader--title { text-style: bold; color: $text-accent; }
    Reader > .reader--meta { color: $text-muted; }
    Reader > .reader--heading { text-style: bold underline; }
    Reader > .reader--hit { background: $warning 50%; text-style: bold; }
    Reader > .reader--current { background: $accent; text-style: bold reverse; }
    Reader > .reader--person { color: $text-success; text-style: underline; }
    Reader > .reader--org { color: $text-warning; text-style: underline; }
    Reader > .reader--gpe { color: $text-primary; text-style: underline; }
    Reader > .reader--loc { color: $text-primary; text-style: italic underline; }
    Reader > .reader--norp { color: $text-secondary; text-style: underline; }
    Reader > .reader--misc { text-style: underline; }
    """

    article: reactive[Article | None] = reactive(None, init=False, always_update=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marks: list[Mark] = []
        self.current: Mark | None = None
        self._lines: list[Text] = []
        self._offsets: list[int] = []  # body offset of each body line...
        self._body_lines: list[int] = []  # ...and that line's index in ``_lines``
        self._typed_early: str | None = None  # typed after "/", not yet in the find line

    def show(self, article: Article | None, marks: list[Mark] | None = None, at: int | None = None) -> None:
        """Display ``article`` with ``marks``; scroll to body offset ``at`` (or to the top)."""
        self.marks = sorted(marks or [], key=lambda m: (m.start, m.end))
        self.current = None
        self.article = article
        self._layout()
        if at is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        else:
            self.scroll_to_offset(at)

    def set_current(self, mark: Mark | None) -> None:
        """Emphasise one mark (the hit or mention the user stepped to) and bring it on screen."""
        self.current = mark
        self._layout()
        if mark is not None:
            self.scroll_to_offset(mark.start)

    def action_next_mark(self, kind: str) -> None:
        self._step(kind, +1)

    def action_previous_mark(self, kind: str) -> None:
        self._step(kind, -1)

    def _step(self, kind: str, direction: int) -> None:
        marks = [m for m in self.marks if _group(m) == kind]
        if not marks:
            self.notify("Nothing to jump to in this article.", severity="warning", timeout=2)
            return
        start = -1 if direction > 0 else 1 << 62
        here = self.current.start if self.current is not None else start
        after = [m for m in marks if (m.start > here if direction > 0 else m.start < here)]
        target = (
            (after[0] if direction > 0 else after[-1])
            if after
            else (marks[0] if direction > 0 else marks[-1])
        )
        self.set_current(target)
        position, count = self.current_index
        find_bar.say(self, f"{'hit' if kind == 'hit' else 'name'} {position} of {count}")

    async def action_find(self) -> None:
        await find_bar.open_for(self)
        self._typed_early = find_bar.take_keys(self, self._typed_early)

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after ``/`` come here before the find line has the focus: keep them for it."""
        if any(b.action == "find" for b in self._bindings.key_to_bindings.get(event.key, ())):
            self._typed_early = ""
        elif self._typed_early is not None and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self._typed_early = find_bar.take_keys(self, self._typed_early + event.character)

    def on_focus(self) -> None:
        self._typed_early = None

    def find(self, text: str) -> int:
        """Mark where ``text`` stands in the article instead of the search hits; go to the first
        on or after the screen's top. How many there are."""
        if self.article is None:
            return 0
        found = [Mark(a, b, "hit") for a, b in find_bar.occurrences(self.article.body, text)]
        top = (
            self._offsets[max(0, bisect_right(self._body_lines, self.scroll_offset.y) - 1)]
            if self._offsets
            else 0
        )
        self.marks = sorted(
            [m for m in self.marks if m.kind != "hit"] + found, key=lambda m: (m.start, m.end)
        )
        self.current = None
        self._layout()
        if found:
            self.set_current(next((m for m in found if m.start >= top), found[0]))
            position, count = self.current_index
            find_bar.say(self, f"hit {position} of {count}")
        return len(found)

    def offset_at(self, x: int, y: int) -> int | None:
        """The body offset shown at content coordinates (x, y), or None off the body."""
        line = y + self.scroll_offset.y
        index = bisect_right(self._body_lines, line) - 1
        if index < 0 or self._body_lines[index] != line:
            return None
        return self._offsets[index] + x + self.scroll_offset.x

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        at = self.offset_at(offset.x, offset.y) if offset is not None else None
        mark = (
            next((m for m in self.marks if m.ref and m.start <= at < m.end), None) if at is not None else None
        )
        if mark is not None:
            self.set_current(mark)
            self.post_message(self.MarkChosen(mark))

    def action_open_mark(self) -> None:
        if self.current is not None and self.current.ref:
            self.post_message(self.MarkChosen(self.current))
        elif self.current is None:
            self.notify("Press ] to step to a name first.", timeout=2)

    @property
    def current_index(self) -> tuple[int, int]:
        """(position of the current mark among marks of its kind, 1-based; how many there are)."""
        if self.current is None:
            return 0, 0
        group = _group(self.current)
        same = [m for m in self.marks if _group(m) == group]
        return same.index(self.current) + 1 if self.current in same else 0, len(same)

    def line_of(self, offset: int) -> int:
        """The index of the line showing body offset ``offset``."""
        if not self._offsets:
            return 0
        return self._body_lines[max(0, bisect_right(self._offsets, offset) - 1)]

    def scroll_to_offset(self, offset: int) -> None:
        line = self.line_of(offset)
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        if not top <= line < top + height - 1:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    @property
    def visible_text(self) -> str:
        """The plain text of the lines on screen (what a user would read)."""
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        return "\n".join(line.plain for line in self._lines[top : top + height])

    # -- layout ----------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout()

    def _style(self, kind: str) -> Style:
        return self.get_component_rich_style(f"reader--{kind}", partial=True)

    def _layout(self) -> None:
        width = max(10, min(MEASURE, self.scrollable_content_region.width - 1))
        self._lines, self._offsets, self._body_lines = [], [], []
        article = self.article
        if article is None:
            self._lines = [Text("No article to show.", style=self._style("meta"))]
        else:
            self._wrap(Text(one_line(article.title), style=self._style("title")), -1, width)
            meta = header_line(article)
            if meta:
                self._wrap(Text(one_line(meta), style=self._style("meta")), -1, width)
            self._lines.append(Text(""))
            self._layout_body(article, width)
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def _layout_body(self, article: Article, width: int) -> None:
        body = article.body
        budget = MAX_BODY_CHARS
        first = 0  # marks before this one end before the current block (marks are sorted by start)
        for i, block in enumerate(article.blocks):
            if budget <= 0:
                rest = len(body) - block.start
                self._note(f"(article truncated for display: {rest:,} more characters)", width)
                break
            end = min(block.end, block.start + MAX_PARAGRAPH_CHARS, block.start + budget)
            budget -= end - block.start
            text = Text(clean(body[block.start : end]))
            if block.kind == "heading":
                text.stylize(self._style("heading"))
            while first < len(self.marks) and self.marks[first].end <= block.start:
                first += 1
            for j in range(first, len(self.marks)):
                mark = self.marks[j]
                if mark.start >= end:
                    break
                if mark.end > block.start:
                    self._stylize(text, mark, block.start)
            if self.current is not None and block.start <= self.current.start < block.end:
                self._stylize(text, Mark(self.current.start, self.current.end, "current"), block.start)
            start = block.start
            for piece in text.split("\n", allow_blank=True):
                self._wrap(piece, start, width)
                start += len(piece) + 1
            if end < block.end:
                size = block.end - block.start
                self._note(f"(paragraph truncated for display: {size:,} characters)", width)
            if i < len(article.blocks) - 1:
                self._lines.append(Text(""))

    def _note(self, message: str, width: int) -> None:
        self._wrap(Text(message, style=self._style("meta")), -1, width)

    def _stylize(self, text: Text, mark: Mark, base: int) -> None:
        text.stylize(self._style(mark.kind), max(0, mark.start - base), mark.end - base)

    def _wrap(self, text: Text, offset: int, width: int) -> None:
        if text.style:  # Text.render drops a base style on span-less lines; make it a span
            text.stylize_before(text.style)
            text.style = ""
        breaks = divide_line(text.plain, width, fold=True)
        starts = [0, *breaks]
        for start, line in zip(starts, text.divide(breaks), strict=True):
            line.rstrip()
            if offset >= 0:
                self._offsets.append(offset + start)
                self._body_lines.append(len(self._lines))
            self._lines.append(line)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        return (
            Strip(list(line.render(self.app.console)))
            .apply_style(self.rich_style)
            .crop_extend(0, width, self.rich_style)
        )
