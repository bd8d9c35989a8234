"""Segments merged by streaming their postings (search/index/merge.py) search as before: the
same hits, totals, phrases, wildcards, snippets, facets and articles; deleted articles gone."""

from __future__ import annotations

from pathlib import Path

from pytest import approx
from whoosh import index as whoosh_index

from search.index.merge import PILE, merge_small
from search.index.pipeline import writer_options
from search.library import Library
from tests.conftest import bump
from tests.unit.reliability.support import write_small_corpus

QUERIES = ("market", "budget -summit", '"trade policy"', "bank OR climate", "elect*", "uniquea3x", "story")


def _seen(library: Library, ordered: bool = True) -> tuple[list[object], list[float]]:
    """What searching shows, and the hits' scores. Without deleted articles, their terms no longer
    count in BM25's statistics, so scores and order may change (``ordered`` False: hits sorted)."""
    shown: list[object] = []
    scores: list[float] = []
    for text in QUERIES:
        result = library.search(text, limit=None)
        hits = [(h.id, h.snippets) for h in result.hits]
        shown.append((text, result.total, hits if ordered else sorted(hits)))
        shown.append(library.facet_counts(text))
        scores.extend(h.score for h in result.hits)
    shown.extend(library.article(a.id) for a in library.articles())
    return shown, scores


def test_merged_segments_search_as_before(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 40)
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index):  # one segment (in-process)
        pass
    for n in range(3):  # each update: articles changed, removed and added (segments with deletions)
        (corpus / f"a{n:05d}.txt").write_text(f"Rewritten {n}.\n\nmarket trade policy summit {n}\n")
        (corpus / f"a{10 + n:05d}.txt").unlink()
        write_small_corpus(corpus, 3 + n, prefix=f"b{n}")
        with Library.open(corpus, index_dir=index):
            pass
    ix = whoosh_index.open_dir(str(index))
    assert len(ix._segments()) >= 3 and ix.doc_count_all() > ix.doc_count()  # deletions to drop
    with Library.open(corpus, index_dir=index) as library:
        before, _ = _seen(library, ordered=False)
        articles = len(library.articles())

    assert merge_small(ix, writer_options(), added=10**6, check=lambda: None)

    merged = whoosh_index.open_dir(str(index))
    assert len(merged._segments()) == 1
    assert merged.doc_count_all() == merged.doc_count() == articles
    with Library.open(corpus, index_dir=index, full_check=True) as library:
        assert library.notices == []
        assert _seen(library, ordered=False)[0] == before


def test_only_segments_as_small_as_the_update_are_merged_but_after_a_build(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 30)
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index):
        pass
    for n in range(2):
        write_small_corpus(corpus, 2, prefix=f"c{n}")
        with Library.open(corpus, index_dir=index):
            pass
    ix = whoosh_index.open_dir(str(index))
    sizes = sorted(s.doc_count_all() for s in ix._segments())
    assert sizes == [2, 2, 30]
    with Library.open(corpus, index_dir=index) as library:
        before, scores = _seen(library)

    assert merge_small(ix, writer_options(), added=2, check=lambda: None)
    assert sorted(s.doc_count_all() for s in whoosh_index.open_dir(str(index))._segments()) == [4, 30]
    with Library.open(corpus, index_dir=index, full_check=True) as library:
        assert library.notices == []
        # nothing deleted: the same order and scores (Whoosh keeps a field's length in a byte, so
        # the merged segment's total length, and the scores, drift a little)
        shown, merged_scores = _seen(library)
        assert shown == before and merged_scores == approx(scores, rel=0.01)
    again = whoosh_index.open_dir(str(index))
    assert not merge_small(again, writer_options(), added=2, check=lambda: None)
    # an update that indexed half the index or more (a build) merges everything
    assert merge_small(again, writer_options(), added=17, check=lambda: None, parts=2)
    assert [s.doc_count_all() for s in whoosh_index.open_dir(str(index))._segments()] == [34]


def test_small_updates_are_not_merged_until_a_pile_of_them_is(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 30)
    index = tmp_path / "index"
    counts = []
    with Library.open(corpus, index_dir=index) as library:
        for n in range(PILE + 3):  # one file edited at a time, three files in turn
            path = corpus / f"a{n % 3:05d}.txt"
            path.write_text(f"Edit {n}.\n\nquokka{n} market\n")
            bump(path)
            library.refresh()
            counts.append(len(whoosh_index.open_dir(str(index))._segments()))
            found = [library.search(f"quokka{k}").total for k in range(n + 1)]
            assert found == [1 if k > n - 3 else 0 for k in range(n + 1)]  # the last edit of each file
    # the build's segment (30 documents: small too) and one a small update, until there are PILE:
    # then they are merged into one
    assert counts == [*range(2, PILE), 1, 2, 3, 4, 5]
