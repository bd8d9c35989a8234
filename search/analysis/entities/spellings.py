"""Spelling variants of one name merge across the corpus.

Transliterations and typos split one entity: "Yuganskneftegas", "Yuganskneftegaz" and
"Yuganskneftgas". Single-word names of one label merge into their most mentioned spelling when
they are one edit apart and at least ``MIN_LENGTH`` letters long: shorter words one letter apart
are too often two names ("Eurostar", "Eurostat"; "Victoria", "Victorian").

People are never merged this way ("Fernandes", "Fernandez"), nor any name the user lists in
entities.toml (which is how a user splits a wrong merge). Names are compared only within
blocks that share their first letters, and a crowded block is skipped, so the work is linear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from search.analysis.entities.types import Mention, name_key

MIN_LENGTH = 10  # letters; shorter words one edit apart are too often two names or two words
_BLOCK_CHARS = 4
_MAX_BLOCK = 64


def spelling_map(counts: Mapping[tuple[str, str], int], protected: Collection[str]) -> dict[str, str]:
    """Name key -> the spelling it merges into (the most mentioned of its variants), for
    ``(label, name) -> mentions`` counts."""
    blocks: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # -> (key, name)
    for label, name in counts:
        key = name_key(name)
        if label != "PERSON" and " " not in name and len(key) >= MIN_LENGTH and key not in protected:
            blocks[label, key[:_BLOCK_CHARS]].append((key, name))
    out: dict[str, str] = {}
    for (label, _), names in blocks.items():
        if len(names) > _MAX_BLOCK:
            continue
        for key, name in names:
            group = [(k, n) for k, n in names if Levenshtein.distance(k, key, score_cutoff=1) == 1]
            best = min([(key, name), *group], key=lambda kn: (-counts[label, kn[1]], kn[0]))
            if best[0] != key:
                out[key] = best[1]
    return out


def merge_spellings(
    articles: Mapping[str, Sequence[Mention]], protected: Collection[str] = ()
) -> dict[str, list[Mention]]:
    """Mentions with spelling variants renamed to one spelling (labels already unified)."""
    counts: Counter[tuple[str, str]] = Counter(
        (m.label, m.name) for mentions in articles.values() for m in mentions
    )
    rename = spelling_map(counts, protected)
    return {
        aid: [replace(m, name=rename[k]) if (k := name_key(m.name)) in rename else m for m in ms]
        for aid, ms in articles.items()
    }
