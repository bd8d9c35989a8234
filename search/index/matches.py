"""Every document a query matches, as a set: for a search's total and its facet counts.

Whoosh finds them by walking its tree of matchers one document at a time, which for a
word in tens of thousands of documents takes tens of milliseconds. For the queries a
user types (words in several fields, joined by OR, AND, NOT) whole posting lists are
read instead and combined as sets; any other query is left to Whoosh.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher


def matching(searcher: Searcher, q: wq.Query, allowed: wq.Query | None = None) -> set[int]:
    """The numbers of the documents ``q`` matches (and ``allowed`` too, when given)."""
    found: set[int] = set()
    for sub, offset in searcher.subsearchers or [(searcher, 0)]:
        docs = _docs(sub, q)
        found.update(docs if not offset else (d + offset for d in docs))
    return found & matching(searcher, allowed) if allowed is not None else found


def _docs(searcher: Searcher, q: wq.Query) -> set[int]:
    """``set(q.docs(searcher))`` for one segment's searcher."""
    if type(q) is wq.Term:
        return _term_docs(searcher, q)
    if type(q) is wq.Or and not q.minmatch:
        return set().union(*(_docs(searcher, child) for child in q.subqueries))
    if type(q) is wq.And:
        sets = sorted((_docs(searcher, child) for child in q.subqueries), key=len)
        return sets[0].intersection(*sets[1:]) if sets else set()
    if type(q) is wq.AndNot:
        return _docs(searcher, q.a) - _docs(searcher, q.b)
    if type(q) is wq.AndMaybe:
        return _docs(searcher, q.a)
    return set(q.docs(searcher))


def _term_docs(searcher: Searcher, q: wq.Term) -> set[int]:
    reader = searcher.reader()
    if q.fieldname not in reader.schema or (q.fieldname, q.text) not in reader:
        return set()
    matcher = reader.postings(q.fieldname, q.text)
    if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
        return set(_ids(matcher.child)) - reader.deleted_docs_set
    return set(_ids(matcher))


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
