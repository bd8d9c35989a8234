"""A list on Textual's Line API: only the rows on screen are ever rendered.

``ListView`` mounts a widget per row (7.5k rows took 20 s here); this renders
each visible row on demand from plain data, so a 50k-row corpus opens at once.
Subclasses say how a row looks (``render_row``) and what Enter means (``Selected``).
"""

from __future__ import annotations

import textwrap
from typing import ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

T = TypeVar("T")


class VirtualList(ScrollView, Generic[T], can_focus=True):
    """A keyboard-driven list of ``T`` with a cursor; one terminal line a row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down", tooltip="Next row"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up", tooltip="Previous row"),
        Binding("home,g", "first", "First", show=False, id="list.first", tooltip="First row"),
        Binding("end,G", "last", "Last", show=False, id="list.last", tooltip="Last row"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter,l", "select", "Open", id="list.select", tooltip="Open the row under the cursor"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-list--cursor",
        "virtual-list--dim",
        "virtual-list--match",
    }

    ROW_HEIGHT: ClassVar[int] = 1  # terminal lines per row
    DEFAULT_CSS = """
    VirtualList { overflow-x: hidden; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class _RowMessage(Message):
        def __init__(self, sender: VirtualList[object], index: int) -> None:
            super().__init__()
            self.list = sender
            self.index = index

        @property
        def control(self) -> VirtualList[object]:
            return self.list

    class Highlighted(_RowMessage):
        """The cursor moved to row ``index``."""

    class Selected(_RowMessage):
        """Enter (or a double click) on row ``index``."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._items: list[T] = []
        self._cache: LRUCache[tuple[int, int, bool], list[Strip]] = LRUCache(512)

    # -- data ------------------------------------------------------------------------------

    @property
    def items(self) -> list[T]:
        return self._items

    def set_items(self, items: list[T], cursor: int = 0) -> None:
        self._items = items
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(items) * self.ROW_HEIGHT)
        self.cursor = max(0, min(cursor, len(items) - 1))
        self.refresh()

    @property
    def current(self) -> T | None:
        return self._items[self.cursor] if 0 <= self.cursor < len(self._items) else None

    def render_row(self, item: T, width: int) -> Text:
        raise NotImplementedError

    def render_row_lines(self, item: T, width: int, index: int) -> list[Text]:
        """The ``ROW_HEIGHT`` lines of row ``index``; one-line lists only implement ``render_row``."""
        return [self.render_row(item, width)]

    def empty_text(self) -> str:
        return "Nothing here."

    # -- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + self.scroll_offset.y
        index, sub = divmod(line, self.ROW_HEIGHT)
        if not self._items:  # the empty text, wrapped to the width: never cut
            lines = textwrap.wrap(self.empty_text(), max(1, width - 1)) if y < 20 else []
            if y < len(lines):
                style = self.get_component_rich_style("virtual-list--dim")
                return Strip([Segment(lines[y].ljust(width), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self._items):
            return Strip.blank(width, self.rich_style)
        selected = index == self.cursor
        key = (index, width, selected and self.has_focus)
        strips = self._cache.get(key)
        if strips is None:
            strips = self._render_row_strips(index, width, selected)
            self._cache[key] = strips
        return strips[sub] if sub < len(strips) else Strip.blank(width, self.rich_style)

    def _render_row_strips(self, index: int, width: int, selected: bool) -> list[Strip]:
        base = self.rich_style
        if selected:
            cursor_style = self.get_component_rich_style("virtual-list--cursor")
            if not self.has_focus:
                cursor_style = Style(bgcolor=cursor_style.bgcolor, dim=True)
            base = base + cursor_style
        strips = []
        for text in self.render_row_lines(self._items[index], width, index):
            text.no_wrap = True
            text.truncate(width, overflow="ellipsis", pad=True)
            if text.style:  # Text.render drops a base style on span-less lines; make it a span
                text.stylize_before(text.style)
                text.style = ""
            segments = list(text.render(self.app.console))
            strips.append(Strip(segments).apply_style(base).crop_extend(0, width, base))
        return strips

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._items) * self.ROW_HEIGHT)

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    # -- cursor ----------------------------------------------------------------------------

    def watch_cursor(self, new: int) -> None:
        self._cache.clear()
        self.refresh()
        self._scroll_cursor_into_view()
        if self._items:
            self.post_message(self.Highlighted(self, new))

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        first, last = self.cursor * self.ROW_HEIGHT, (self.cursor + 1) * self.ROW_HEIGHT - 1
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height // self.ROW_HEIGHT - 1)

    def move_to(self, index: int) -> None:
        if self._items:
            self.cursor = max(0, min(index, len(self._items) - 1))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._items) - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self.page_rows)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self.page_rows)

    def action_select(self) -> None:
        if self._items:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // self.ROW_HEIGHT
        if 0 <= index < len(self._items):
            self.move_to(index)
            if event.chain >= 2:
                self.action_select()
