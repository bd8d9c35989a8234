"""Discovered topics: key terms of articles and frequent phrases of a corpus."""

from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index

from search.analysis.topics.discover import (
    STOPWORDS,
    WIRE_ABBREVIATIONS,
    frequent_phrases,
    key_phrases_from_texts,
    text_phrases,
)

WIRE = [
    "Shr 16 cts vs 17 cts. Net 988,000 vs 1,005,000. Revs 19.7 mln vs 16.4 mln dlrs.",
    "The company said net income rose 15 pct to 10 mln dlrs in the first qtr.",
    "Interest rates rose. The central bank raised interest rates again, Reuter said.",
    "Central bank officials said interest rates would rise by 0.5 pct.",
    "Avg shrs 6,206,487 vs 5,959,028 mln dlrs. Blah blah blah.",
]

ARTICLES = {
    "maternity": "Maternity pay for new mothers is to rise. Mothers will get maternity leave of nine months, "
    "and maternity pay goes up by 1,400 pounds, ministers said. The pay rise pleased mothers.",
    "wire": "Shr 16 cts vs 17 cts. Net 988,000 vs 1,005,000 mln dlrs, up 12 pct in 1987.",
    "football": "The striker scored twice as the club won the cup final at the stadium.",
    "rates": "The central bank raised interest rates to curb inflation and steady the currency.",
}


def make_index(body: TEXT) -> Index:
    index = RamStorage().create_index(Schema(id=ID(stored=True, unique=True), body=body))
    with index.writer() as writer:
        for article_id, text in ARTICLES.items():
            writer.add_document(id=article_id, body=text)
    return index


def test_frequent_phrases_count_texts_and_skip_wire_shorthand() -> None:
    phrases = frequent_phrases(WIRE, n=10, min_count=1)
    assert phrases[:2] == [("central bank", 2), ("interest rates", 2)]
    assert ("net income", 1) in phrases
    for phrase, _ in phrases:
        for word in phrase.split():
            assert word not in WIRE_ABBREVIATIONS and word not in STOPWORDS, phrase
    assert frequent_phrases(WIRE, n=10) == [("central bank", 2), ("interest rates", 2)]


def test_frequent_phrases_order_and_limit_are_deterministic() -> None:
    texts = ["gold prices fell", "zinc prices fell", "gold prices rose", "zinc prices rose"]
    assert frequent_phrases(texts, n=3, min_count=1) == [
        ("gold prices", 2),
        ("prices fell", 2),
        ("prices rose", 2),
    ]


def test_text_phrases_break_at_punctuation_numbers_and_stop_words() -> None:
    text = "Tony Blair, Gordon Brown and 3 junior ministers backed Labour's election campaign."
    assert text_phrases(text) == [
        "tony blair",
        "gordon brown",
        "junior ministers",
        "ministers backed",
        "backed labour",
        "labour election",
        "election campaign",
    ]
    assert text_phrases("Shr 16 cts vs 17 cts; mln dlrs 10 pct") == []
    assert text_phrases("") == []


def test_key_phrases_show_readable_words() -> None:
    index = make_index(TEXT(analyzer=StemmingAnalyzer(), stored=True))
    with index.searcher() as searcher:
        maternity = key_phrases_from_texts(searcher, [ARTICLES["maternity"]], n=3)
        wire = key_phrases_from_texts(searcher, [ARTICLES["wire"]], n=10)
    words = [word for word, _ in maternity]
    assert "maternity" in words and "mothers" in words
    weights = [weight for _, weight in maternity]
    assert weights == sorted(weights, reverse=True)
    assert all(word.isalpha() and word not in WIRE_ABBREVIATIONS for word, _ in wire)
    assert {"shr", "cts", "mln", "dlrs", "pct", "vs"}.isdisjoint(word for word, _ in wire)


def test_texts_the_index_does_not_store_are_weighed_against_it() -> None:
    index = make_index(TEXT(analyzer=StemmingAnalyzer()))
    with index.searcher() as searcher:
        words = [word for word, _ in key_phrases_from_texts(searcher, [ARTICLES["rates"]], n=10)]
    assert "inflation" in words
    assert all(word in ARTICLES["rates"].lower() for word in words)
