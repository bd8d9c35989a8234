"""Newswire conventions: datelines, bylines and Reuters-style company marks.

* ``NEW YORK, April 8 - ...`` opens many wire stories: the place is a GPE mention and the
  words after the dash start a sentence.
* ``By William Kazer, Reuters`` is a byline paragraph: never scanned for entities.
* ``<Exxon Corp>`` marks a company name (ORG); ``<XON>`` or ``<MC.T>`` is a ticker and is
  skipped.
"""

from __future__ import annotations

import re

from search.analysis.entities.candidate import Candidate
from search.analysis.entities.gazetteer import Gazetteer

DATELINE = "dateline"

_DATELINE_RE = re.compile(
    r"([A-Z][A-Z.'&-]*(?:[ ][A-Z][A-Z.'&-]*){0,4}),"  # NEW YORK,
    r"(?:[ ]([A-Z][A-Za-z.]{0,12}),)?"  # optional state: Calif.,
    r"[ ](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ ]\d{1,2}[ ]+-+[ ]*"
)
_BYLINE_RE = re.compile(r"By [A-Z][\w.'’ -]{1,60}(?:, [\w .'’-]{1,40})?")
_MARK_RE = re.compile(r"<([^<>\n]{1,100})>")
_TICKER_RE = re.compile(r"[A-Z0-9.&'/-]+")


def is_byline(text: str) -> bool:
    """True for a paragraph that is only a byline ("By Linda Sieg, Reuters")."""
    return len(text) <= 100 and _BYLINE_RE.fullmatch(text.strip()) is not None


def dateline(body: str, start: int, end: int, gaz: Gazetteer) -> tuple[list[Candidate], int]:
    """The dateline's place and state at ``start`` (if any: "HARTFORD, Conn.,") and the offset
    where the story text begins."""
    match = _DATELINE_RE.match(body, start, end)
    if match is None:
        return [], start
    place = match.group(1)
    known = gaz.get_upper(place)
    name, label = (known.name, known.label) if known is not None else (place.title(), "GPE")
    found = [Candidate(match.start(1), match.end(1), label, name, DATELINE, strong=True)]
    state = match.group(2)
    if state is not None and (known := gaz.get(state) or gaz.get(state.rstrip("."))) is not None:
        found.append(Candidate(match.start(2), match.end(2), known.label, known.name, DATELINE, strong=True))
    return found, match.end()


def company_marks(body: str, start: int, end: int) -> list[tuple[int, int, Candidate | None]]:
    """Spans of ``<...>`` marks in ``body[start:end]`` and the ORG they name (None for tickers)."""
    out: list[tuple[int, int, Candidate | None]] = []
    for match in _MARK_RE.finditer(body, start, end):
        inner = match.group(1)
        candidate = None
        stripped = inner.strip()
        if stripped and _TICKER_RE.fullmatch(stripped) is None and any(c.isalpha() for c in stripped):
            lead = len(inner) - len(inner.lstrip())
            s = match.start(1) + lead
            name = " ".join(stripped.split())
            candidate = Candidate(s, s + len(stripped), "ORG", name, strong=True)
        out.append((match.start(), match.end(), candidate))
    return out
