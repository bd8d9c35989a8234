"""The keys that work right now, on one line at the bottom of each screen.

Textual's ``Footer`` makes a widget of every key and builds them all again whenever the
focus moves: at start-up that was a tenth of a second before the article list could show.
This draws the same keys (those bound with ``show``, one per action; help and the command
palette's on the right) as one line of text; a click on a key runs it, as on the Footer.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class _Key(NamedTuple):
    start: int
    end: int
    binding: Binding


PINNED = ("help",)  # actions kept on the right of the bar, whatever the width


class KeyBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[_Key] = []  # where each key was drawn, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled_style = self.get_component_rich_style("key-bar--disabled")
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        pinned = [b for _, b, _, _ in active.values() if b.show and b.action in PINNED][:1]
        if palette is not None:
            pinned.append(palette.binding)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        self._keys = []
        seen: set[str] = {b.action for b in pinned}
        for _, binding, enabled, _ in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            start = len(text)
            text.append(f" {self.app.get_key_display(binding)} ", key_style)
            text.append(f"{binding.description} ", description_style)
            if not enabled:
                text.stylize(disabled_style, start)
            self._keys.append(_Key(start, len(text), binding))
        right = Text(end="")  # on the right, always: help and the palette; the other keys give way
        right_keys = []
        for binding in pinned:
            start = len(right)
            right.append(f" {self.app.get_key_display(binding)} ", key_style)
            right.append(f"{binding.description} ", description_style)
            right_keys.append((start, len(right), binding))
        room = max(0, self.size.width - len(right))
        if len(text) > room:
            text.truncate(room, overflow="ellipsis")
            self._keys = [k for k in self._keys if k.end <= room]
        text.append(" " * (room - len(text)))
        self._keys += [_Key(room + a, room + b, binding) for a, b, binding in right_keys]
        text.append_text(right)
        return text

    def _on_click(self, event: events.Click) -> None:
        for key in self._keys:
            if key.start <= event.x < key.end:
                event.stop()
                self.app.simulate_key(key.binding.key)  # as the Footer does: as if it was pressed
                return
