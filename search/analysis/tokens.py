"""How text is cut into index terms: words, lower case, accents and spellings folded, stemmed.

Indexing, querying, topic keywords and highlighting all use this one analyser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.support.charset import accent_map

from search.analysis.variants import americanize

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


class PreAnalysed(str):
    """Text that carries its analysed terms, so the index need not analyse it again.

    Worker processes analyse each article once (topics need the terms too); the index
    writer, in the parent, then only replays the terms. Pass the plain text to store.
    """

    terms: list[str]

    def __new__(cls, text: str, terms: list[str]) -> PreAnalysed:
        obj = super().__new__(cls, text)
        obj.terms = terms
        return obj


class TextAnalyzer(CompositeAnalyzer):
    """The analyser chain, which replays the terms of ``PreAnalysed`` text instead of running."""

    def __call__(self, value: str, no_morph: bool = False, **kwargs: Any) -> Iterator[Token]:
        if isinstance(value, PreAnalysed) and not no_morph:
            return _replay(value.terms, **kwargs)
        return super().__call__(value, no_morph=no_morph, **kwargs)


def _replay(terms: list[str], positions: bool = False, boost: float = 1.0, **kwargs: Any) -> Iterator[Token]:
    token = Token(positions=positions, boost=boost, **kwargs)
    for pos, term in enumerate(terms):
        token.text, token.boost, token.stopped = term, boost, False
        if positions:
            token.pos = pos
        yield token


def text_analyzer() -> TextAnalyzer:
    """Words (keeping U.S. and 2.5 together), lower case, accents folded, variants folded, stemmed."""
    return TextAnalyzer(
        RegexTokenizer(r"\w+(?:\.\w+)*"),
        LowercaseFilter(),
        CharsetFilter(accent_map),
        VariantFilter(),
        StopFilter(stoplist=STOP_WORDS, minsize=1),
        StemFilter(cachesize=50000),
    )


def terms(analyzer: Analyzer, text: str) -> list[str]:
    """The index terms of ``text``, in order."""
    return [t.text for t in analyzer(text)]


def simple_analyzer() -> Analyzer:
    """For short metadata fields (source, section, author): words, lower case, accents folded."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
