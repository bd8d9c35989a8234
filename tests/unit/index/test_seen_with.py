"""The names seen with an entity: ranked by shared articles, ties broken sensibly, never cut silently."""

from __future__ import annotations

from search.analysis.entities import Entity
from search.library.entities import seen_with


def entity(name: str, articles: int) -> Entity:
    return Entity(f"org:{name.lower()}", name, "ORG", article_ids=tuple(f"a{i}" for i in range(articles)))


def test_more_shared_articles_first_then_the_rarer_name_then_by_name() -> None:
    counts = [
        (entity("Zeta", 9), 2),
        (entity("Beta", 50), 2),
        (entity("Alpha", 9), 2),
        (entity("Omega", 3), 5),
    ]
    names, more = seen_with(counts, 15)
    assert [(e.name, n) for e, n in names] == [("Omega", 5), ("Alpha", 2), ("Zeta", 2), ("Beta", 2)]
    assert more == 0


def test_the_cap_takes_the_whole_tie_at_its_count() -> None:
    counts = [(entity(f"N{i:02d}", 1), 1) for i in range(16)] + [(entity("Top", 1), 3)]
    names, more = seen_with(counts, 15)
    assert len(names) == 17 and more == 0 and names[0][0].name == "Top"


def test_a_tie_longer_than_the_cap_is_cut_and_counted() -> None:
    counts = [(entity(f"N{i:02d}", 1), 1) for i in range(40)] + [(entity("Top", 1), 3)]
    names, more = seen_with(counts, 15)
    assert [e.name for e, _ in names] == ["Top", *(f"N{i:02d}" for i in range(14))]
    assert more == 26
