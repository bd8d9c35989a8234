"""A search that fails says so; one that fails because an index file is damaged is reported as the
index's failure (repaired at the next update), never as the query's."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from search.index import matches
from search.library import Library
from search.model import SearchResult

DAMAGED = [zlib.error("Error -3 while decompressing data"), ValueError("Block tag error: 7")]


@pytest.fixture
def lib(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text('---\ntitle: "Harbour"\nsection: "news"\n---\n\nThe harbour froze.\n')
    (corpus / "b.md").write_text('---\ntitle: "Dock"\nsection: "sport"\n---\n\nThe dock flooded.\n')
    with Library.open(corpus, index_dir=tmp_path / "ix") as library:
        yield library


def failing(monkeypatch: pytest.MonkeyPatch, err: Exception) -> None:
    """Every search from now on fails with ``err`` (when it collects the matching articles)."""

    def fail(*args: object) -> None:
        raise err

    monkeypatch.setattr(matches, "matching", fail)


@pytest.mark.parametrize("text", ["harbour", "section:news"])  # words; filters only
def test_a_failed_search_says_why(lib: Library, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    failing(monkeypatch, MemoryError("too many words"))
    assert lib.search(text) == SearchResult(text, [], 0, "The search failed: too many words")
    assert lib.facet_counts(text) == {}
    assert lib.read_failure == "" and lib.notices == []


@pytest.mark.parametrize("text", ["harbour", "section:news"])
@pytest.mark.parametrize("err", DAMAGED, ids=["zlib", "block-tag"])
def test_a_search_on_a_damaged_file_reports_the_index(
    lib: Library, monkeypatch: pytest.MonkeyPatch, text: str, err: Exception
) -> None:
    failing(monkeypatch, err)
    result = lib.search(text)
    why = f"{type(err).__name__}: {err}"
    assert lib.read_failure == f"The index could not be read ({why}); it is repaired at the next update."
    assert result == SearchResult(text, [], 0, lib.read_failure)
    assert lib.read_failure in lib.notices
