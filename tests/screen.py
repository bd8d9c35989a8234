"""Test helpers: what a user would see on the terminal."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot


def _drawn(app: App[object]) -> Console:
    console = Console(
        width=app.size.width, height=app.size.height, file=io.StringIO(),
        force_terminal=True, color_system="truecolor", record=True, legacy_windows=False,
    )  # fmt: skip
    console.print(app.screen._compositor.render_update(full=True))
    return console


def screen_text(app: App[object]) -> str:
    """The whole screen as plain text, exactly as it would be drawn."""
    return _drawn(app).export_text()


def screen_colours(app: App[object]) -> set[tuple[int, int, int]]:
    """Every foreground and background colour the screen is drawn with, as RGB."""
    colours: set[tuple[int, int, int]] = set()
    for segment in _drawn(app)._record_buffer:
        style = segment.style
        for colour in (style.color, style.bgcolor) if style else ():
            if colour is not None and not colour.is_default:
                colours.add(tuple(colour.get_truecolor()))
    return colours


def toast_text(app: App[object]) -> str:
    """The words of the notifications on screen (toasts), their wrapped lines joined."""
    lines = screen_text(app).splitlines()
    parts = (line.split("▌", 1)[1].strip() for line in lines if "▌" in line)
    return " ".join(part for part in parts if part)


async def wait_until(pilot: Pilot[None], done: Callable[[], bool], timeout: float, what: str) -> None:
    """Let the app run until ``done()`` holds, failing with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}\n{screen_text(pilot.app)}")
        await pilot.pause(0.05)
