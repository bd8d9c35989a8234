"""Wildcards bounded: ``stat*`` searches at most ``MAX_WORDS`` words, the most frequent first.

Whoosh expands a wildcard into every word of the index it matches, and a short prefix can match
thousands; each is read and scored on every keystroke. Past ``MAX_WORDS`` a wildcard searches
only its most frequent words (by their number of occurrences in the field), and the search
says so: "tarif*: searched the 200 most frequent of 1,340 words".
"""

from __future__ import annotations

import heapq
import threading
import weakref
from bisect import bisect_left
from collections import Counter, OrderedDict

from whoosh import query as wq
from whoosh.matching import ListMatcher, Matcher, NullMatcher
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search.index import matches

MAX_WORDS = 200
KEPT = 16  # expansions kept per reader (the facet counts of a keystroke expand it again)

Expansion = tuple[tuple[str, ...], int]  # the words searched, most frequent first; how many match
_kept: weakref.WeakKeyDictionary[IndexReader, OrderedDict[tuple[str, str, str], Expansion]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def bounded(q: wq.Query, reader: IndexReader, cap: int | None = None) -> tuple[wq.Query, str]:
    """``q`` with each wildcard matching more than ``cap`` (default ``MAX_WORDS``) words replaced
    by its ``cap`` most frequent ones, and a notice of what was cut ("" when nothing was)."""
    cap = cap or MAX_WORDS
    cut: dict[str, int] = {}  # pattern as typed -> words it matches (the most of its fields)

    def bound(leaf: wq.Query) -> wq.Query:
        if not isinstance(leaf, wq.Prefix | wq.Wildcard):
            return leaf.apply(bound)
        try:
            words, total = _expansion(reader, leaf, cap)
        except Exception:  # e.g. a pattern the index cannot encode: the search reports it
            return leaf
        if total <= cap:
            return TopWords(leaf.fieldname, leaf.text, words, boost=leaf.boost)
        shown = leaf.text + "*" if isinstance(leaf, wq.Prefix) else leaf.text
        cut[shown] = max(cut.get(shown, 0), total)
        return TopWords(leaf.fieldname, leaf.text, words, boost=leaf.boost)

    bounded_q = bound(q)
    notice = "; ".join(f"{p}: searched the {cap} most frequent of {n:,} words" for p, n in cut.items())
    return bounded_q, notice


class TopWords(wq.Prefix):
    """A wildcard searching only ``words`` (all it matches, or its most frequent), scored as Whoosh
    scores a wildcard: each match alike. Its documents are read as whole posting lists
    (``matches.words_docs``), not walked a document at a time through a tree of matchers."""

    def __init__(self, fieldname: str, text: str, words: tuple[str, ...], boost: float = 1.0) -> None:
        super().__init__(fieldname, text, boost=boost)
        self.words = words

    def _btexts(self, ixreader: IndexReader) -> tuple[str, ...]:
        return self.words

    def matcher(self, searcher: Searcher, context: object = None) -> Matcher:
        docs = matches.words_docs(searcher.reader(), self.fieldname, self.words)
        return EachAlike(sorted(docs), self.boost) if docs else NullMatcher()


class EachAlike(ListMatcher):
    """Documents that each score ``score``, with what Whoosh needs to skip those that cannot make
    the top hits (their quality: the list is one block) and skipping by bisection."""

    def __init__(self, ids: list[int], score: float) -> None:
        super().__init__(ids, all_weights=score)
        self._score = score

    def copy(self) -> EachAlike:
        copied = EachAlike(self._ids, self._score)
        copied._i = self._i
        return copied

    def supports_block_quality(self) -> bool:
        return True

    def max_quality(self) -> float:
        return self._score

    def block_quality(self) -> float:
        return self._score

    def skip_to_quality(self, minquality: float) -> int:
        if self._score <= minquality:
            self._i = len(self._ids)
            return 1
        return 0

    def skip_to(self, id: int) -> None:
        if self._i < len(self._ids) and id > self._ids[self._i]:
            self._i = bisect_left(self._ids, id, self._i)

    def score(self) -> float:
        return self._score


def _expansion(reader: IndexReader, leaf: wq.Prefix | wq.Wildcard, cap: int) -> Expansion:
    key = (type(leaf).__name__, leaf.fieldname, leaf.text)
    with _lock:
        kept = _kept.setdefault(reader, OrderedDict())
        found = kept.get(key)
        if found is not None and len(found[0]) >= min(cap, found[1]):
            kept.move_to_end(key)
            return found
    if leaf.fieldname not in reader.schema:
        return (), 0
    field, weights = leaf.fieldname, Counter[str]()
    for segment, _ in reader.leaf_readers():  # (a multi-segment reader's term infos are of one segment)
        if isinstance(leaf, wq.Prefix):
            found_here = ((_text(t), info.weight()) for t, info in segment.iter_prefix(field, leaf.text))
        else:
            found_here = ((_text(t), segment.term_info(field, t).weight()) for t in leaf._btexts(segment))
        for word, weight in found_here:
            weights[word] += weight
    best = heapq.nsmallest(cap, weights.items(), key=lambda wt: (-wt[1], wt[0]))
    found = (tuple(t for t, _ in best), len(weights))
    with _lock:
        kept[key] = found
        if len(kept) > KEPT:
            kept.popitem(last=False)
    return found


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
