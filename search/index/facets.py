"""Facet values per article (for the index) and facet counts over a result set (for the UI)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from whoosh import query as wq
from whoosh.searching import Searcher

from search.index.schema import FACET_FIELD, FACET_SEPARATOR, FACETS, column_name
from search.model import Article

FacetValues = Mapping[str, Sequence[str]]  # facet name -> the article's values


def article_facets(article: Article, extra: FacetValues | None = None) -> dict[str, list[str]]:
    """Source, sections, year, plus whatever analysis adds (entities, topics)."""
    values: dict[str, list[str]] = {
        "source": [article.source] if article.source else [],
        "section": [s.strip() for s in article.section.split(";") if s.strip()],
        "year": [article.date[:4]] if article.date[:4].isdigit() else [],
        "entity": [],
        "topic": [],
    }
    for facet, more in (extra or {}).items():
        values[facet] = list(more)
    return values


def facet_fields(values: FacetValues) -> dict[str, object]:
    """The Whoosh document fields for facet values: keyword fields to filter, columns to count."""
    doc: dict[str, object] = {}
    for facet in FACETS:
        vals = [v.replace(",", " ").replace(FACET_SEPARATOR, " ") for v in values.get(facet, [])]
        doc[FACET_FIELD[facet]] = ",".join(vals)
        doc[column_name(facet)] = FACET_SEPARATOR.join(vals).encode("utf-8", "surrogatepass")
    return doc


Expand = Callable[[str], list[str]]  # an entity's name -> the index values that stand for it


def filter_query(filters: Mapping[str, str | Sequence[str]], expand: Expand | None = None) -> wq.Query | None:
    """All of the chosen facet values must hold (several values of one facet: all of them)."""
    terms: list[wq.Query] = []
    for facet, chosen in filters.items():
        if facet not in FACET_FIELD:
            continue
        for value in [chosen] if isinstance(chosen, str) else chosen:
            if not value:
                continue
            values = expand(value) if facet == "entity" and expand is not None else [value]
            alternatives = [wq.Term(FACET_FIELD[facet], v.replace(",", " ").strip().lower()) for v in values]
            terms.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
    return wq.And(terms) if terms else None


def count(
    searcher: Searcher,
    docnums: Iterable[int],
    top: int = 12,
    rename: Mapping[str, Callable[[str], str]] | None = None,
) -> dict[str, list[tuple[str, int]]]:
    """The most common values of each facet among ``docnums``, most common first.

    ``rename`` maps a facet's index values to what they are shown as (linked entity names);
    a document counts once per shown value."""
    rename = rename or {}
    reader = searcher.reader()
    counters = {f: Counter[str]() for f in FACETS}
    columns = {f: reader.column_reader(column_name(f)) for f in FACETS if reader.has_column(column_name(f))}
    for docnum in docnums:
        for facet, column in columns.items():
            raw = column[docnum]
            if raw:
                values = raw.decode("utf-8", "surrogatepass").split(FACET_SEPARATOR)
                shown = rename.get(facet)
                counters[facet].update(set(map(shown, values)) if shown is not None else values)
    return {f: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:top] for f, c in counters.items() if c}
