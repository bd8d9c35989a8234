"""Short posting lists kept in the term table (search/index/codec.py): the index searches exactly
as one written by Whoosh's own codec (same hits, scores, totals, snippets, facets, phrases,
wildcards), and is smaller."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from search.index import pipeline
from search.index.codec import INLINE
from search.library import Library
from tests.unit.reliability.support import write_small_corpus

QUERIES = (
    "market",
    "uniquea7x",
    "uniquea7x OR uniquea9x",
    '"trade policy"',
    "story 12",
    "uniq*",
    "bank -summit",
)


def _build(corpus: Path, index: Path) -> list[tuple[object, ...]]:
    with Library.open(corpus, index_dir=index) as library:
        seen: list[tuple[object, ...]] = []
        for text in QUERIES:
            result = library.search(text, limit=None)
            seen.append(
                (text, result.total, [(h.id, h.score, h.snippets, h.title_highlights) for h in result.hits])
            )
            seen.append((text, library.facet_counts(text)))
        return seen


def _postings(index: Path) -> tuple[int, int, int]:
    """(terms whose postings are in the term table, terms with a posting block, segment bytes)."""
    inlined = blocks = 0
    ix = whoosh_index.open_dir(str(index))
    with ix.reader() as reader:
        for sub, _ in reader.leaf_readers():
            for _, info in sub._terms.items():
                if info.is_inlined():
                    inlined += 1
                    assert info.doc_frequency() <= INLINE
                else:
                    blocks += 1
    return inlined, blocks, sum(p.stat().st_size for p in index.glob("*.seg"))


def test_short_posting_lists_in_the_term_table_search_as_whoosh_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 60)
    ours = _build(corpus, tmp_path / "ours")
    monkeypatch.setattr(pipeline, "Codec", W3Codec)  # Whoosh's own writer
    theirs = _build(corpus, tmp_path / "whoosh")

    assert ours == theirs
    texts = [f.read_text() for f in sorted(corpus.iterdir())]
    totals = dict((text, total) for text, total, _ in ours[::2])
    assert totals["market"] == sum("market" in t for t in texts) > INLINE  # (in posting blocks)
    assert totals["uniquea7x OR uniquea9x"] == 2 and totals["uniq*"] == 60  # (in the term table)
    inlined, blocks, size = _postings(tmp_path / "ours")
    assert inlined > 60 and blocks > 10  # the unique words and ids inlined; the common words not
    w_inlined, w_blocks, w_size = _postings(tmp_path / "whoosh")
    assert w_inlined == 0 and w_blocks == inlined + blocks
    assert size < 0.9 * w_size  # (0.82 here; 0.83 for the segments of ../shared/corpus)
