"""Spelling variants and short forms of one name merge across the corpus.

Transliterations and typos split one entity: "Yuganskneftegas", "Yuganskneftegaz",
"Yuganskneftgas", "Yuganksneftegas". Single-word names of one label merge into their most
mentioned spelling when they are at least ``MIN_LENGTH`` letters long and one *spelling* edit
apart: a letter added or dropped, two neighbours swapped, or a letter replaced by one that
sounds alike (a vowel for a vowel, "s" for "z", "c" for "k", ...). A consonant replaced by one
that sounds different makes another name ("Broomfield", "Brookfield"; "Generation",
"Genemation"), and shorter words one letter apart are too often two names ("Eurostar",
"Eurostat").

A short form merges into the long name it abbreviates ("Yugansk" -> "Yuganskneftegas") when it
is the start of that one-word name, cuts off a whole part of it (``MIN_CUT`` letters: a suffix
such as "-ville" or "-shire" makes another name) and follows it in some article, as a surname
follows the full name; one that follows two different long names stays apart.

People are never merged this way ("Fernandes", "Fernandez"), nor any name the user lists in
entities.toml (which is how a user splits a wrong merge). Names are compared only within
blocks that share their first letters, and a crowded block is skipped, so the work is linear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from rapidfuzz.distance import OSA, Levenshtein

from search.analysis.entities.types import Mention, name_key

MIN_LENGTH = 10  # letters; shorter words one edit apart are too often two names or two words
MIN_SHORT = 6  # letters of a short form ("Yugansk")
MIN_CUT = 6  # letters a short form leaves out: fewer is a suffix ("Jackson" -> "Jacksonville")
_BLOCK_CHARS = 4
_MAX_BLOCK = 64
_VOWELS = frozenset("aeiouy")
# Consonants that stand for one sound in different spellings and transliterations.
_ALIKE = frozenset(
    frozenset(p) for p in ("sz", "ck", "cs", "kq", "gk", "gq", "tz", "dt", "bp", "fv", "vw", "mn", "jy")
)


def spelling_block(label: str, name: str, protected: Collection[str]) -> tuple[str, str] | None:
    """The block a ``(label, name)`` is compared within; None when it never merges."""
    key = name_key(name)
    if label != "PERSON" and " " not in name and len(key) >= MIN_SHORT and key not in protected:
        return label, key[:_BLOCK_CHARS]
    return None


def block_map(
    label: str,
    names: Sequence[tuple[str, str]],
    counts: Mapping[tuple[str, str], int],
    follows: Collection[tuple[str, str]],
) -> dict[str, str]:
    """Name key -> the spelling it merges into, for the ``(key, name)`` of one block (in order)."""
    out: dict[str, str] = {}
    if len(names) > _MAX_BLOCK:
        return out
    for key, name in (kn for kn in names if len(kn[0]) >= MIN_LENGTH):
        group = [(k, n) for k, n in names if len(k) >= MIN_LENGTH and _one_spelling_apart(k, key)]
        best = min([(key, name), *group], key=lambda kn: (-counts[label, kn[1]], kn[0]))
        if best[0] != key:
            out[key] = best[1]
    for key, _ in names:
        longer = {out.get(k, n) for k, n in names if _shortens(key, k) and (k, key) in follows}
        if len(longer) == 1:  # two long names it could stand for: it stays apart
            out[key] = longer.pop()
    # A short form merges into where its long name went.
    return {key: out.get(name_key(to), to) for key, to in out.items()}


def spelling_map(
    counts: Mapping[tuple[str, str], int],
    protected: Collection[str],
    follows: Collection[tuple[str, str]] = (),
) -> dict[str, str]:
    """Name key -> the spelling it merges into, for ``(label, name) -> mentions`` counts.

    ``follows`` holds (earlier key, later key) pairs of names seen in that order in one
    article: a short form merges only into a long name it follows.
    """
    blocks: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # -> (key, name)
    for label, name in counts:
        block = spelling_block(label, name, protected)
        if block is not None:
            blocks[block].append((name_key(name), name))
    out: dict[str, str] = {}
    for (label, _), names in blocks.items():
        out.update(block_map(label, sorted(names), counts, follows))
    return out


def _one_spelling_apart(a: str, b: str) -> bool:
    """One letter added, dropped or swapped with its neighbour, or replaced by one alike."""
    if a == b or OSA.distance(a, b, score_cutoff=1) != 1:
        return False
    if len(a) != len(b) or Levenshtein.distance(a, b) != 1:
        return True
    x, y = next((x, y) for x, y in zip(a, b, strict=True) if x != y)
    return (x in _VOWELS and y in _VOWELS) or frozenset((x, y)) in _ALIKE


def _shortens(short: str, long: str) -> bool:
    """True when ``short`` is the start of the one-word name ``long`` with a whole part cut."""
    return "-" not in long and len(long) - len(short) >= MIN_CUT and long.startswith(short)


def merge_spellings(
    articles: Mapping[str, Sequence[Mention]], protected: Collection[str] = ()
) -> dict[str, list[Mention]]:
    """Mentions with spelling variants and short forms renamed to one name (labels unified)."""
    counts: Counter[tuple[str, str]] = Counter(
        (m.label, m.name) for mentions in articles.values() for m in mentions
    )
    rename = spelling_map(counts, protected, _follows(articles.values()))
    return {
        aid: [replace(m, name=rename[k]) if (k := name_key(m.name)) in rename else m for m in ms]
        for aid, ms in articles.items()
    }


def _follows(articles: Collection[Sequence[Mention]]) -> set[tuple[str, str]]:
    """(earlier key, later key) for one-word names where the later one starts with the earlier
    one's first letters: the only pairs a short form needs, found in linear time per block."""
    pairs: set[tuple[str, str]] = set()
    for mentions in articles:
        pairs |= article_follows(mentions)
    return pairs


def article_follows(mentions: Sequence[Mention]) -> set[tuple[str, str]]:
    """``_follows`` of one article."""
    pairs: set[tuple[str, str]] = set()
    first: dict[str, int] = {}
    for m in mentions:
        if " " not in m.name:
            first.setdefault(name_key(m.name), m.start)
    by_block: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, start in first.items():
        if len(key) >= MIN_SHORT:
            by_block[key[:_BLOCK_CHARS]].append((start, key))
    for block in by_block.values():
        if 1 < len(block) <= _MAX_BLOCK:
            block.sort()
            pairs.update((a, b) for i, (_, a) in enumerate(block) for _, b in block[i + 1 :])
    return pairs
