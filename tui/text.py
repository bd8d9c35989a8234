"""Turning article data into Rich ``Text`` safely: never markup, never control characters."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Replace control characters (escape, bell, DEL...) with a visible stand-in of the same length."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def safe_text(text: str, style: str = "") -> Text:
    """A ``Text`` holding ``text`` literally: square brackets are not markup, controls are shown."""
    return Text(clean(text).replace("\n", " "), style=style, no_wrap=True)
