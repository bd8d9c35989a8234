from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from search.index.store import LOCK_WAIT
from search.library import CorpusNotFound, Library
from tests.conftest import BIDEN, SEEDS, TAKAICHI, bump, edit_catalog_head


def test_first_open_indexes_everything_then_nothing(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as lib:
        assert lib.stats is not None and lib.stats.reindexed == 2
        assert [a.id for a in lib.articles()] == [TAKAICHI, BIDEN]
    with Library.open(seeds, index_dir=index_dir) as lib:
        assert lib.stats is not None and (lib.stats.reindexed, lib.stats.unchanged) == (0, 2)


def test_touching_one_file_reindexes_exactly_one(seeds: Path, index_dir: Path) -> None:
    Library.open(seeds, index_dir=index_dir).close()
    bump(seeds / BIDEN)
    with Library.open(seeds, index_dir=index_dir) as lib:
        assert lib.stats is not None
        assert (lib.stats.reindexed, lib.stats.deleted, lib.stats.unchanged) == (1, 0, 1)
        assert len(lib.articles()) == 2


def test_added_changed_and_deleted_files(seeds: Path, index_dir: Path) -> None:
    Library.open(seeds, index_dir=index_dir).close()
    (seeds / "new.txt").write_text("Zanzibar ferry plans.\nThe port of Zanzibar expands.")
    (seeds / BIDEN).unlink()
    with Library.open(seeds, index_dir=index_dir) as lib:
        assert lib.stats is not None and (lib.stats.reindexed, lib.stats.deleted) == (1, 1)
        assert [h.id for h in lib.search("zanzibar").hits] == ["new.txt"]
        assert lib.search("kishida").hits == []
        (seeds / "new.txt").write_text("Now about Madagascar instead.")
        bump(seeds / "new.txt")
        lib.refresh()
        assert lib.search("zanzibar").hits == []
        assert [h.id for h in lib.search("madagascar").hits] == ["new.txt"]


def test_duplicates_are_indexed_once_and_reported(seeds: Path, index_dir: Path) -> None:
    (seeds / "copy.txt").write_bytes((seeds / BIDEN).read_bytes())
    with Library.open(seeds, index_dir=index_dir) as lib:
        assert len(lib.articles()) == 2
        [dup] = [i for i in lib.load_report.issues if i.kind == "duplicate"]
        assert dup.path == "copy.txt" and BIDEN in dup.reason  # the first in path order is kept
        (seeds / BIDEN).unlink()
        lib.refresh()
        assert {a.id for a in lib.articles()} == {TAKAICHI, "copy.txt"}  # the remaining copy is promoted
        assert lib.load_report.duplicates == 0


def test_article_round_trips_with_headings(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as lib:
        article = lib.article(BIDEN)
        assert article is not None
        assert article.headings == ["The News", "Know More", "Notable"]
        assert article.body.startswith("The News\n\nA new partnership")
        assert lib.article("missing") is None


def test_schema_change_rebuilds(seeds: Path, index_dir: Path) -> None:
    Library.open(seeds, index_dir=index_dir).close()
    edit_catalog_head(index_dir, lambda head: head.update(version=-1))
    with Library.open(seeds, index_dir=index_dir) as lib:
        assert lib.stats is not None and lib.stats.reindexed == 2
        assert any("rebuilding" in n for n in lib.notices)


def test_damaged_index_is_rebuilt(seeds: Path, index_dir: Path) -> None:
    Library.open(seeds, index_dir=index_dir).close()
    for seg in index_dir.glob("*.seg"):
        seg.write_bytes(seg.read_bytes()[:20])
    for seg in index_dir.glob("*_*.*"):
        if seg.suffix not in (".toc",) and "WRITELOCK" not in seg.name:
            seg.write_bytes(b"")
    with Library.open(seeds, index_dir=index_dir) as lib:
        assert any("damaged" in n for n in lib.notices)
        assert len(lib.search("abe").hits) == 1


def test_an_index_being_updated_elsewhere_opens_as_it_is(seeds: Path, index_dir: Path) -> None:
    from search.index.locks import DirLock

    Library.open(seeds, index_dir=index_dir).close()
    holder = DirLock(index_dir)
    assert holder.acquire()
    try:
        started = time.monotonic()
        with Library.open(seeds, index_dir=index_dir) as lib:
            assert lib.busy and lib.stats is None
            assert lib.notices == ["Another brief-tui is updating this index; showing it as last saved."]
            assert len(lib.search("abe").hits) == 1
        assert time.monotonic() - started < 2 * LOCK_WAIT + 3
    finally:
        holder.release()
    with Library.open(seeds, index_dir=index_dir) as lib:  # the lock is free again: an update runs
        assert not lib.busy and lib.notices == [] and lib.stats is not None


def test_an_idle_library_holds_no_lock(seeds: Path, index_dir: Path) -> None:
    """An open (idle) brief-tui never makes another one or a command wait."""
    with Library.open(seeds, index_dir=index_dir):
        started = time.monotonic()
        with Library.open(seeds, index_dir=index_dir) as second:
            assert not second.busy and second.notices == [] and second.stats is not None
        assert time.monotonic() - started < LOCK_WAIT


def test_unwritable_index_dir_falls_back_to_a_temporary_index(seeds: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("not a folder")
        folder = blocker / "index"  # cannot be created even by root
    else:
        folder = tmp_path / "ro" / "index"
        folder.parent.mkdir()
        folder.parent.chmod(0o500)
    with Library.open(seeds, index_dir=folder) as lib:
        assert any("temporary index" in n for n in lib.notices)
        assert len(lib.articles()) == 2


def test_missing_corpus() -> None:
    with pytest.raises(CorpusNotFound):
        Library.open("/no/such/corpus")


def test_single_file_corpus(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds / BIDEN, index_dir=index_dir) as lib:
        assert [a.id for a in lib.articles()] == [BIDEN]


def test_a_folder_of_the_users_is_never_emptied_for_an_index(seeds: Path, tmp_path: Path) -> None:
    from search.library import IndexDirRefused

    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.tex").write_text("My only copy.")
    with pytest.raises(IndexDirRefused, match="is not empty and is not a brief-tui index"):
        Library.open(seeds, index_dir=folder)
    with pytest.raises(IndexDirRefused, match="is the corpus folder"):
        Library.open(seeds, index_dir=seeds)
    assert [p.name for p in folder.iterdir()] == ["chapter1.tex"]
    assert (folder / "chapter1.tex").read_text() == "My only copy."
    assert len(list(seeds.iterdir())) == len(list(SEEDS.iterdir()))


def test_a_command_says_when_it_answers_from_an_index_being_updated(
    seeds: Path, index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from search.index.locks import DirLock
    from tui.cli import main

    Library.open(seeds, index_dir=index_dir).close()
    holder = DirLock(index_dir)
    assert holder.acquire()
    try:
        assert main(["search", "abe", "--corpus", str(seeds), "--index-dir", str(index_dir), "--json"]) == 0
    finally:
        holder.release()
    out, err = capsys.readouterr()
    assert err == "brief-tui: note: Another brief-tui is updating this index; showing it as last saved.\n"
    assert [hit["id"] for hit in json.loads(out)] == [TAKAICHI]
