"""A possible mention, before the article-level checks turn it into a Mention."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    label: str
    name: str
    context: str = ""
    strong: bool = False  # evidence beyond capitalisation: gazetteer, title, head word, mark
    tentative: bool = False  # starts a sentence and has no evidence yet
    guessed: bool = False  # the label comes from the shape of the words only
