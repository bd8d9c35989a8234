"""SIGKILL in the middle of indexing: the next open recovers by itself and matches the corpus."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from search.library import Library
from tests.unit.reliability.support import deadline, python, write_small_corpus

SEGMENT_SUFFIXES = (".seg", ".pst", ".trm", ".col", ".fdt", ".fdx")


def _segment_files(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.name for p in folder.iterdir() if p.name.startswith("MAIN_") and p.suffix in SEGMENT_SUFFIXES}


def _kill_while_writing(corpus: Path, index_dir: Path) -> set[str]:
    """Start an indexer, SIGKILL it once it writes new segment files; return those files."""
    before = _segment_files(index_dir)
    proc = python(
        "import sys\nfrom search.library import Library\n"
        f"Library.open({str(corpus)!r}, index_dir={str(index_dir)!r}).close()\nprint('finished')"
    )
    try:
        with deadline(60):
            while not (fresh := _segment_files(index_dir) - before):
                assert proc.poll() is None, f"the indexer ended before it was killed: {proc.communicate()}"
                time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL and "finished" not in out
    return fresh


def test_sigkill_during_the_first_build_is_recovered(tmp_path: Path) -> None:
    count = 800
    corpus = write_small_corpus(tmp_path / "corpus", count)
    index_dir = tmp_path / "index"
    debris = _kill_while_writing(corpus, index_dir)
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert len(lib.articles()) == count
        assert [h.id for h in lib.search(f"uniquea{count - 1}x").hits] == [f"a{count - 1:05d}.txt"]
        # resumed where its last pass ended; or, killed between a pass's index and catalog, rebuilt
        assert all("damaged" in n and "rebuilding" in n for n in lib.notices)
        assert not lib.read_only
    assert not debris & {p.name for p in index_dir.iterdir()}  # the half-written segment is gone
    with Library.open(corpus, index_dir=index_dir) as lib:  # and the recovered index is a normal one
        assert lib.notices == [] and lib.stats is not None and lib.stats.reindexed == 0
        assert len(lib.articles()) == count


def test_sigkill_during_an_update_is_recovered(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 100)
    index_dir = tmp_path / "index"
    Library.open(corpus, index_dir=index_dir).close()
    write_small_corpus(corpus, 600, prefix="b")  # new files...
    (corpus / "a00099.txt").write_text("The last old story now says replacedword.")  # ...and a changed one
    _kill_while_writing(corpus, index_dir)
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert len(lib.articles()) == 700
        assert [h.id for h in lib.search("replacedword").hits] == ["a00099.txt"]
        assert lib.search("uniquea99x").hits == []
        assert [h.id for h in lib.search("uniqueb599x").hits] == ["b00599.txt"]
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert lib.notices == [] and lib.stats is not None and lib.stats.reindexed == 0
