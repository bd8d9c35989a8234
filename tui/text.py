"""Turning article data into Rich ``Text`` safely: never markup, never control characters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from rich.style import Style
from rich.text import Text

from search.model import Article

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


def nice_date(value: str) -> str:
    """An ISO date as people write it: "13 Apr 1987 14:23" (or "13 Apr 1987"); other text as given."""
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return value
    has_time = "T" in value or " " in value.strip()
    return f"{when.day} {when:%b %Y}" + (f" {when:%H:%M}" if has_time else "")


def header_line(article: Article) -> str:
    """Author · source · date · section, the source said once (a byline often ends with it)."""
    author = article.author
    if article.source and author.casefold().endswith(", " + article.source.casefold()):
        author = author[: -len(article.source) - 2].rstrip()
    return " · ".join(x for x in (author, article.source, nice_date(article.date), article.section) if x)
