"""Reading what a user types as a query, as users of search engines expect it.

Words are ANDed (``blair brown``: both); ``OR``, ``NOT``/``-word``, ``+word`` (required: the
default), brackets, ``"phrases"``, ``field:value`` filters (``entity:``, ``topic:``, ``source:``,
``section:``, ``year:``), ``wild*`` and ``fuzzy~`` combine as in common search syntax. Reading is
lenient: it never raises.

Bytes that are not UTF-8 (typed in a terminal of another encoding, or pasted) reach a query as lone
surrogates, which no index can hold: they are read as Windows-1252, as such bytes in a corpus file
are (``corpus.decode``), so that ``caf\xe9`` from a Latin-1 terminal searches for "café"; the
notice says what was searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh import query as wq
from whoosh.qparser import AndGroup, FuzzyTermPlugin, MultifieldParser, OperatorsPlugin, syntax

from search.index.schema import FACET_FIELD, SEARCH_FIELDS

MAX_FUZZY_DISTANCE = 2
_WORDS = re.compile(r"\w+")
_ESCAPED = re.compile("[\udc80-\udcff]+")  # a byte that is not UTF-8 (Python's surrogateescape)
_SURROGATES = re.compile("[\ud800-\udfff]")  # others: half of a UTF-16 pair, never text
_BEFORE_WORD = r"(^|(?<=[\s(]))"  # a sign starts a word: at the start, after a space or a bracket
_SIGNED = r"(?=[\w\"(])"  # and stands right before it ("well-known" and "a - b" are not signs)

# Fields that only narrow: a query of these alone is ranked by ``filter_rank``, not by words.
FILTER_FIELDS = frozenset({*FACET_FIELD, *FACET_FIELD.values(), "tags", "author", "date"})


def make_parser(schema: object) -> MultifieldParser:
    """Words ANDed across the searched fields; ``-word`` is NOT, ``+word`` requires (as plain words do)."""
    parser = MultifieldParser(list(SEARCH_FIELDS), schema, group=AndGroup)
    tag = OperatorsPlugin.OpTagger
    signs = [
        (tag(_BEFORE_WORD + "-" + _SIGNED, syntax.NotGroup, syntax.PrefixOperator, memo="minus"), 0),
        (tag(_BEFORE_WORD + r"\+" + _SIGNED, syntax.AndGroup, syntax.PrefixOperator, memo="plus"), 0),
    ]
    parser.replace_plugin(OperatorsPlugin(ops=signs))
    parser.add_plugin(FuzzyTermPlugin())
    return parser


def readable(text: str) -> str:
    """``text`` with bytes that are not UTF-8 read as Windows-1252, other lone surrogates made U+FFFD."""
    if not _SURROGATES.search(text):
        return text
    text = _ESCAPED.sub(
        lambda m: m.group().encode("utf-8", "surrogateescape").decode("cp1252", "replace"), text
    )
    return _SURROGATES.sub("\ufffd", text)


def parse(parser: MultifieldParser, text: str) -> tuple[wq.Query | None, str]:
    """The query for ``text`` and a notice when it had to be read leniently. None: nothing to search."""
    fixed = readable(text)
    not_text = (
        f"Part of the query was not valid UTF-8 text; searched for '{fixed}' instead."
        if fixed != text
        else ""
    )
    text = fixed
    notice = ""
    if text.count('"') % 2 or text.count("(") != text.count(")"):
        notice = "Unbalanced quotes or brackets; searched for what could be read."
    try:
        q = parser.parse(text)
    except Exception:
        q = wq.NullQuery
    if q is wq.NullQuery and _WORDS.search(text):
        words = " ".join(_WORDS.findall(text))
        notice = "Could not read that as a query; searched for the plain words."
        try:
            q = parser.parse(words)
        except Exception:
            q = wq.NullQuery
    notice = " ".join(n for n in (not_text, notice) if n)
    if q is wq.NullQuery:
        return None, notice
    return _tame(q), notice


def _tame(q: wq.Query) -> wq.Query:
    """Bound fuzzy terms so one query cannot walk the whole vocabulary with a huge edit distance, and
    their fixed prefix to the word (``quokka~1/9``: Whoosh fails on a prefix longer than the word)."""
    if isinstance(q, wq.FuzzyTerm):
        q.maxdist = min(q.maxdist, MAX_FUZZY_DISTANCE)
        q.prefixlength = min(max(q.prefixlength, 1), len(q.text))
        return q
    return q.apply(_tame)


def _is_filter(q: wq.Query) -> bool:
    return all(leaf.field() in FILTER_FIELDS for leaf in q.leaves())


def any_word(q: wq.Query) -> wq.Query | None:
    """``q`` with its words ORed instead of ANDed (its filters and exclusions still narrow), for
    when no article has them all; None when ``q`` is not several ANDed words."""
    if type(q) is not wq.And:
        return None
    kept = [c for c in q.subqueries if isinstance(c, wq.Not) or _is_filter(c)]
    words = [c for c in q.subqueries if not (isinstance(c, wq.Not) or _is_filter(c))]
    if len(words) < 2:
        return None
    return wq.And([*kept, wq.Or(words)]) if kept else wq.Or(words)


def filters_only(q: wq.Query | None) -> bool:
    """True when ``q`` has no words, only filters (``entity:"New York" year:1987``) and exclusions."""
    return q is None or _is_filter(q)


def wanted_values(q: wq.Query | None) -> list[tuple[str, str]]:
    """The (field, value) pairs a query asks for, not under a NOT: what ranks a filters-only query."""
    if q is None or isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.Term):
        return [(q.fieldname, q.text)]
    return [pair for child in q.children() for pair in wanted_values(child)]


def sought_leaves(q: wq.Query) -> Iterator[wq.Query]:
    """The terms and phrases a matching document has: the query's leaves, less those it excludes
    (under NOT, or after ANDNOT). What is marked in a hit or in the reader."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from sought_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from sought_leaves(child)
