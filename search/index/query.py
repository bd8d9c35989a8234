"""Parse a user's query (leniently: it never raises) and run it, with snippets as character spans."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from whoosh import query as wq
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, OrGroup
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Results, Searcher

from search.analysis.tokens import text_analyzer
from search.index import facet_table, facets
from search.index.entity_links import EntityLinks
from search.index.matches import matching
from search.index.schema import SEARCH_FIELDS
from search.index.snippets import SNIPPET_CHARS, Highlighter, Phrase
from search.index.vocabulary import Vocabulary
from search.model import Hit, SearchResult, Snippet, Span

Marks = tuple[frozenset[str], tuple[Phrase, ...]]  # words to mark, and phrases to mark whole

MAX_FUZZY_DISTANCE = 2
_WORDS = re.compile(r"\w+")


def make_parser(schema: object) -> MultifieldParser:
    parser = MultifieldParser(list(SEARCH_FIELDS), schema, group=OrGroup.factory(0.9))
    parser.add_plugin(FuzzyTermPlugin())
    return parser


def parse(parser: MultifieldParser, text: str) -> tuple[wq.Query | None, str]:
    """The query for ``text`` and a notice when it had to be read leniently. None: nothing to search."""
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
    if q is wq.NullQuery:
        return None, notice
    return _tame(q), notice


def _tame(q: wq.Query) -> wq.Query:
    """Bound fuzzy terms so one query cannot walk the whole vocabulary with a huge edit distance."""
    if isinstance(q, wq.FuzzyTerm):
        q.maxdist = min(q.maxdist, MAX_FUZZY_DISTANCE)
        q.prefixlength = max(q.prefixlength, 1)
        return q
    return q.apply(_tame)


def run(
    searcher: Searcher,
    parser: MultifieldParser,
    text: str,
    limit: int = 20,
    filters: Mapping[str, str | Sequence[str]] | None = None,
    snippets: int = 2,
    vocabulary: Vocabulary | None = None,
    entities: EntityLinks | None = None,
    with_facets: bool = True,
) -> SearchResult:
    """A search; without facet counts when ``with_facets`` is False (see ``facet_counts``)."""
    q, notice, chosen, rename = _prepared(parser, text, filters, entities)
    if q is None and chosen is None:
        return SearchResult(text, [], 0, notice)
    result = execute(searcher, q or wq.Every(), text, limit, chosen, snippets, rename, with_facets)
    return replace(
        result, notice=result.notice or notice, suggestion=suggest(vocabulary, text) if vocabulary else ""
    )


def facet_counts(
    searcher: Searcher,
    parser: MultifieldParser,
    text: str,
    filters: Mapping[str, str | Sequence[str]] | None = None,
    entities: EntityLinks | None = None,
) -> dict[str, list[tuple[str, int]]]:
    """The facet counts ``run`` gives, alone: a UI can show the hits first, then these (the words'
    document sets are kept from the search, so this is mostly the counting)."""
    q, _, chosen, rename = _prepared(parser, text, filters, entities)
    if q is None and chosen is None:
        return {}
    try:
        matched = matching(searcher, q or wq.Every(), chosen)
        return facet_table.table(searcher).count(matched, rename=rename) if matched else {}
    except Exception:  # the search reports it
        return {}


def _prepared(
    parser: MultifieldParser,
    text: str,
    filters: Mapping[str, str | Sequence[str]] | None,
    entities: EntityLinks | None,
) -> tuple[wq.Query | None, str, wq.Query | None, dict[str, Callable[[str], str]] | None]:
    """The query (entity names expanded), its parse notice, the facet filter, the facet renames."""
    q, notice = parse(parser, text)
    expand = entities.first_pass_names if entities is not None else None
    chosen = facets.filter_query(filters or {}, expand)
    if q is not None and expand is not None:
        q = _expand_entities(q, expand)
    rename = {"entity": entities.display_name} if entities is not None else None
    return q, notice, chosen, rename


def _expand_entities(q: wq.Query, expand: facets.Expand) -> wq.Query:
    """``entity:"Shinzo Abe"`` also finds articles whose "Abe" was linked to him across the corpus."""
    if isinstance(q, wq.Term) and q.fieldname == "entity":
        names = expand(q.text)
        return wq.Or([wq.Term("entity", n, boost=q.boost) for n in names]) if len(names) > 1 else q
    return q.apply(lambda child: _expand_entities(child, expand))


def execute(
    searcher: Searcher,
    q: wq.Query,
    text: str,
    limit: int,
    chosen: wq.Query | None = None,
    snippets: int = 2,
    rename: Mapping[str, Callable[[str], str]] | None = None,
    with_facets: bool = True,
) -> SearchResult:
    """Run a built query: the top ``limit`` hits with snippets, the total, facet counts."""
    try:
        results = searcher.search(q, limit=limit, filter=chosen, terms=True)
        marks = {field: _marks(q, _matched_words(results, field), field) for field in ("title", "body")}
        hits = [_hit(h, snippets, marks) for h in results]
        matched = matching(searcher, q, chosen)  # a second, quicker pass: document numbers only
        counts = facet_table.table(searcher).count(matched, rename=rename) if hits and with_facets else {}
    except Exception as err:  # e.g. a wildcard too broad for memory
        return SearchResult(text, [], 0, f"The search failed: {err}")
    return SearchResult(text, hits, len(matched), facets=counts)


def _matched_words(results: Results, field: str) -> frozenset[str]:
    """The words of the query that matched in ``field`` of the top hits: what Whoosh's highlighter
    marks."""
    return frozenset(t.decode("utf-8") for f, t in results.matched_terms() if f == field)


def _marks(q: wq.Query, matched: frozenset[str], field: str) -> Marks:
    """What to mark in ``field``: the matched words, but those the query only has inside phrases
    only where their phrase stands (see ``snippets``)."""
    leaves = list(q.leaves())
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
        for leaf in q.leaves():
            if isinstance(leaf, wq.Phrase):
                if leaf.fieldname in SEARCH_FIELDS:
                    phrases.add(tuple(leaf.words))
                continue
            for field, word in leaf.expanded_terms(reader, phrases=False):
                if field in SEARCH_FIELDS:
                    words.add(word.decode("utf-8") if isinstance(word, bytes) else word)
    except Exception:  # an odd query never breaks the reader
        return []
    tokens = [(t.text, t.startchar, t.endchar) for t in searcher.schema["body"].analyzer(body, chars=True)]
    spans = [(start, end) for word, start, end in tokens if word in words]
    for phrase in phrases:
        n = len(phrase)
        spans += [
            (tokens[i][1], tokens[i + n - 1][2])
            for i in range(len(tokens) - n + 1)
            if tokens[i][0] == phrase[0] and tuple(t[0] for t in tokens[i : i + n]) == phrase
        ]
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans joined into one (a word inside a matched phrase marks the phrase once)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_PLAIN_WORD = re.compile(r"(?<![\w:*~])[^\W\d_]{3,}(?![\w:*~])")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


def suggest(vocabulary: Vocabulary, text: str) -> str:
    """``text`` with each unknown plain word replaced by the closest known one; "" if none changed."""
    changed = False

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


def _hit(h: WhooshHit, top: int, marks: Mapping[str, Marks]) -> Hit:
    fields = h.fields()
    body = fields.get("body", "")
    words, phrases = marks["body"]
    body_snippets = _HIGHLIGHTER.passages(body, words, top, phrases) if top else []
    if not body_snippets and body:
        body_snippets = [Snippet(" ".join(body[:SNIPPET_CHARS].split()))]
    return Hit(
        id=fields["id"],
        title=fields["title"],
        score=float(h.score or 0.0),
        path=fields["path"],
        source=fields.get("source", ""),
        date=fields.get("date", ""),
        section=fields.get("section", ""),
        snippets=tuple(body_snippets),
        title_highlights=_HIGHLIGHTER.whole(fields["title"], *marks["title"]),
    )
