"""A damaged index is detected, rebuilt and reported in ``Library.notices``; it never crashes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from search.index.catalog import CATALOG_NAME
from search.library import Library
from tests.conftest import edit_catalog_head
from tests.unit.reliability.support import write_small_corpus

COUNT = 30


def _segments(index_dir: Path) -> list[Path]:
    found = sorted(index_dir.glob("MAIN_*.seg"))
    assert found, "the test expects compound segment files"
    return found


def truncate_segments_in_half(ix: Path) -> None:
    for seg in _segments(ix):
        seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])


def truncate_last_byte(ix: Path) -> None:
    for seg in _segments(ix):
        seg.write_bytes(seg.read_bytes()[:-1])


def delete_segments(ix: Path) -> None:
    for seg in _segments(ix):
        seg.unlink()


def garbage_catalog(ix: Path) -> None:
    (ix / CATALOG_NAME).write_bytes(b"\x00\xff garbage {")


def catalog_of_the_wrong_shape(ix: Path) -> None:
    edit_catalog_head(ix, lambda head: head.update(articles={}, files=[]))


def catalog_with_wrong_types(ix: Path) -> None:
    edit_catalog_head(ix, lambda head: head.update(boilerplate={"not": "a list"}))


def catalog_with_articles_missing(ix: Path) -> None:
    edit_catalog_head(ix, lambda head: head["articles"]["titles"].pop())


def catalog_with_damaged_tables(ix: Path) -> None:
    raw = bytearray((ix / CATALOG_NAME).read_bytes())
    raw[-20] ^= 0x20  # one bit, in the part a start does not parse
    (ix / CATALOG_NAME).write_bytes(bytes(raw))


def catalog_that_is_a_list(ix: Path) -> None:
    (ix / CATALOG_NAME).write_text("[1, 2, 3]")


def delete_catalog(ix: Path) -> None:
    (ix / CATALOG_NAME).unlink()


def delete_toc(ix: Path) -> None:
    for toc in ix.glob("_MAIN_*.toc"):
        toc.unlink()


def garbage_toc(ix: Path) -> None:
    for toc in ix.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage in the table of contents")


def empty_toc(ix: Path) -> None:
    for toc in ix.glob("_MAIN_*.toc"):
        toc.write_bytes(b"")


DAMAGE: list[Callable[[Path], None]] = [
    truncate_segments_in_half,
    truncate_last_byte,
    delete_segments,
    garbage_catalog,
    catalog_of_the_wrong_shape,
    catalog_with_wrong_types,
    catalog_with_articles_missing,
    catalog_with_damaged_tables,
    catalog_that_is_a_list,
    delete_catalog,
    delete_toc,
    garbage_toc,
    empty_toc,
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_corpus(tmp_path_factory.mktemp("corpus"), COUNT)


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_damage_is_detected_rebuilt_and_reported(corpus: Path, tmp_path: Path, damage) -> None:
    index_dir = tmp_path / "index"
    Library.open(corpus, index_dir=index_dir).close()
    damage(index_dir)
    with Library.open(corpus, index_dir=index_dir) as lib:
        notice = lib.notices[0] if len(lib.notices) == 1 else ""
        assert "rebuilding it" in notice or "indexed again" in notice, lib.notices
        assert lib.stats is not None and lib.stats.reindexed == COUNT
        assert len(lib.articles()) == COUNT
        assert [h.id for h in lib.search(f"uniquea{COUNT - 1}x").hits] == [f"a{COUNT - 1:05d}.txt"]
        assert not lib.search("market").notice
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert lib.notices == [] and lib.stats is not None and lib.stats.reindexed == 0


def test_a_healthy_index_gives_no_notice(corpus: Path, tmp_path: Path) -> None:
    """The control for the cases above: only damage produces a notice and a rebuild."""
    Library.open(corpus, index_dir=tmp_path / "index").close()
    with Library.open(corpus, index_dir=tmp_path / "index") as lib:
        assert lib.notices == [] and lib.stats is not None and lib.stats.reindexed == 0
