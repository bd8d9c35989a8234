"""Every document a query matches, as a set: for a search's total and its facet counts.

Whoosh finds them by walking its tree of matchers one document at a time, which for a
word in tens of thousands of documents takes tens of milliseconds. For the queries a
user types (words in several fields, joined by OR, AND, NOT, -word) whole posting lists are
read instead and combined as sets; any other query (a phrase, a fuzzy word) is walked by
Whoosh once: ``collected`` gives its best hits and every document it matches in one pass. A
word's set is kept for the next keystrokes (the words before the one being typed do not change).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.collectors import FilterCollector, TopCollector
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Results, Searcher

KEPT_WORDS = 32  # words whose document sets are kept, per segment reader

_kept: weakref.WeakKeyDictionary[IndexReader, OrderedDict[tuple[str, str], frozenset[int]]] = (
    weakref.WeakKeyDictionary()
)
_kept_lock = threading.Lock()


_last: weakref.WeakKeyDictionary[Searcher, tuple[wq.Query, wq.Query | None, frozenset[int]]] = (
    weakref.WeakKeyDictionary()
)


_kept_wildcards: weakref.WeakKeyDictionary[
    IndexReader, OrderedDict[tuple[str, tuple[str, ...]], frozenset[int]]
] = weakref.WeakKeyDictionary()
KEPT_WILDCARDS = 4  # a wildcard's document sets per segment reader (one a field, and the last query's)


def matching(searcher: Searcher, q: wq.Query, allowed: wq.Query | None = None) -> frozenset[int]:
    """The numbers of the documents ``q`` matches (and ``allowed`` too, when given). The last answer
    of each searcher is kept: a search's total and then its facet counts collect the documents once."""
    with _kept_lock:
        last = _last.get(searcher)
    if last is not None and last[0] == q and last[1] == allowed:
        return last[2]
    found = frozenset(_collect(searcher, q, allowed))
    with _kept_lock:
        _last[searcher] = (q, allowed, found)
    return found


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


def by_sets(q: wq.Query) -> bool:
    """Whether ``matching`` finds the documents of ``q`` from posting lists alone (else Whoosh
    walks its matchers: see ``collected``)."""
    if type(q) is wq.Term or (isinstance(q, wq.Prefix) and isinstance(getattr(q, "words", None), tuple)):
        return True
    if (type(q) is wq.Or and not q.minmatch) or type(q) in (wq.And, wq.AndNot):
        return all(by_sets(c.query if type(c) is wq.Not else c) for c in q.children())
    return type(q) is wq.AndMaybe and by_sets(q.a)


class _Recording(TopCollector):
    """``TopCollector``'s best ``limit`` documents, and the number of every document collected: with
    no block skipped and no matcher pruned, that is every document the query matches."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False, replace=0)
        self.found: list[int] = []

    def _collect(self, global_docnum: int, score: float) -> float:
        self.found.append(global_docnum)
        return super()._collect(global_docnum, score)


def collected(
    searcher: Searcher, q: wq.Query, limit: int | None, allowed: wq.Query | None = None
) -> tuple[Results, frozenset[int]]:
    """``searcher.search(q, limit=limit, filter=allowed)`` and ``matching(searcher, q, allowed)``
    in one pass over the documents (which ``matching`` then answers from)."""
    top = _Recording(max(1, min(limit or searcher.doc_count_all(), searcher.doc_count_all())))
    allow = allowed_set(searcher, allowed)
    collector = FilterCollector(top, allow=allow) if allow is not None else top
    searcher.search_with_collector(q, collector)
    found = frozenset(top.found)
    with _kept_lock:
        _last[searcher] = (q, allowed, found)
    return collector.results(), found


def allowed_set(searcher: Searcher, allowed: wq.Query | None) -> set[int] | None:
    """The documents of a filter query as Whoosh's ``filter=`` takes them (None: no filter)."""
    if allowed is None:
        return None
    return _collect(searcher, allowed) or {-1}  # (Whoosh reads an empty set as no filter at all)


def _collect(searcher: Searcher, q: wq.Query, allowed: wq.Query | None = None) -> set[int]:
    found: set[int] = set()
    for sub, offset in searcher.subsearchers or [(searcher, 0)]:
        docs = _docs(sub, q)
        found.update(docs if not offset else (d + offset for d in docs))
    return found & _collect(searcher, allowed) if allowed is not None else found


def _docs(searcher: Searcher, q: wq.Query) -> set[int] | frozenset[int]:
    """``set(q.docs(searcher))`` for one segment's searcher."""
    if type(q) is wq.Term:
        return _term_docs(searcher, q)
    if type(q) is wq.Or and not q.minmatch:
        return set().union(*(_docs(searcher, child) for child in q.subqueries))
    if type(q) is wq.And:
        kept = [c for c in q.subqueries if type(c) is not wq.Not]
        if not kept:
            return set(q.docs(searcher))
        sets = sorted((_docs(searcher, child) for child in kept), key=len)
        found = sets[0].intersection(*sets[1:])
        excluded = [_docs(searcher, c.query) for c in q.subqueries if type(c) is wq.Not]
        return found.difference(*excluded) if excluded else found
    if isinstance(q, wq.Prefix) and isinstance(getattr(q, "words", None), tuple):  # a bounded wildcard
        return words_docs(searcher.reader(), q.fieldname, q.words)
    if type(q) is wq.AndNot:
        return _docs(searcher, q.a) - _docs(searcher, q.b)
    if type(q) is wq.AndMaybe:
        return _docs(searcher, q.a)
    return set(q.docs(searcher))


def _term_docs(searcher: Searcher, q: wq.Term) -> frozenset[int]:
    reader = searcher.reader()
    key = (q.fieldname, q.text)
    with _kept_lock:
        kept = _kept.setdefault(reader, OrderedDict())
        found = kept.get(key)
        if found is not None:
            kept.move_to_end(key)
            return found
    found = frozenset(_read_term_docs(reader, q))
    with _kept_lock:
        kept[key] = found
        if len(kept) > KEPT_WORDS:
            kept.popitem(last=False)
    return found


def words_docs(reader: IndexReader, field: str, words: tuple[str, ...]) -> frozenset[int]:
    """The documents of ``reader`` (one segment's) with any of ``words`` in ``field`` (a wildcard's:
    kept apart from the typed words', which they would push out)."""
    key = (field, words)
    with _kept_lock:
        kept = _kept_wildcards.setdefault(reader, OrderedDict())
        found = kept.get(key)
        if found is not None:
            return found
    found = frozenset().union(*(_read_term_docs(reader, wq.Term(field, w)) for w in words))
    with _kept_lock:
        kept[key] = found
        if len(kept) > KEPT_WILDCARDS:
            kept.popitem(last=False)
    return found


def _read_term_docs(reader: IndexReader, q: wq.Term) -> Iterable[int]:
    if q.fieldname not in reader.schema:
        return ()
    try:  # (one look-up of the word, not two)
        matcher = reader.postings(q.fieldname, q.text)
    except TermNotFound:
        return ()
    if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
        return set(_ids(matcher.child)) - reader.deleted_docs_set
    return _ids(matcher)


def _ids(matcher: Matcher) -> Iterable[int]:
    """A posting list's document numbers, a block at a time where Whoosh keeps them in blocks."""
    if not isinstance(matcher, W3LeafMatcher):
        return matcher.all_ids()
    ids: list[int] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids.extend(matcher._ids[matcher._i :])
        matcher._next_block()
    return ids
