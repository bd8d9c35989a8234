"""Results and standings rows: a name followed by scores is a team.

``Tranmere 4 2 1 1 6 4 7`` (a standings row: a name, then only numbers) and ``Torquay 2 Exeter 0``
or ``Somerset 83 and 174 , Leicestershire 296`` (two or more names each followed by a score on
one line) name teams. A team is an organisation (a club named by its city too), except a
country's side, which keeps the country's label. A person found by a given name or a title is
left alone (golf and athletics results list people), as is a person written with an initial
("M. Gatting 83" in a cricket score card), and a dateline ("LONDON 1996-08-30").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Container

from search.analysis.entities.candidate import Candidate

# "Kent 250", "Surrey 429-7", "Benetton ( Italy ) 92"; not a bowler's "8-1-26-3" or "9.5-0-44-1"
_SCORE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?\d+(?:-\d+)?(?![\d-]|\.\d)")
_NUMBER = r"[ \t]+[-+]?[\d.,/:-]*\d[\d.,/:-]*"
_NUMBERS_ONLY = re.compile(rf"(?:{_NUMBER}){{2,}}[ \t.]*")  # "46 6 54 .462 14 1/2", not a date
_ROW_LEAD = " \t-*•"


def mark_teams(body: str, found: list[Candidate], countries: Container[str]) -> None:
    """Relabel the candidates that name teams in results rows (in place). Linear in ``body``."""
    breaks = [m.start() for m in re.finditer("\n", body)]
    scored: dict[int, list[Candidate]] = defaultdict(list)
    for cand in found:
        at = bisect_left(breaks, cand.start)
        line_start = breaks[at - 1] + 1 if at else 0
        line_end = breaks[at] if at < len(breaks) else len(body)
        if _SCORE_AFTER.match(body, cand.end, line_end) is None:
            continue
        lead = cand.start
        while lead > line_start and body[lead - 1] in _ROW_LEAD:
            lead -= 1
        if lead == line_start and _NUMBERS_ONLY.fullmatch(body, cand.end, line_end):
            _team(cand, countries)
        else:
            scored[line_start].append(cand)
    for row in scored.values():
        if len(row) >= 2:
            for cand in row:
                _team(cand, countries)


def _team(cand: Candidate, countries: Container[str]) -> None:
    initial = len(first := cand.name.split()[0]) == 2 and first.endswith(".")  # "M. Gatting"
    if cand.label == "PERSON" and (initial or not cand.guessed):
        return
    if cand.name not in countries:
        cand.label = "ORG"
    cand.strong, cand.tentative, cand.guessed = True, False, False
