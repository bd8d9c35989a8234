"""Ranking a query that is only filters (``entity:"New York"``, ``topic:defence year:1987``).

Such a query has no words to score, so its articles are ranked by how much each is about what
was asked: the mentions of each asked-for entity in it, plus its score for each asked-for topic
(the score topic assignment gave it). Ties, and filters that say nothing of importance
(``source:``, ``year:``), keep the corpus's order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from whoosh.searching import Searcher

from search.index.entity_links import EntityLinks

Ranked = list[tuple[int, float, dict]]  # (document number, score, stored fields), best first


def rank(
    searcher: Searcher,
    docnums: Iterable[int],
    wanted: Sequence[tuple[str, str]],
    links: EntityLinks | None,
    upto: int | None = None,
) -> Ranked:
    """The documents of ``docnums`` with their scores for the ``wanted`` (field, value) pairs, best
    first; only the first ``upto`` when given (None: all)."""
    mentions = _mention_counts([v for f, v in wanted if f == "entity"], links)
    topics = {v.lower() for f, v in wanted if f == "topic"}
    ordered = sorted(docnums)
    if not mentions and not topics:  # nothing to score: the corpus's order, and only what is shown
        return [(d, 0.0, searcher.stored_fields(d)) for d in ordered[:upto]]
    ranked: Ranked = []
    for docnum in ordered:
        fields = searcher.stored_fields(docnum)
        score = float(mentions.get(fields.get("id", ""), 0))
        if topics:
            score += sum(s for tid, s in fields.get("topics", ()) if tid.lower() in topics)
        ranked.append((docnum, score, fields))
    ranked.sort(key=lambda row: -row[1])  # stable: ties keep the corpus's order
    return ranked[:upto]


def _mention_counts(names: Sequence[str], links: EntityLinks | None) -> Counter[str]:
    """Article id -> how many times it mentions the entities called ``names`` (after linking)."""
    counts: Counter[str] = Counter()
    if links is None:
        return counts
    for name in dict.fromkeys(names):
        entity = links.find(name)
        if entity is not None:
            counts.update(article_id for article_id, *_ in links.mentions_of(entity))
    return counts
