"""What a keystroke's search read, kept for the calls that follow it on the same searcher.

The search screen asks for one keystroke's hits, then the snippets of the rows in view, then the
facet counts: three calls with the same query text. Reading the query (Whoosh's parser, the
wildcards bounded) takes a millisecond or two, and the hits' stored fields (with the keys of their
texts, for the snippets: see ``texts``) were read by the search already; looking an article up by
id costs a look-up in each segment. So each searcher keeps its last few queries as read, and the
last hits' stored fields.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from whoosh.searching import Searcher

KEPT_QUERIES = 8
KEPT_HITS = 100  # (a search for every hit, by the CLI, keeps only its first)
T = TypeVar("T")

_queries: weakref.WeakKeyDictionary[Searcher, OrderedDict[str, Any]] = weakref.WeakKeyDictionary()
_fields: weakref.WeakKeyDictionary[Searcher, dict[str, Mapping[str, Any]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def query(searcher: Searcher, text: str, read: Callable[[], T]) -> T:
    """``read()``, the query ``text`` as read for ``searcher``: kept for its next calls."""
    with _lock:
        kept = _queries.setdefault(searcher, OrderedDict())
        if text in kept:
            kept.move_to_end(text)
            return kept[text]
    found = read()
    with _lock:
        kept[text] = found
        if len(kept) > KEPT_QUERIES:
            kept.popitem(last=False)
    return found


def keep_fields(searcher: Searcher, fields: list[Mapping[str, Any]]) -> None:
    """The stored fields of a search's hits (each with its ``id``), instead of the last ones kept."""
    with _lock:
        _fields[searcher] = {str(f["id"]): f for f in fields[:KEPT_HITS]}


def fields(searcher: Searcher, article_id: str) -> Mapping[str, Any] | None:
    """The stored fields of the article ``article_id`` (None: no such article)."""
    with _lock:
        found = _fields.get(searcher, {}).get(article_id)
    if found is not None:
        return found
    docnum = searcher.document_number(id=article_id)
    return None if docnum is None else searcher.stored_fields(docnum)
