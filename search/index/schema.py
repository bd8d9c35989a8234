"""The Whoosh schema and the text analyser shared by indexing and querying.

Bump ``SCHEMA_VERSION`` whenever the schema or the analysis changes: an index
built with another version is rebuilt on open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from search.analysis.variants import americanize

SCHEMA_VERSION = 3

# Whoosh's default stop list minus words that are names in news text (US, May, Will).
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "have",
        "if",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "we",
        "when",
        "with",
        "yet",
        "you",
        "your",
    ]
)


_ACRONYM = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")


class VariantFilter(Filter):
    """Folds dotted acronyms (u.s -> us) and British spellings (defence -> defense) before stemming."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VariantFilter)

    def __hash__(self) -> int:
        return hash(VariantFilter)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            text = t.text
            t.text = text.replace(".", "") if "." in text and _ACRONYM.match(text) else americanize(text)
            yield t


def text_analyzer() -> Analyzer:
    """Words (keeping U.S. and 2.5 together), lower case, accents folded, variants folded, stemmed."""
    return (
        RegexTokenizer(r"\w+(?:\.\w+)*")
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | VariantFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(cachesize=50000)
    )


def simple_analyzer() -> Analyzer:
    """For short metadata fields (source, section, author): words, lower case, accents folded."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


# Facets: each has an indexed keyword field (to filter on, and to query as ``entity:"Shinzo Abe"``)
# and a column of its values per document (to count them over a result set quickly).
FACETS = ("source", "section", "year", "entity", "topic")
FACET_FIELD = {
    "source": "f_source",
    "section": "f_section",
    "year": "year",
    "entity": "entity",
    "topic": "topic",
}
FACET_SEPARATOR = "\x1f"


def column_name(facet: str) -> str:
    return f"col_{facet}"


def build_schema() -> Schema:
    text = text_analyzer()
    simple = simple_analyzer()
    facets = {FACET_FIELD[f]: KEYWORD(commas=True, lowercase=True) for f in FACETS}
    columns = {column_name(f): COLUMN(VarBytesColumn()) for f in FACETS}
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        title=TEXT(analyzer=text, stored=True, field_boost=2.0),
        headings=TEXT(analyzer=text, stored=True),
        body=TEXT(analyzer=text, stored=True),
        source=TEXT(analyzer=simple, stored=True),
        section=TEXT(analyzer=simple, stored=True),
        author=TEXT(analyzer=simple, stored=True),
        tags=KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        date=ID(stored=True),
        url=STORED(),
        blocks=STORED(),
        hash=ID(stored=True),
        topics=STORED(),  # [(topic id, score)], best first
        **facets,
        **columns,
    )


SEARCH_FIELDS = ("title", "headings", "body")
