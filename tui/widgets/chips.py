"""Active filters as removable chips: Enter or a click on one removes it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.containers import HorizontalScroll
from textual.message import Message
from textual.widgets import Button, Label

from tui.text import clean


class ChipBar(HorizontalScroll):
    DEFAULT_CSS = """
    ChipBar { height: 1; padding: 0 1; scrollbar-size: 0 0; }
    ChipBar.-empty { display: none; }
    ChipBar Label { color: $text-muted; padding-right: 1; }
    ChipBar Button { margin-right: 1; }
    """

    class Removed(Message):
        def __init__(self, facet: str, value: str) -> None:
            super().__init__()
            self.facet = facet
            self.value = value

    def show_filters(self, filters: Mapping[str, Sequence[str]]) -> None:
        self.remove_children()
        chips = [(f, v) for f, values in filters.items() for v in values]
        self.set_class(not chips, "-empty")
        if not chips:
            return
        widgets: list[Label | Button] = [Label("Filters:")]
        for facet, value in chips:
            chip = Button(f"{facet}: {clean(value)} ✕", compact=True, variant="primary")
            chip.tooltip = "Remove this filter"
            chip.chip = (facet, value)  # type: ignore[attr-defined]
            widgets.append(chip)
        self.mount_all(widgets)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        facet, value = event.button.chip  # type: ignore[attr-defined]
        self.post_message(self.Removed(facet, value))
