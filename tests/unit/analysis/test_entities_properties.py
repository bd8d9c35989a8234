"""Property: extraction and linking never raise and always return valid offsets."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis.entities import RuleExtractor, analyse_corpus
from search.analysis.entities.linking import link_article
from search.model import Block

WORDS = [
    "the", "of", "and", "U.S.", "US", "Japan's", "China’s", "Mr", "President", "Prime", "Minister",
    "Abe", "Shinzo", "Bank", "Corp", "Asia-Pacific", "US-first", "However,", "REUTER", "<Exxon", "Corp>",
    "<XON>", "NEW", "YORK,", "April", "8", "-", "By", "\"", "(", ")", ".", ",", "Ltd", "'s", "e", "É",
]  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map(" ".join),
    st.lists(st.sampled_from([*WORDS, "\n\n", "\n", "   "]), max_size=60).map("".join),
)


def paragraph_blocks(body: str) -> list[Block]:
    blocks, pos = [], 0
    for part in body.split("\n\n"):
        blocks.append(Block(pos, pos + len(part), "text"))
        pos += len(part) + 2
    return blocks


@settings(max_examples=300, deadline=None)
@given(body=TEXT, spans=st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=4))
def test_extraction_never_raises_and_offsets_are_valid(body: str, spans: list[tuple[int, int]]) -> None:
    for blocks in (paragraph_blocks(body), [Block(s, e) for s, e in spans]):
        mentions = RuleExtractor().extract(body, blocks)
        for m in [*mentions, *link_article(mentions)]:
            assert 0 <= m.start < m.end <= len(body)
            assert body[m.start : m.end] == m.text
            assert m.name
        assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


@settings(max_examples=100, deadline=None)
@given(bodies=st.lists(TEXT, max_size=4))
def test_corpus_analysis_never_raises(bodies: list[str]) -> None:
    docs = [(f"a{i}", body, paragraph_blocks(body)) for i, body in enumerate(bodies)]
    corpus = analyse_corpus(docs)
    for article_id, body, _ in docs:
        for m in corpus.mentions[article_id]:
            assert body[m.start : m.end] == m.text
            assert corpus.entity_of(m) is not None
