"""Turning article data into Rich ``Text`` safely: never markup, never control characters."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.style import Style
from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Replace control characters (escape, bell, DEL...) with a visible stand-in of the same length.

    Tabs become spaces: a raw tab moves the terminal's cursor past what the layout counted.
    """
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text).replace("\t", " ")


def one_line(text: str) -> str:
    """``clean`` text on one line: for titles, names and messages that must not break a layout."""
    return clean(text).replace("\n", " ")


def safe_text(text: str, style: str = "") -> Text:
    """A ``Text`` holding ``text`` literally: square brackets are not markup, controls are shown."""
    return Text(one_line(text), style=style, no_wrap=True)


def highlighted(text: str, spans: Iterable[tuple[int, int]], style: Style | str, base: str = "") -> Text:
    """``text`` (literal, one line) with each span styled: the way hits and matches are shown."""
    out = safe_text(text, style=base)
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def score_bar(score: float, best: float, width: int = 5) -> str:
    """A small bar of how a score compares to the best one: ▰▰▰▱▱."""
    filled = round(width * score / best) if best > 0 else 0
    return "▰" * max(1, min(width, filled)) + "▱" * (width - max(1, min(width, filled)))


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
