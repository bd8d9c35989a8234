"""A query's best hits and every document it matches, each found once, ranked as Whoosh ranks them.

For a query ``matches`` reads as posting-list sets, the documents come first; Whoosh then scores
the best hits only in the segments holding any (making a query's matchers costs about half a
millisecond a segment, even where nothing matches). Any other query (a phrase, a fuzzy word) is
walked by Whoosh once, its documents recorded as its best hits are kept. Either way
``matches.matching`` then answers for the facet counts from what was found.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.collectors import Collector, FilterCollector, TopCollector, WrappingCollector
from whoosh.searching import Results, Searcher

from search.index import matches


def best(
    searcher: Searcher, q: wq.Query, limit: int | None, allowed: wq.Query | None = None
) -> tuple[Results, frozenset[int]]:
    """``searcher.search(q, limit=limit, filter=allowed)``, and ``matches.matching(searcher, q,
    allowed)``: the documents of ``q`` that ``allowed`` matches too."""
    q = tree_unions(q)
    allow = matches.allowed_set(searcher, allowed)
    if matches.by_sets(q):
        found = matches.matching(searcher, q, allowed)
        collector = _InSegments(
            searcher.collector(limit=limit, filter=allow), matches.segments(searcher, q, allowed)
        )
        searcher.search_with_collector(q, collector)
        return collector.results(), found
    top = _Recording(max(1, min(limit or searcher.doc_count_all(), searcher.doc_count_all())))
    walked = FilterCollector(top, allow=allow) if allow is not None else top
    searcher.search_with_collector(q, walked)
    found = frozenset(top.found)
    matches.keep(searcher, q, allowed, (found, frozenset(top.offsets)))
    return walked.results(), found


def tree_unions(q: wq.Query) -> wq.Query:
    """``q`` (changed in place) with each OR matched as Whoosh matches it in a segment of over 5,000
    documents: by a tree of unions, which costs by the documents matched. In a smaller segment
    Whoosh would add the scores into an array, walked in Python from the first match to the last
    (milliseconds a word over the three searched fields, in each segment). The scores are the same."""
    if type(q) is wq.Or:
        q.matcher_type = wq.Or.DEFAULT_MATCHER
    for child in q.children():
        tree_unions(child)
    return q


class _InSegments(WrappingCollector):
    """``child`` run over the segments at ``offsets`` only."""

    def __init__(self, child: Collector, offsets: frozenset[int]) -> None:
        super().__init__(child)
        self.offsets = offsets

    def run(self) -> None:
        try:
            for subsearcher, offset in self.top_searcher.leaf_searchers():
                if offset in self.offsets:
                    self.set_subsearcher(subsearcher, offset)
                    self.child.collect_matches()
        finally:
            self.finish()


class _Recording(TopCollector):
    """``TopCollector``'s best ``limit`` documents, and the number of every document collected: with
    no block skipped and no matcher pruned, that is every document the query matches."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False, replace=0)
        self.found: list[int] = []
        self.offsets: set[int] = set()  # of the segments where documents were found

    def _collect(self, global_docnum: int, score: float) -> float:
        self.found.append(global_docnum)
        self.offsets.add(self.offset)
        return super()._collect(global_docnum, score)
