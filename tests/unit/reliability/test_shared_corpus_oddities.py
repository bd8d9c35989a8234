"""The real corpus's known oddities (its README lists them) are reported, repaired and searchable."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from search.library import Library
from tests.conftest import require_shared_corpus
from tests.unit.reliability.support import controls_in
from tui.cli import main as cli_main

NOT_UTF8 = ("bbc/bbc-sport-199.md", "reuters21578/reuters21578-17980.md")
ESCAPE = "reuters21578/reuters21578-21288.md"
DEL_CHAR = ("reuters21578/reuters21578-14942.md", "reuters21578/reuters21578-16759.md")


@dataclass(slots=True)
class Indexed:
    library: Library
    index_output: str


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Indexed]:
    corpus = require_shared_corpus()
    index_dir = tmp_path_factory.mktemp("shared-index")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):  # `brief-tui index` builds the index once (the slow part)
        assert cli_main(["index", str(corpus), "--index-dir", str(index_dir)]) == 0
    with Library.open(corpus, index_dir=index_dir) as library:
        yield Indexed(library, out.getvalue())


def test_the_shared_corpus_fixture_is_the_folder(shared_corpus: Path, indexed: Indexed) -> None:
    assert indexed.library.root == shared_corpus.resolve()
    assert indexed.library.stats is not None and indexed.library.stats.reindexed == 0  # opened unchanged


def test_stray_latin1_bytes_are_repaired_and_reported(indexed: Indexed) -> None:
    lib = indexed.library
    for path in NOT_UTF8:
        reasons = [i.reason for i in lib.load_report.issues if i.path == path and i.kind == "repaired"]
        assert any(r.startswith("not UTF-8") for r in reasons), (path, reasons)
    assert "£" in _body(lib, NOT_UTF8[0])
    assert "ü" in _body(lib, NOT_UTF8[1])


def test_the_escape_sequence_is_removed_so_the_phrase_is_found(indexed: Indexed) -> None:
    lib = indexed.library
    assert any(i.path == ESCAPE and "control character" in i.reason for i in lib.load_report.issues)
    body = _body(lib, ESCAPE)
    assert "Semiconductor Division" in body and controls_in(body) == []
    assert ESCAPE in [h.id for h in lib.search('"Semiconductor Division"').hits]


def test_del_characters_are_removed_and_reported(indexed: Indexed) -> None:
    lib = indexed.library
    for path in DEL_CHAR:
        assert any(i.path == path and "control character" in i.reason for i in lib.load_report.issues)
        assert "\x7f" not in _body(lib, path)


def test_duplicates_are_indexed_once_and_nothing_else_is_lost(indexed: Indexed) -> None:
    report = indexed.library.load_report
    assert report.files == 7572
    assert report.duplicates > 100  # 124 BBC and 46 Reuters exact duplicates, less placeholder bodies
    assert report.skipped == 1  # the corpus's README
    assert report.articles + report.duplicates == report.files  # every file gave an article or a duplicate


def test_the_index_command_reports_the_odd_files_without_control_characters(indexed: Indexed) -> None:
    out = indexed.index_output
    assert controls_in(out) == []
    for path in (*NOT_UTF8, ESCAPE):
        assert f"repaired  {path}: " in out
    assert "skipped   README.md: documentation file" in out


def _body(lib: Library, article_id: str) -> str:
    article = lib.article(article_id)
    assert article is not None
    return article.body
