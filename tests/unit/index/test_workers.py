"""Worker processes: they import only brief-tui's modules, and a failure ends the run once, with a
message (never a pool that respawns forever)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search.index.pipeline import POOL_MIN_FILES
from search.index.workers import Pool, WorkerFailed, tick
from search.library import Library
from tests.unit.reliability.support import write_small_corpus

RUNS: list[str] = []


def _setup(word: str) -> None:
    RUNS.append(word)


def _square(n: int) -> tuple[int, int, list[str]]:
    tick(n)
    return n * n, os.getpid(), list(RUNS)


def _die(code: int) -> None:
    os._exit(code)


def _fail(text: str) -> None:
    print("a line printed by a task goes to the log, not into the protocol")
    raise ValueError(text)


def test_results_come_in_order_from_every_worker_with_ticks() -> None:
    seen: list[int] = []
    with Pool(2, _setup, "ready") as pool:
        results = list(pool.run(_square, [(n,) for n in range(40)], seen.append))
    assert [r[0] for r in results] == [n * n for n in range(40)]
    assert len({r[1] for r in results}) == 2 and os.getpid() not in {r[1] for r in results}
    assert all(r[2] == ["ready"] for r in results)  # set up once in each worker
    assert seen and max(seen) <= sum(range(40))


def test_a_worker_that_dies_fails_the_run_once_with_its_exit_status() -> None:
    with Pool(2, _setup, "x") as pool, pytest.raises(WorkerFailed, match=r"stopped \(exit status 3\)"):
        list(pool.run(_die, [(3,)]))


def test_a_failing_task_is_reported_with_its_error() -> None:
    with Pool(1, _setup, "x") as pool:
        with pytest.raises(WorkerFailed, match="ValueError: bad input here"):
            list(pool.run(_fail, [("bad input here",)]))
        assert [r[0] for r in pool.run(_square, [(3,)])] == [9]  # and the worker still serves


def _setup_broken(word: str) -> None:
    raise ZeroDivisionError(word)


def test_a_worker_that_cannot_start_says_why() -> None:
    with pytest.raises(WorkerFailed, match="failed: ZeroDivisionError: no setup"):
        Pool(1, _setup_broken, "no setup")


SCRIPT = """
from search.library import Library
library = Library.open({corpus!r}, index_dir={index!r})
print("articles", len(library.articles()), "notices", library.stats.notices)
library.close()
"""


def test_a_script_without_a_main_guard_opens_a_big_folder_once(tmp_path: Path) -> None:
    """Workers never re-import the caller's script (multiprocessing's would, and open it again)."""
    count = POOL_MIN_FILES + 20
    corpus = write_small_corpus(tmp_path / "corpus", count)
    script = tmp_path / "notebook_cell.py"
    script.write_text(SCRIPT.format(corpus=str(corpus), index=str(tmp_path / "index")))
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"articles {count} notices ()"]
    assert proc.stderr == ""
    assert time.monotonic() - started < 100


def test_workers_that_cannot_start_leave_the_build_to_this_process(tmp_path: Path) -> None:
    broken = tmp_path / "shadow" / "search"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('a broken install')\n")
    count = POOL_MIN_FILES + 5
    corpus = write_small_corpus(tmp_path / "corpus", count)
    sys.path.insert(0, str(broken.parent))  # what the workers import; this process has its modules
    try:
        with Library.open(corpus, index_dir=tmp_path / "index") as library:
            stats = library.stats
    finally:
        sys.path.remove(str(broken.parent))
    assert stats is not None and stats.reindexed == count and len(library.articles()) == count
    [notice] = stats.notices
    assert notice.startswith("Indexing in one process: worker processes could not start")
    assert "a broken install" in notice
