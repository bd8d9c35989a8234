"""Small topics shared by the topic tests."""

from __future__ import annotations

from search.analysis.topics.taxonomy import Topic

TARIFFS = Topic(
    "trade.tariffs",
    "Tariffs",
    keywords=(("tariffs", 2.0), ("import duties", 1.5), ("customs", 1.0)),
    parent="trade",
)
OIL = Topic(
    "energy.oil",
    "Oil",
    keywords=(("crude oil", 2.0), ("opec", 2.0), ("barrels", 1.0)),
    parent="energy",
)
