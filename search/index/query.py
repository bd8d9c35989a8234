"""Parse a user's query (leniently: it never raises) and run it, with snippets as character spans."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from whoosh import query as wq
from whoosh.highlight import ContextFragmenter, Formatter, Fragment, Highlighter, WholeFragmenter
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, OrGroup
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from search.index import facets
from search.index.entity_links import EntityLinks
from search.index.schema import SEARCH_FIELDS
from search.index.vocabulary import Vocabulary
from search.model import Hit, SearchResult, Snippet, Span

MAX_FUZZY_DISTANCE = 2
SNIPPET_CHARS = 180
_WORDS = re.compile(r"\w+")


class SpanFormatter(Formatter):
    """Formats fragments into ``Snippet`` values instead of marked-up strings."""

    def format(self, fragments: Sequence[Fragment], replace: bool = False) -> list[Snippet]:  # type: ignore[override]
        return [self._snippet(f) for f in fragments]

    @staticmethod
    def _snippet(fragment: Fragment) -> Snippet:
        start, end = fragment.startchar, fragment.endchar
        spans: list[Span] = []
        for t in sorted(fragment.matches, key=lambda t: (t.startchar, -t.endchar)):
            if t.startchar is None or (spans and t.startchar < spans[-1][1] + start):
                continue
            spans.append((t.startchar - start, min(t.endchar, end) - start))
        return collapse_spaces(fragment.text[start:end], spans)


def collapse_spaces(text: str, spans: Sequence[Span]) -> Snippet:
    """Fold runs of white space (paragraph breaks too) into one space, keeping the spans on their words."""
    out: list[str] = []
    where: list[int] = []  # where[i]: the position in ``out`` of original character i
    for ch in text.strip():
        if ch.isspace():
            if out and out[-1] == " ":
                where.append(len(out) - 1)
                continue
            ch = " "
        where.append(len(out))
        out.append(ch)
    lead = len(text) - len(text.lstrip())
    where.append(len(out))
    limit = len(where) - 1
    mapped = tuple(
        (where[max(0, min(a - lead, limit))], where[max(0, min(b - lead, limit))]) for a, b in spans
    )
    return Snippet("".join(out), tuple((a, b) for a, b in mapped if a < b))


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
) -> SearchResult:
    q, notice = parse(parser, text)
    expand = entities.first_pass_names if entities is not None else None
    chosen = facets.filter_query(filters or {}, expand)
    if q is None and chosen is None:
        return SearchResult(text, [], 0, notice)
    if q is not None and expand is not None:
        q = _expand_entities(q, expand)
    rename = {"entity": entities.display_name} if entities is not None else None
    result = execute(searcher, q or wq.Every(), text, limit, chosen, snippets, rename)
    return replace(
        result, notice=result.notice or notice, suggestion=suggest(vocabulary, text) if vocabulary else ""
    )


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
) -> SearchResult:
    """Run a built query: the top ``limit`` hits with snippets, the total, facet counts."""
    try:
        results = searcher.search(q, limit=limit, filter=chosen, terms=True)
        hits = [_hit(h, snippets) for h in results]
        matched = results.docs()
        counts = facets.count(searcher, matched, rename=rename) if hits else {}
    except Exception as err:  # e.g. a wildcard too broad for memory
        return SearchResult(text, [], 0, f"The search failed: {err}")
    return SearchResult(text, hits, len(matched), facets=counts)


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


_HIGHLIGHTER = Highlighter(
    fragmenter=ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60), formatter=SpanFormatter()
)

_TITLE_HIGHLIGHTER = Highlighter(fragmenter=WholeFragmenter(), formatter=SpanFormatter())


def _hit(h: WhooshHit, top: int) -> Hit:
    fields = h.fields()
    body_snippets = _HIGHLIGHTER.highlight_hit(h, "body", top=top) if top else []
    if not body_snippets and fields.get("body"):
        body_snippets = [Snippet(" ".join(fields["body"][:SNIPPET_CHARS].split()))]
    title = _TITLE_HIGHLIGHTER.highlight_hit(h, "title", top=1)
    title_spans = title[0].highlights if title else ()
    return Hit(
        id=fields["id"],
        title=fields["title"],
        score=float(h.score or 0.0),
        path=fields["path"],
        source=fields.get("source", ""),
        date=fields.get("date", ""),
        section=fields.get("section", ""),
        snippets=tuple(body_snippets),
        title_highlights=title_spans,
    )
