"""The extractor interface and the default rule-based extractor."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from search.analysis.budget import NO_DEADLINE, check
from search.analysis.entities.candidate import Candidate
from search.analysis.entities.chains import chains
from search.analysis.entities.gazetteer import Gazetteer, Known, countries, gazetteer
from search.analysis.entities.lexicon import Lexicon, lexicon
from search.analysis.entities.linking import CUT, LEGAL_SUFFIXES
from search.analysis.entities.resolve import Resolver
from search.analysis.entities.rows import mark_teams
from search.analysis.entities.types import Mention, name_key
from search.analysis.entities.wire import company_marks, dateline, is_byline
from search.model import Block

_TABLE_GAP = "   "  # runs of spaces align table columns; prose never has them
_LOWER_WORD_RE = re.compile(r"\b[a-z]+\b")
_WHO_RE = re.compile(r", who\b")
# A name word right before a name: a capitalised word, an initial or a short abbreviation ("Alex."),
# with or without a particle ("Helen of").
_NAME_BEFORE_RE = re.compile(r"\b([A-Z][\w&-]*|[A-Z][A-Za-z.]{0,3}\.)(?: (?:of|and|&|de))? $")
_WORD_ENDINGS = ("ed", "ing", "ly")  # "Injured Chelsea striker ...": a common word, not a name
_PARTNERS_RE = re.compile(r"([A-Z][\w'-]*(?: [A-Z][\w'-]*)?) ((?:and|&) Co\.?)")  # "Sachs and Co"
# Places in a team, after its name ("Leicester flanker", "Chelsea captain").
_SIDE_RE = re.compile(
    r" (?:captain|skipper|team-mate|club-mate|flanker|hooker|prop|lock|tight-head|loose-head|wing|winger"
    r"|full-back|fly-half|scrum-half|left-back|right-back|centre-back)\b"
)
_VERSUS_AFTER_RE = re.compile(r" v\.? [A-Z]")
_VERSUS_BEFORE_RE = re.compile(r"[A-Za-z] v\.? $")
_GROUP_VERB_RE = re.compile(r"(, who)? (?:are|were|have)\b")
# Words after which a name opens a clause (so a verb after it is its verb): "but Chelsea were".
_OPENS_CLAUSE = frozenset(
    {"when", "while", "but", "as", "if", "because", "since", "though", "although", "that", "whether"}
    | {"where", "until", "unless", "before", "after", "so", "then", "now"}
)
# Roles held in an organisation: the name right before one is the organisation ("Chelsea striker").
_EMPLOYER_RE = re.compile(
    r" (?:striker|midfielder|defender|goalkeeper|winger|coach|manager|chairman|chief executive|boss)\b"
)


class EntityExtractor(Protocol):
    """Finds name mentions in the text blocks of an article body (headings are never scanned).

    Past ``deadline`` (a ``time.monotonic()`` value) it raises :class:`~search.analysis.budget.OutOfTime`.
    """

    def extract(self, body: str, blocks: Sequence[Block], deadline: float = NO_DEADLINE) -> list[Mention]: ...


class RuleExtractor:
    """Capitalisation, gazetteer and title rules; no model, no data beyond ``data/``.

    ``known`` adds surface forms to the gazetteer (e.g. a user's aliases), so that words
    the rules would drop ("the Emperor") are still found.
    """

    def __init__(self, known: Mapping[str, Known] | None = None) -> None:
        self._lex = lexicon()
        self._gaz = gazetteer().with_extra(known or {})

    def extract(self, body: str, blocks: Sequence[Block], deadline: float = NO_DEADLINE) -> list[Mention]:
        resolver = Resolver(body, self._lex, self._gaz)
        found: list[Candidate] = []
        scanned = 0  # blocks may overlap or repeat: scan each character once
        for block in sorted((b for b in blocks if b.kind == "text"), key=lambda b: (b.start, b.end)):
            start, end = max(0, block.start, scanned), min(len(body), block.end)
            text = body[start:end]
            if start >= end or is_byline(text) or _TABLE_GAP in text:
                continue
            found += _scan_block(body, (start, end), resolver, self._lex, self._gaz, deadline)
            scanned = end
        lower_words = frozenset(_LOWER_WORD_RE.findall(body))
        for cand in found:
            _add_context_evidence(body, cand, self._lex, lower_words)
            if cand.label == "ORG" and cand.name.rsplit(None, 1)[-1] in LEGAL_SUFFIXES:
                cand.context = CUT if self._after_a_name(body, cand.start) else cand.context
        mark_teams(body, found, countries())
        return [_mention(body, c) for c in _settle_tentative(body, _join_partners(body, found), lower_words)]

    def _after_a_name(self, body: str, start: int) -> bool:
        """Whether a name word ends right before ``start`` (so a name there may start before it)."""
        before = _NAME_BEFORE_RE.search(body, max(0, start - 40), start)
        if before is None:
            return False
        word = before.group(1)  # (another firm's form is no part of it: "Sachs and Co. Texaco Inc")
        return not self._lex.never_alone(word) and word.rstrip(".") not in LEGAL_SUFFIXES


def _scan_block(
    body: str, span: tuple[int, int], resolver: Resolver, lex: Lexicon, gaz: Gazetteer, deadline: float
) -> list[Candidate]:
    start, end = span
    shouted = not any(c.islower() for c in body[start:end])  # a headline, a table: capitals say nothing
    found, origin = dateline(body, start, end, gaz)
    pos = origin
    for mark_start, mark_end, company in [*company_marks(body, origin, end), (end, end, None)]:
        if pos < mark_start:
            for chain in chains(body, pos, mark_start, origin, lex, gaz):
                check(deadline)
                found += resolver.resolve(chain, shouted)
        if company is not None:
            found.append(company)
        pos = max(pos, mark_end)
    return found


def _preceding_title(body: str, start: int, lex: Lexicon) -> str:
    """The lower-case role right before ``start`` ("former prime minister"), or ""."""
    words = body[max(0, start - 40) : start].split()
    if not words or body[start - 1 : start] != " ":
        return ""
    for size in (2, 1):
        role = " ".join(words[-size:])
        if len(words) >= size and role in lex.lower_titles:
            before = words[-size - 1] if len(words) > size else ""
            return f"{before} {role}" if before in ("former", "late", "ex") else role
    return ""


def _a_side(body: str, cand: Candidate) -> bool:
    """A name used as a team: a place in a side ("Leicester flanker") or a plural verb after a name
    that is no plural ("Chelsea were", "Arsenal, who have")."""
    if _SIDE_RE.match(body, cand.end):
        return True
    verb = _GROUP_VERB_RE.match(body, cand.end)
    if verb is None or cand.name.endswith(("s", "men")):
        return False
    if verb.group(1):  # "Arsenal, who have"
        return True
    before = body[max(0, cand.start - 40) : cand.start].rstrip()
    return not before or before[-1] in '.!?:;"\n' or before.split()[-1] in _OPENS_CLAUSE


def _in_a_fixture(body: str, cand: Candidate) -> bool:
    """A side of a fixture ("Reading v Leicester"): a team, or the town it is named for."""
    after = _VERSUS_AFTER_RE.match(body, cand.end)
    return bool(after or _VERSUS_BEFORE_RE.search(body, max(0, cand.start - 4), cand.start))


def _add_context_evidence(body: str, cand: Candidate, lex: Lexicon, lower_words: frozenset[str]) -> None:
    """Settle a guessed label: PERSON on "minister X" or "X, who"; ORG for a team (``_a_side``); MISC
    when a word of a guessed person is a common word in this article ("Record June", "Data General")."""
    if cand.label not in ("PERSON", "MISC"):
        return
    role = _preceding_title(body, cand.start, lex)
    if (cand.label == "MISC" or cand.guessed) and not role and _EMPLOYER_RE.match(body, cand.end):
        cand.label, cand.guessed = "ORG", False  # (a sentence-initial word still needs more)
    elif cand.label == "MISC" and not role and _a_side(body, cand):
        cand.label = "ORG"
    elif cand.label == "MISC" and not role and _in_a_fixture(body, cand):
        cand.label, cand.guessed = "ORG", True  # a sign, not proof: a team named for its town
    elif role or (not cand.strong and _WHO_RE.match(body, cand.end)):
        cand.label, cand.strong, cand.tentative, cand.guessed = "PERSON", True, False, False
        cand.context = cand.context or role
    elif cand.guessed and any(w.lower() in lower_words for w in cand.name.split()):
        cand.label, cand.guessed = "MISC", False


def _join_partners(body: str, found: list[Candidate]) -> list[Candidate]:
    """A firm named for its partners is one name up to its "and Co", across the commas between them:
    "Goldman, Sachs and Co" is Goldman Sachs (its company form kept as context), not "Goldman"."""
    if not any(c.label == "ORG" and " Co" in c.name for c in found):
        return found  # (the usual case)
    out: list[Candidate] = []
    for cand in sorted(found, key=lambda c: c.start):
        prev = out[-1] if out else None
        partners = _PARTNERS_RE.fullmatch(cand.name) if cand.label == "ORG" else None
        if (
            prev is not None
            and partners
            and body[prev.end : cand.start] == ", "
            and (prev.label == "MISC" or prev.guessed)
        ):
            name = f"{prev.name} {partners.group(1)}"
            out[-1] = Candidate(prev.start, cand.end, "ORG", name, partners.group(2), strong=True)
        else:
            out.append(cand)
    return out


def _settle_tentative(body: str, found: list[Candidate], lower_words: frozenset[str]) -> list[Candidate]:
    """Keep a sentence-initial guess only when the article backs it up.

    A single word must also occur mid-sentence ("Takaichi, who ..." after "with Takaichi").
    Several words are kept when their first word is not a common word here and a later
    word is used as a name elsewhere; a common first word is cut off ("Several Japanese").
    """
    settled = [c for c in found if not c.tentative]
    seen = {name_key(c.name) for c in settled}
    seen |= {name_key(w) for c in settled if c.label in ("PERSON", "MISC") for w in c.name.split()[1:]}
    for cand in found:
        if not cand.tentative:
            continue
        words = cand.name.split()
        if name_key(cand.name) in seen:
            settled.append(cand)
        elif len(words) < 2:
            continue
        elif words[0].lower() not in lower_words and not words[0].endswith(_WORD_ENDINGS):
            if any(name_key(w) in seen for w in words[1:]):
                settled.append(cand)
        elif len(words) > 2 or name_key(words[1]) in seen:
            rest = body[cand.start : cand.end].split(None, 1)[1]
            offset = cand.end - len(rest)
            rest = " ".join(rest.split())
            person = len(words) > 2 and cand.label == "PERSON"
            settled.append(Candidate(offset, cand.end, "PERSON" if person else "MISC", rest, guessed=person))
    settled.sort(key=lambda c: c.start)
    return settled


def _mention(body: str, cand: Candidate) -> Mention:
    text = body[cand.start : cand.end]
    return Mention(cand.start, cand.end, text, cand.label, cand.name, cand.context, cand.guessed)
