"""Facet counts over a result set, from every document's facet values kept in memory.

Reading a document's facet columns from the index costs microseconds a value, and a
search may match tens of thousands of documents. So each searcher reads every
document's values once (about 0.3 s for 50,000 articles), as small integers, and a
count is then a ``Counter`` over the matched documents' rows: ``facets.count`` for a
whole result set, in milliseconds. A facet whose documents share a few rows (a source, a
year) counts the rows, then adds up their values.
"""

from __future__ import annotations

import heapq
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import chain

from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search.index.bulk import without_gc
from search.index.schema import FACET_SEPARATOR, FACETS, column_name

Rename = Callable[[str], str]
FEW_ROWS = 1000  # a facet with no more different rows is counted by row: few values to add up then
Row = tuple[int, ...]  # a document's values of one facet, by id

_tables: weakref.WeakKeyDictionary[Searcher, FacetTable] = weakref.WeakKeyDictionary()
_tables_lock = threading.Lock()


def table(searcher: Searcher) -> FacetTable:
    """The facet table of ``searcher``'s documents (read on first use, kept as long as it lives)."""
    with _tables_lock:
        found = _tables.get(searcher)
        if found is None:
            found = _tables[searcher] = FacetTable(searcher.reader())
        return found


class FacetTable:
    def __init__(self, reader: IndexReader) -> None:
        self._names: list[str] = []  # value id -> value
        self._ids: dict[str, int] = {}
        self._rows: dict[str, list[Row]] = {}  # facet -> each document's row, by document number
        self._shown: dict[tuple[object, ...], list[Row]] = {}  # rows as ``rename`` shows them
        self._few: set[str] = set()  # facets of at most FEW_ROWS different rows (sources, years)
        with without_gc():
            for facet in FACETS:
                name = column_name(facet)
                if reader.has_column(name):
                    known: dict[bytes, Row] = {}  # many documents share their values (sources, years)
                    self._rows[facet] = [
                        known[raw] if raw in known else known.setdefault(raw, self._row(raw))
                        for raw in reader.column_reader(name, translate=False)
                    ]
                    if len(known) <= FEW_ROWS:
                        self._few.add(facet)

    def count(
        self, docnums: Iterable[int], top: int = 12, rename: Mapping[str, Rename] | None = None
    ) -> dict[str, list[tuple[str, int]]]:
        """The most common values of each facet among ``docnums``, most common first (ties by value),
        as ``facets.count`` gives them: ``rename`` maps a facet's values to what they are shown
        as, and a document counts once per shown value."""
        docnums = list(docnums)
        out = {}
        for facet, rows in self._rows.items():
            shown = (rename or {}).get(facet)
            if shown is not None:
                rows = self._renamed(facet, rows, shown)
            if facet in self._few and shown is None:  # the rows counted, then their values
                counts = Counter[int]()
                for row, n in Counter(map(rows.__getitem__, docnums)).items():
                    for value in row:
                        counts[value] += n
            else:
                counts = Counter(chain.from_iterable(map(rows.__getitem__, docnums)))
            if counts:
                names = self._names
                best = heapq.nsmallest(top, counts.items(), key=lambda kv: (-kv[1], names[kv[0]]))
                out[facet] = [(names[i], n) for i, n in best]
        return out

    def _row(self, raw: bytes) -> Row:
        if not raw:
            return ()
        ids = self._ids
        values = raw.decode("utf-8", "surrogatepass").split(FACET_SEPARATOR)
        return tuple([ids[v] if v in ids else self._id(v) for v in values])

    def _id(self, value: str) -> int:
        found = self._ids.get(value)
        if found is None:
            found = self._ids[value] = len(self._names)
            self._names.append(value)
        return found

    def _renamed(self, facet: str, rows: list[Row], rename: Rename) -> list[Row]:
        # a bound method is a new object each time: key it by what it is bound to
        key = (facet, getattr(rename, "__self__", None), getattr(rename, "__func__", rename))
        found = self._shown.get(key)
        if found is None:
            with without_gc():
                names = self._names
                shown = {v: self._id(rename(names[v])) for v in set(chain.from_iterable(rows))}
                to_shown = shown.__getitem__
                made: dict[Row, Row] = {}
                found = self._shown[key] = [
                    made[row] if row in made else made.setdefault(row, tuple(set(map(to_shown, row))))
                    for row in rows
                ]
        return found
