"""A list on Textual's Line API: only the rows on screen are ever rendered.

``ListView`` mounts a widget per row (7.5k rows took 20 s here); this renders
each visible row on demand from plain data, so a 50k-row corpus opens at once.
Subclasses say how a row looks (``render_row``) and what Enter means (``Selected``).
"""

from __future__ import annotations

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

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, sender: VirtualList[object], index: int) -> None:
            super().__init__()
            self.list = sender
            self.index = index

        @property
        def control(self) -> VirtualList[object]:
            return self.list

    class Selected(Message):
        def __init__(self, sender: VirtualList[object], index: int) -> None:
            super().__init__()
            self.list = sender
            self.index = index

        @property
        def control(self) -> VirtualList[object]:
            return self.list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._items: list[T] = []
        self._cache: LRUCache[tuple[int, int, bool], Strip] = LRUCache(512)

    # -- data ------------------------------------------------------------------------------

    @property
    def items(self) -> list[T]:
        return self._items

    def set_items(self, items: list[T], cursor: int = 0) -> None:
        self._items = items
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(items))
        self.cursor = max(0, min(cursor, len(items) - 1))
        self.refresh()

    @property
    def current(self) -> T | None:
        return self._items[self.cursor] if 0 <= self.cursor < len(self._items) else None

    def render_row(self, item: T, width: int) -> Text:
        raise NotImplementedError

    def empty_text(self) -> str:
        return "Nothing here."

    # -- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if not self._items:
            if y == 0:
                style = self.get_component_rich_style("virtual-list--dim")
                return Strip([Segment(self.empty_text()[:width].ljust(width), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self._items):
            return Strip.blank(width, self.rich_style)
        selected = index == self.cursor
        key = (index, width, selected and self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            text = self.render_row(self._items[index], width)
            text.no_wrap = True
            text.overflow = "ellipsis"
            text.truncate(width, overflow="ellipsis", pad=True)
            if text.style:  # Text.render drops a base style on span-less lines; make it a span
                text.stylize_before(text.style)
                text.style = ""
            base = self.rich_style
            if selected:
                cursor_style = self.get_component_rich_style("virtual-list--cursor")
                if not self.has_focus:
                    cursor_style = Style(bgcolor=cursor_style.bgcolor, dim=True)
                base = base + cursor_style
            segments = list(text.render(self.app.console))
            strip = Strip(segments).apply_style(base).crop_extend(0, width, base)
            self._cache[key] = strip
        return strip

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._items))

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
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

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
        self.move_to(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        if self._items:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if 0 <= index < len(self._items):
            self.move_to(index)
            if event.chain >= 2:
                self.action_select()
