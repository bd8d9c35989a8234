"""Split a paragraph into runs of capitalised words ("chains") that may hold names.

A chain is a sequence of capitalised tokens separated by single spaces or by a lower-case
particle ("Bank of Japan", "Charles de Gaulle"). The possessive "'s" is cut off a token
("China’s" -> "China") and ends the chain after a known name or a company form ("Japan's
Nippon Steel", "Chrysler Corp's Chrysler Motors"); after another word it is kept as a join that
the resolver may keep ("Moody's Investors Service", "Howl's Moving Castle"). Hyphenated tokens are
kept whole ("Asia-Pacific"), split into known names ("U.S.-Japan") or cut at a lower-case
part ("US-first" -> "US"). Each chain records whether it starts a sentence, because
sentence-initial capitals are weak evidence of a name.

A chain holds at most :data:`MAX_CHAIN_TOKENS` tokens: no name is longer, and the resolver's
work per chain grows faster than its length, so a bound keeps a whole article linear (a line
of 300,000 capitalised words, an ALL-CAPS press release, a list of names).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, field

from search.analysis.entities.gazetteer import Gazetteer
from search.analysis.entities.lexicon import Lexicon
from search.analysis.entities.linking import LEGAL_SUFFIXES

_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())
_WORD = rf"[{_UPPER}][\w&]*(?:['’][{_UPPER}a-z]\w*)?"
_TOKEN_RE = re.compile(
    rf"(?<![\w.'’&-])(?:"
    rf"[{_UPPER}](?:\.[{_UPPER}])+\.?"  # dotted acronym: U.S., U.K.
    r"|(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|Rev|Fr|Jr|Sr)\."  # abbreviated title
    rf"|[{_UPPER}]\.(?=[ ][{_UPPER}])"  # initial: George W. Bush
    rf"|(?:(?:al|el|ex|Ex)-)?{_WORD}"  # word
    r")(?:-[\w&]+(?:['’]\w+)?)*"  # hyphenated: Asia-Pacific, U.S.-Japan, US-first
)
_DOTTED_RE = re.compile(rf"[{_UPPER}](?:\.[{_UPPER}])+\.?")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
POSSESSIVE = "'s"  # join between a possessive and the next capitalised word
_COMPOUND_TAILS = frozenset(
    {"run", "born", "made", "style", "like", "wide", "first", "only", "era", "type", "bound", "free"}
    | {"friendly", "sized", "class", "level", "specific", "year", "old", "time", "day", "week", "term"}
)
_OPENERS = " \t\"“‘'([{*-–—•"
_SENTENCE_END = ".!?:;…\n\r"
_QUOTES = '"“'
_LIST_NUMBER = re.compile(r"[ \t]*\d{1,3}[.)]")
MAX_CHAIN_TOKENS = 24


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    cut: bool = False  # a possessive or a cut hyphenated word: only "'s" may continue the chain


@dataclass(slots=True)
class Chain:
    """Tokens of one capitalised run; ``joins[i]`` is the particle before ``tokens[i]`` ("" = space)."""

    tokens: list[Token]
    joins: list[str] = field(default_factory=list)
    initial: bool = False


def is_dotted(text: str) -> bool:
    return _DOTTED_RE.fullmatch(text) is not None


def _compound_tail(head: list[str], part: str) -> bool:
    """True when a lower-case part ends the name: "US-first", "Labour-led" (not "Mahn-je")."""
    return not head or head[-1].isupper() or part.endswith(("ed", "ing")) or part in _COMPOUND_TAILS


def _split_hyphenated(start: int, text: str, gaz: Gazetteer) -> Iterator[tuple[int, str]]:
    """Parts of a hyphenated token that can be names, with their offsets."""
    if gaz.get(text) is not None:
        yield start, text
        return
    parts = text.split("-")
    if parts[0] in ("al", "el", "ex", "Ex"):
        start += len(parts[0]) + 1
        parts = parts[1:]
    keep: list[str] = []
    for part in parts:
        if not part or (part[0].islower() and _compound_tail(keep, part)):
            break
        keep.append(part)
    if len(keep) > 1 and sum(gaz.get(p) is not None for p in keep) >= 2:
        offset = start
        for part in keep:  # "U.S.-Japan": two names
            yield offset, part
            offset += len(part) + 1
    elif keep:
        yield start, "-".join(keep)


def tokens(body: str, start: int, end: int, gaz: Gazetteer, titles: Container[str]) -> Iterator[Token]:
    """Capitalised tokens of ``body[start:end]``."""
    for match in _TOKEN_RE.finditer(body, start, end):
        text = match.group()
        possessive = text.endswith(_POSSESSIVE)
        if possessive:
            text = text[:-2]
        pos = match.start()
        if "-" in text and text not in titles:
            parts = list(_split_hyphenated(pos, text, gaz))
            for i, (part_start, part) in enumerate(parts):
                cut = possessive or i < len(parts) - 1 or len(part) < len(text)
                yield Token(part_start, part_start + len(part), part, cut)
        elif text:
            yield Token(pos, pos + len(text), text, possessive)


def is_sentence_start(body: str, origin: int, pos: int) -> bool:
    """True when only opening punctuation separates ``pos`` from a sentence end or line start.

    An opening double quote starts a sentence too: quoted speech ('said "The Bank is ...'). A list
    number at the start of a line ends no sentence ("1. Hanne Haugland ( Norway ) 2.00").
    """
    i = pos
    while i > origin and body[i - 1] in _OPENERS:
        if body[i - 1] in _QUOTES:
            return True
        i -= 1
    if _after_list_number(body, origin, i):
        return False  # "1. Hanne Haugland": the number ends no sentence
    return i <= origin or body[i - 1] in _SENTENCE_END


def _after_list_number(body: str, origin: int, end: int) -> bool:
    """True when only a list number ("1.", "12)") stands between a line start and ``end``."""
    line_start = max(origin, body.rfind("\n", max(origin, end - 6), end) + 1)
    return _LIST_NUMBER.fullmatch(body, line_start, end) is not None and (
        line_start == origin or body[line_start - 1] == "\n"
    )


def _join(body: str, prev: Token, tok: Token, lex: Lexicon, gaz: Gazetteer) -> str | None:
    """The particle joining ``prev`` and ``tok`` ("" for a plain space), or None for a break."""
    gap = body[prev.end : tok.start]
    if prev.cut:
        # "Moody's Investors Service" may be one name (the "'s" is Moody's own); "Japan's Nippon
        # Steel", "Microsoft's Media Center" and "Chrysler Corp's Chrysler Motors" are two: a known
        # name or a company owns what follows.
        known = gaz.get(prev.text)
        owner = (known is not None and not known.name.endswith(_POSSESSIVE)) or prev.text in LEGAL_SUFFIXES
        return POSSESSIVE if gap in ("'s ", "’s ") and not owner else None
    if gap == " ":
        if prev.text.endswith(".") and is_dotted(prev.text):
            # "U.S. And Japan" (wire casing) breaks; "U.S. Steel" is kept when known.
            return "" if gaz.get(f"{prev.text} {tok.text}") is not None else None
        return ""
    if "\n" in gap or not gap.startswith(" ") or not gap.endswith(" "):
        return None
    particle = " ".join(gap.split())
    known = particle == "&" or (particle.islower() and particle in lex.particles)
    return particle if known else None


def chains(body: str, start: int, end: int, origin: int, lex: Lexicon, gaz: Gazetteer) -> list[Chain]:
    """Capitalised runs of ``body[start:end]``, a part of the paragraph that begins at ``origin``."""
    out: list[Chain] = []
    current: Chain | None = None
    prev: Token | None = None
    for tok in tokens(body, start, end, gaz, lex.titles):
        join = _join(body, prev, tok, lex, gaz) if prev is not None else None
        if current is not None and join is not None and len(current.tokens) < MAX_CHAIN_TOKENS:
            current.tokens.append(tok)
            current.joins.append(join)
        else:
            current = Chain([tok], [""], is_sentence_start(body, origin, tok.start))
            out.append(current)
        prev = tok
    return out
