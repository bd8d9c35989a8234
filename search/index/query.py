"""Run a user's query (read by ``query_syntax``; it never raises), with snippets as character spans."""

from __future__ import annotations

import pickle
import re
import struct
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from whoosh import query as wq
from whoosh.qparser import MultifieldParser
from whoosh.searching import Searcher

from search.analysis.tokens import text_analyzer
from search.index import facet_table, facets, filter_rank, matches, recent, top_hits, wildcards
from search.index.entity_links import EntityLinks
from search.index.query_syntax import (
    any_word,
    filters_only,
    make_parser,
    parse,
    readable,
    sought_leaves,
    wanted_values,
)
from search.index.schema import SEARCH_FIELDS
from search.index.snippets import SNIPPET_CHARS, Highlighter, Phrase
from search.index.texts import DamagedTexts, TextStore
from search.index.vocabulary import Vocabulary
from search.model import Hit, SearchResult, Snippet, Span, blank_headings

__all__ = ["execute", "facet_counts", "make_parser", "match_spans", "parse", "run", "snippets", "suggest"]

Marks = tuple[frozenset[str], tuple[Phrase, ...]]  # words to mark, and phrases to mark whole
Filters = Mapping[str, str | Sequence[str]]
ANY_WORD_NOTICE = "No article has all of these words; showing those with any of them."
NO_MARKS: Marks = (frozenset(), ())


def run(
    searcher: Searcher,
    parser: MultifieldParser,
    texts: TextStore,
    text: str,
    limit: int | None,
    filters: Filters | None,
    snippets: int,
    vocabulary: Vocabulary | None,
    entities: EntityLinks | None,
    with_facets: bool,
    offset: int,
) -> SearchResult:
    """The hits ``offset`` to ``offset + limit`` (``limit`` None: all) of a search, best first; without
    facet counts when ``with_facets`` is False (see ``facet_counts``)."""
    asked, q, notice, chosen, rename = _prepared(searcher, parser, text, filters, entities)
    if q is None and chosen is None:
        return SearchResult(text, [], 0, notice)
    page = (offset, limit, snippets, with_facets)
    if filters_only(asked):
        wanted = wanted_values(asked) + _chosen_values(filters or {})
        result = _ranked_filters(searcher, texts, q, text, chosen, rename, wanted, entities, page)
    else:
        run_page = (limit, chosen, snippets, rename, with_facets, offset)
        result = execute(searcher, texts, q or wq.Every(), text, *run_page)
        wider = any_word(q) if q is not None and result.total == 0 and not result.notice else None
        if wider is not None:
            result = execute(searcher, texts, wider, text, *run_page)
            notice = ANY_WORD_NOTICE if result.total else notice
    return replace(
        result,
        notice=result.notice or notice,
        suggestion=suggest(vocabulary, readable(text)) if vocabulary else "",
    )


def facet_counts(
    searcher: Searcher,
    parser: MultifieldParser,
    text: str,
    filters: Filters | None = None,
    entities: EntityLinks | None = None,
) -> dict[str, list[tuple[str, int]]]:
    """The facet counts ``run`` gives, alone: a UI can show the hits first, then these (the words'
    document sets are kept from the search, so this is mostly the counting)."""
    _, q, _, chosen, rename = _prepared(searcher, parser, text, filters, entities)
    if q is None and chosen is None:
        return {}
    try:
        matched = matches.matching(searcher, q or wq.Every(), chosen)
        wider = any_word(q) if q is not None and not matched else None
        if wider is not None:
            matched = matches.matching(searcher, wider, chosen)
        # equivalent mutant (or True): no match has no facets to count
        return facet_table.table(searcher).count(matched, rename=rename) if matched else {}
    except Exception:  # the search reports it
        return {}


def _prepared(
    searcher: Searcher,
    parser: MultifieldParser,
    text: str,
    filters: Filters | None,
    entities: EntityLinks | None,
) -> tuple[wq.Query | None, wq.Query | None, str, wq.Query | None, dict[str, Callable[[str], str]] | None]:
    """The query as typed (wildcards bounded), the query to run (entity names expanded), the
    notices, the facet filter, the facet renames."""
    asked, notice = _parsed(searcher, parser, text)
    expand = entities.first_pass_names if entities is not None else None
    chosen = facets.filter_query(filters or {}, expand)
    q = _expand_entities(asked, expand) if asked is not None and expand is not None else asked
    rename = {"entity": entities.display_name} if entities is not None else None
    return asked, q, notice, chosen, rename


def _parsed(searcher: Searcher, parser: MultifieldParser, text: str) -> tuple[wq.Query | None, str]:
    """``parse``, with wildcards bounded (``wildcards.bounded``): the query and its notices."""
    return recent.query(searcher, text, lambda: _read(searcher, parser, text))


def _read(searcher: Searcher, parser: MultifieldParser, text: str) -> tuple[wq.Query | None, str]:
    asked, notice = parse(parser, text)
    if asked is None:
        return None, notice
    asked, cut = wildcards.bounded(asked, searcher.reader())
    return asked, " ".join(n for n in (notice, cut) if n)


def _chosen_values(filters: Filters) -> list[tuple[str, str]]:
    return [(f, v) for f, vs in filters.items() for v in ([vs] if isinstance(vs, str) else vs)]


def _expand_entities(q: wq.Query, expand: facets.Expand) -> wq.Query:
    """``entity:"Shinzo Abe"`` also finds articles whose "Abe" was linked to him across the corpus."""
    if isinstance(q, wq.Term) and q.fieldname == "entity":
        names = expand(q.text)
        # equivalent mutants: an Or of one term finds and scores as the term; no boost (the entity
        # field is not scored: its terms score 1 whatever their boost)
        return wq.Or([wq.Term("entity", n, boost=q.boost) for n in names]) if len(names) > 1 else q
    return q.apply(lambda child: _expand_entities(child, expand))


def execute(
    searcher: Searcher,
    texts: TextStore,
    q: wq.Query,
    text: str,
    limit: int | None,
    chosen: wq.Query | None = None,
    snippets: int = 2,
    rename: Mapping[str, Callable[[str], str]] | None = None,
    with_facets: bool = True,
    offset: int = 0,
) -> SearchResult:
    """Run a built query: hits ``offset`` to ``offset + limit`` with snippets, the total, facet counts."""
    try:
        upto = None if limit is None else offset + limit
        results, matched = top_hits.best(searcher, q, upto, chosen)
        marks = {field: _marks(q, _query_words(searcher, q, field), field) for field in ("title", "body")}
        page = [(h.fields(), float(h.score)) for h in results[offset:]]  # (always scored)
        recent.keep_fields(searcher, [fields for fields, _ in page])
        hits = [_hit(texts, fields, score, snippets, marks) for fields, score in page]
        counts = facet_table.table(searcher).count(matched, rename=rename) if hits and with_facets else {}
    except Exception as err:  # e.g. a wildcard too broad for memory
        if read_error(err):  # not the query's fault: the caller has the index repaired
            raise
        return SearchResult(text, [], 0, f"The search failed: {err}")
    return SearchResult(text, hits, len(matched), facets=counts)


def _ranked_filters(
    searcher: Searcher,
    texts: TextStore,
    q: wq.Query | None,
    text: str,
    chosen: wq.Query | None,
    rename: Mapping[str, Callable[[str], str]] | None,
    wanted: list[tuple[str, str]],
    entities: EntityLinks | None,
    page: tuple[int, int | None, int, bool],
) -> SearchResult:
    """A query of filters only: its articles ranked by ``filter_rank`` (mentions, topic scores)."""
    offset, limit, snippets, with_facets = page
    try:
        matched = matches.matching(searcher, q or wq.Every(), chosen)
        upto = None if limit is None else offset + limit
        shown = filter_rank.rank(searcher, matched, wanted, entities, upto)[offset:]
        marks = {"title": NO_MARKS, "body": NO_MARKS}
        hits = [_hit(texts, fields, score, snippets, marks) for _, score, fields in shown]
        counts = facet_table.table(searcher).count(matched, rename=rename) if hits and with_facets else {}
    except Exception as err:
        if read_error(err):  # not the query's fault: the caller has the index repaired
            raise
        return SearchResult(text, [], 0, f"The search failed: {err}")
    return SearchResult(text, hits, len(matched), facets=counts)


def read_error(err: Exception) -> bool:
    """Whether ``err`` comes from a damaged index file rather than from the query."""
    damaged = (zlib.error, struct.error, EOFError, pickle.UnpicklingError, OSError, DamagedTexts)
    return isinstance(err, damaged) or str(err).startswith("Block tag error")


def _marks(q: wq.Query, matched: frozenset[str], field: str) -> Marks:
    """What to mark in ``field``: the matched words, but those the query only has inside phrases
    only where their phrase stands (see ``snippets``)."""
    leaves = list(sought_leaves(q))
    phrases = {
        tuple(leaf.words) for leaf in leaves if isinstance(leaf, wq.Phrase) and leaf.fieldname == field
    }
    if not phrases:
        return matched, ()
    alone = {leaf.text for leaf in leaves if isinstance(leaf, wq.Term) and leaf.fieldname == field}
    only_in_phrases = {word for phrase in phrases for word in phrase} - alone
    return matched - only_in_phrases, tuple(sorted(phrases))


def match_spans(searcher: Searcher, parser: MultifieldParser, text: str, body: str) -> list[Span]:
    """Where a query matches ``body``: its words (wildcards and fuzzy terms expanded) and its
    phrases, a phrase only where all its words stand together."""
    q, _ = parse(parser, text)
    if q is None:
        return []
    reader = searcher.reader()
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    try:  # (not Query.existing_terms: it skips every field after the first, a Whoosh bug)
        for leaf in sought_leaves(q):
            if isinstance(leaf, wq.Phrase):
                if leaf.fieldname in SEARCH_FIELDS:
                    phrases.add(tuple(leaf.words))
                continue
            for field, word in leaf.expanded_terms(reader):
                if field in SEARCH_FIELDS:
                    words.add(word.decode() if isinstance(word, bytes) else word)
    except Exception:  # an odd query never breaks the reader
        return []
    tokens = [(t.text, t.startchar, t.endchar) for t in searcher.schema["body"].analyzer(body, chars=True)]
    spans = [(start, end) for word, start, end in tokens if word in words]
    for phrase in phrases:
        n = len(phrase)
        spans += [
            (tokens[i][1], tokens[i + n - 1][2])
            # equivalent mutant (a longer range): a short tail is no phrase
            for i in range(len(tokens) - n + 1)
            if tokens[i][0] == phrase[0] and tuple(t[0] for t in tokens[i : i + n]) == phrase
        ]
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans joined into one (a word inside a matched phrase marks the phrase once)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:  # equivalent mutant (<=): no two words touch
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_PLAIN_WORD = re.compile(r"(?<![\w:*~])[^\W\d_]{3,}(?![\w:*~])")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


def suggest(vocabulary: Vocabulary, text: str) -> str:
    """``text`` with each unknown plain word replaced by the closest known one; "" if none changed."""
    changed = False  # equivalent mutant (None): as false

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        word = m.group(0)
        better = None if word in _OPERATORS else vocabulary.suggest(word)
        if better is None:
            return word
        changed = True
        return better

    fixed = _PLAIN_WORD.sub(fix, text)
    return fixed if changed else ""


_HIGHLIGHTER = Highlighter(text_analyzer())  # the analyser of the title and body fields


def snippets(
    searcher: Searcher,
    parser: MultifieldParser,
    texts: TextStore,
    text: str,
    ids: Sequence[str],
    top: int = 2,
) -> dict[str, tuple[Snippet, ...]]:
    """The body snippets ``run`` gives the articles ``ids`` for ``text`` (a UI asks for the hits
    without snippets, then for these as rows come into view); unknown ids are left out."""
    asked, _ = _parsed(searcher, parser, text)
    marks = _marks(asked, _query_words(searcher, asked, "body"), "body") if asked is not None else NO_MARKS
    found = {}
    for article_id in dict.fromkeys(ids):
        fields = recent.fields(searcher, article_id)
        if fields is not None:
            found[article_id] = _body_snippets(_body(texts, fields), top, marks)
    return found


def _body(texts: TextStore, fields: Mapping[str, object]) -> str:
    """A hit's body as indexed (headings blanked out: snippets come from the body's paragraphs)."""
    body, blocks = texts.get(fields["text"])  # type: ignore[arg-type]
    return blank_headings(body, blocks)


def _query_words(searcher: Searcher, q: wq.Query, field: str) -> frozenset[str]:
    """The words of ``q`` in ``field`` as the index has them (wildcards and fuzzy terms expanded),
    phrases' words too (``_marks`` then marks those only where their phrase stands)."""
    words: set[str] = set()
    reader = searcher.reader()
    for leaf in sought_leaves(q):
        try:
            terms = list(leaf.expanded_terms(reader))
        except Exception:  # an odd query only goes without marks
            # equivalent mutant (break) in practice only: a leaf fails to expand only where the search
            # fails on it too (a word with a lone surrogate; `_tame` bounds fuzzy prefixes), and a
            # failed search has no hit to mark
            continue
        words.update(w.decode() if isinstance(w, bytes) else w for f, w in terms if f == field)
    return frozenset(words)


def _body_snippets(body: str, top: int, marks: Marks) -> tuple[Snippet, ...]:
    words, phrases = marks
    found = _HIGHLIGHTER.passages(body, words, top, phrases)
    if not found and body:
        found = [Snippet(" ".join(body[:SNIPPET_CHARS].split()))]
    return tuple(found)


def _hit(
    texts: TextStore, fields: Mapping[str, object], score: float, top: int, marks: Mapping[str, Marks]
) -> Hit:
    """A hit; with no body snippets when ``top`` is 0 (see ``snippets``)."""
    title = str(fields["title"])
    body_snippets = _body_snippets(_body(texts, fields), top, marks["body"]) if top else ()
    return Hit(
        id=str(fields["id"]),
        title=title,
        score=score,
        path=str(fields["path"]),
        source=str(fields["source"]),
        date=str(fields["date"]),
        section=str(fields["section"]),
        snippets=body_snippets,
        title_highlights=_HIGHLIGHTER.whole(title, *marks["title"]),
    )
