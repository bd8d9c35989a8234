"""Every document a query matches, as a set: for a search's total and its facet counts.

Whoosh finds them by walking its tree of matchers one document at a time, which for a
word in tens of thousands of documents takes tens of milliseconds. For the queries a
user types (words in several fields, joined by OR, AND, NOT, -word) whole posting lists are
read instead and combined as sets; any other query (a phrase, a fuzzy word) is left to Whoosh
(``top_hits`` walks it once for its best hits and its documents). A word's set is kept for the
next keystrokes (the words before the one being typed do not change).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Searcher

KEPT_WORDS = 32  # words whose document sets are kept, per segment reader

_kept: weakref.WeakKeyDictionary[IndexReader, OrderedDict[tuple[str, str], frozenset[int]]] = (
    weakref.WeakKeyDictionary()
)
_kept_lock = threading.Lock()


Found = tuple[frozenset[int], frozenset[int]]  # documents; offsets of the segments holding any
_last: weakref.WeakKeyDictionary[Searcher, tuple[wq.Query, wq.Query | None, Found]] = (
    weakref.WeakKeyDictionary()
)


_kept_wildcards: weakref.WeakKeyDictionary[
    IndexReader, OrderedDict[tuple[str, tuple[str, ...]], frozenset[int]]
] = weakref.WeakKeyDictionary()
KEPT_WILDCARDS = 4  # a wildcard's document sets per segment reader (one a field, and the last query's)


def matching(searcher: Searcher, q: wq.Query, allowed: wq.Query | None = None) -> frozenset[int]:
    """The numbers of the documents ``q`` matches (and ``allowed`` too, when given). The last answer
    of each searcher is kept: a search's total and then its facet counts collect the documents once."""
    return _matching(searcher, q, allowed)[0]


def segments(searcher: Searcher, q: wq.Query, allowed: wq.Query | None = None) -> frozenset[int]:
    """The offsets of the segments of ``searcher`` (as in ``searcher.leaf_searchers()``) that hold
    documents of ``matching(searcher, q, allowed)``."""
    return _matching(searcher, q, allowed)[1]


def keep(searcher: Searcher, q: wq.Query, allowed: wq.Query | None, found: Found) -> None:
    """What ``matching`` answers for ``q`` until the next query (found by walking it)."""
    with _kept_lock:
        _last[searcher] = (q, allowed, found)


def _matching(searcher: Searcher, q: wq.Query, allowed: wq.Query | None) -> Found:
    with _kept_lock:
        last = _last.get(searcher)
    if last is not None and last[0] == q and last[1] == allowed:
        return last[2]
    present: set[int] = set()
    found = (frozenset(_collect(searcher, q, allowed, present)), frozenset(present))
    keep(searcher, q, allowed, found)
    return found


def by_sets(q: wq.Query) -> bool:
    """Whether ``matching`` finds the documents of ``q`` from posting lists alone (else Whoosh
    walks its matchers: see ``collected``)."""
    if type(q) is wq.Term or (isinstance(q, wq.Prefix) and isinstance(getattr(q, "words", None), tuple)):
        return True
    if (type(q) is wq.Or and not q.minmatch) or type(q) in (wq.And, wq.AndNot):
        return all(by_sets(c.query if type(c) is wq.Not else c) for c in q.children())
    return type(q) is wq.AndMaybe and by_sets(q.a)


def allowed_set(searcher: Searcher, allowed: wq.Query | None) -> set[int] | None:
    """The documents of a filter query as Whoosh's ``filter=`` takes them (None: no filter)."""
    if allowed is None:
        return None
    return _collect(searcher, allowed) or {-1}  # (Whoosh reads an empty set as no filter at all)


def _collect(
    searcher: Searcher, q: wq.Query, allowed: wq.Query | None = None, present: set[int] | None = None
) -> set[int]:
    """The documents of ``q`` (and ``allowed``); the offsets of their segments added to ``present``."""
    among = _collect(searcher, allowed) if allowed is not None else None
    found: set[int] = set()
    for sub, offset in searcher.subsearchers or [(searcher, 0)]:
        docs = _docs(sub, q)
        if offset:
            docs = {d + offset for d in docs}
        if among is not None:
            docs = among.intersection(docs)
        if docs and present is not None:
            present.add(offset)
        found.update(docs)
    return found


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
