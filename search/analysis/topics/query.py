"""Topics as Whoosh queries: what ranks a topic's articles.

Each keyword is run through the target field's own analyzer, so the query asks
for exactly the tokens the index holds: one token becomes a ``Term``, several
become a ``Phrase`` (or an ``And`` in a field without positions), boosted by
the keyword's weight. A topic's query is the ``Or`` of its keywords.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from whoosh.fields import FieldType, Schema
from whoosh.query import And, NullQuery, Or, Phrase, Query, Term

from search.analysis.topics.taxonomy import Topic

DEFAULT_FIELDS = ("title", "body")

# The analysed form of one keyword in each field: (fieldname, tokens, slop).
_Shape = tuple[tuple[str, tuple[str, ...], int], ...]


@dataclass(frozen=True, slots=True)
class KeywordQuery:
    """The query for one keyword, one leaf per field; keywords that analyse alike share one."""

    phrase: str
    weight: float
    leaves: tuple[Query, ...]

    @property
    def query(self) -> Query:
        return _or(list(self.leaves))


def keyword_queries(
    topic: Topic, schema: Schema, fieldnames: Sequence[str] = DEFAULT_FIELDS
) -> list[KeywordQuery]:
    """One query per distinct analysed keyword of ``topic``, in keyword order.

    Keywords that analyse to nothing (only stop words) are dropped. Two keywords
    that analyse to the same tokens (``defence``/``defense`` under an analyzer that
    folds spellings) become one query, so one word in a document counts once.
    """
    shapes: dict[_Shape, tuple[str, float]] = {}
    for phrase, weight in topic.keywords:
        shape = tuple(
            (name, tokens, slop)
            for name in fieldnames
            for tokens, slop in [_analyse(schema[name], phrase)]
            if tokens
        )
        if shape:
            first_phrase, top_weight = shapes.get(shape, (phrase, weight))
            shapes[shape] = (first_phrase, max(top_weight, weight))
    return [
        KeywordQuery(phrase, weight, tuple(_leaf(schema, part, weight) for part in shape))
        for shape, (phrase, weight) in shapes.items()
    ]


def topic_query(topic: Topic, schema: Schema, fieldnames: Sequence[str] = DEFAULT_FIELDS) -> Query:
    """A weighted ``Or`` over the topic's keywords in ``fieldnames`` (``NullQuery`` if none)."""
    return _or([kq.query for kq in keyword_queries(topic, schema, fieldnames)])


def _analyse(field: FieldType, phrase: str) -> tuple[tuple[str, ...], int]:
    """The indexed tokens of ``phrase`` in ``field`` and the phrase slop that spans them.

    An analyzer that drops stop words without renumbering leaves gaps between
    positions; the slop is the widest gap, so the phrase still matches.
    """
    tokens = [(t.text, t.pos) for t in field.analyzer(phrase, positions=True, mode="query")]
    gaps = [b[1] - a[1] for a, b in pairwise(tokens)]
    return tuple(text for text, _ in tokens), max([*gaps, 1])


def _leaf(schema: Schema, part: tuple[str, tuple[str, ...], int], weight: float) -> Query:
    name, tokens, slop = part
    if len(tokens) == 1:
        return Term(name, tokens[0], boost=weight)
    if schema[name].format.supports("positions"):
        return Phrase(name, list(tokens), slop=slop, boost=weight)
    return And([Term(name, token) for token in tokens], boost=weight)


def _or(queries: list[Query]) -> Query:
    if not queries:
        return NullQuery
    return queries[0] if len(queries) == 1 else Or(queries)
