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
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from search.analysis.variants import americanize

SCHEMA_VERSION = 1

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


def build_schema() -> Schema:
    text = text_analyzer()
    simple = simple_analyzer()
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
        year=ID(stored=True),
        url=STORED(),
        blocks=STORED(),
        hash=ID(stored=True),
    )


SEARCH_FIELDS = ("title", "headings", "body")
