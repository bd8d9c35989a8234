"""The headless watcher: files added, changed or removed in a corpus are indexed within seconds,
a burst is one update, dot-files and the index folder are ignored, a busy index is tried again."""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from watchfiles import Change

from search.corpus import walks
from search.index.locks import DirLock
from search.index.store import LOCK_WAIT
from search.library import Library
from search.watch import ChangeFilter, WatchUpdate, watch
from tests.conftest import BIDEN, TAKAICHI, bump

SOON = 10.0  # seconds: "within a few seconds", with room for a loaded machine


class Watching:
    """``watch`` in a thread, as the TUI runs it: its updates and failures, and refreshes counted."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.updates: queue.Queue[WatchUpdate] = queue.Queue()
        self.failures: list[str] = []
        self.refreshes = 0
        self.stop = threading.Event()
        refresh = library.refresh

        def counted(*args: object, **kwargs: object) -> object:
            self.refreshes += 1
            return refresh(*args, **kwargs)  # type: ignore[arg-type]

        library.refresh = counted  # type: ignore[method-assign]
        self.thread = threading.Thread(
            target=watch, args=(library, self.updates.put, self.failures.append), kwargs={"stop": self.stop}
        )

    def next_update(self, timeout: float = SOON) -> WatchUpdate:
        return self.updates.get(timeout=timeout)

    def settle(self) -> None:
        """Wait until the first refresh (the catch-up) has run."""
        deadline = time.monotonic() + SOON
        while self.refreshes == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)


@contextmanager
def watching(library: Library) -> Iterator[Watching]:
    w = Watching(library)
    w.thread.start()
    try:
        yield w
    finally:
        w.stop.set()
        w.thread.join(5)
    assert not w.thread.is_alive()
    assert w.failures == []


def ids(corpus: Path) -> list[str]:
    """What the library should list: the article files on disk (one article each), in path order."""
    return sorted(p.name for p in corpus.iterdir() if p.suffix == ".txt" and not p.name.startswith("."))


def test_added_changed_and_removed_files_are_indexed_within_seconds(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as library, watching(library) as w:
        w.settle()
        written = time.monotonic()
        (seeds / "new.txt").write_text("Zanzibar ferry plans.\n\nThe port of Zanzibar expands.\n")
        assert w.next_update() == WatchUpdate(1, 0, ())
        assert time.monotonic() - written < SOON
        assert [h.id for h in library.search("zanzibar").hits] == ["new.txt"]
        assert [a.id for a in library.articles()] == ids(seeds)

        (seeds / "new.txt").write_text("Now about Madagascar instead.\n")
        bump(seeds / "new.txt")
        assert w.next_update() == WatchUpdate(1, 0, ())
        assert library.search("zanzibar").hits == []
        assert [h.id for h in library.search("madagascar").hits] == ["new.txt"]

        (seeds / BIDEN).unlink()
        update = w.next_update()
        assert (update.files, update.removed, update.summary()) == (
            1,
            1,
            "1 file removed: index updated",
        )
        assert [a.id for a in library.articles()] == ids(seeds) == [TAKAICHI, "new.txt"]
        assert library.search("kishida").hits == []


def test_a_burst_of_400_files_is_one_update(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as library, watching(library) as w:
        w.settle()
        for n in range(400):  # as fast as a git checkout writes them
            (seeds / f"burst-{n:03d}.txt").write_text(f"Burst article {n}.\n\nIt mentions word{n}x once.\n")
        update = w.next_update(timeout=60)
        assert update.summary() == "400 files changed: indexed"
        assert [a.id for a in library.articles()] == ids(seeds)
        assert len(library.articles()) == 402
        assert [h.id for h in library.search("word399x").hits] == ["burst-399.txt"]
        time.sleep(1.0)
        assert w.updates.empty()


def test_changes_before_the_watcher_starts_are_caught_up(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as library:
        (seeds / "late.txt").write_text("Written between the first update and the watcher.\n")
        with watching(library) as w:
            assert w.next_update() == WatchUpdate(1, 0, ())
            assert [a.id for a in library.articles()] == ids(seeds)


def test_a_file_that_cannot_be_read_is_reported_as_skipped(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as library, watching(library) as w:
        w.settle()
        (seeds / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
        update = w.next_update()
        assert update.summary() == "1 file changed: indexed, 1 skipped"
        assert [i.path for i in update.skipped] == ["binary.txt"]


def test_a_file_of_another_format_changes_only_the_load_report(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as library, watching(library) as w:
        w.settle()
        others = library.load_report.other_files
        (seeds / "photo.png").write_bytes(b"\x89PNG\r\n")
        assert w.next_update() == WatchUpdate(0, 0, ())
        assert library.load_report.other_files == others + 1


def test_dot_files_do_not_wake_it(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as library, watching(library) as w:
        w.settle()
        before = w.refreshes
        (seeds / ".draft.txt").write_text("A hidden draft.\n")
        (seeds / ".git").mkdir()
        (seeds / ".git" / "index").write_bytes(b"x")
        time.sleep(1.5)
        assert w.refreshes == before
        (seeds / "seen.txt").write_text("This one counts.\n")
        assert w.next_update() == WatchUpdate(1, 0, ())
        assert w.refreshes == before + 1


def test_the_filter_ignores_the_index_folder_dot_files_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    keep = ChangeFilter(root, root / "idx")
    assert keep(Change.added, str(root / "a.md"))
    assert keep(Change.modified, str(root / "sub" / "b.txt"))
    assert not keep(Change.modified, str(root / "idx" / "catalog.json"))
    assert not keep(Change.added, str(root / "idx"))
    assert keep(Change.added, str(root / "idx2" / "c.txt"))  # another folder that starts alike
    assert not keep(Change.added, str(root / ".hidden.md"))
    assert not keep(Change.added, str(root / ".git" / "HEAD"))
    assert not keep(Change.added, str(root / "sub" / ".#b.txt"))
    assert not keep(Change.modified, str(root))
    one = ChangeFilter(root, tmp_path / "index", only="a.md")
    assert one(Change.modified, str(root / "a.md"))
    assert not one(Change.added, str(root / "b.md"))


def test_a_busy_index_is_updated_once_the_other_process_is_done(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as library, watching(library) as w:
        w.settle()
        other = DirLock(index_dir)  # what another brief-tui holds while it writes
        assert other.acquire()
        try:
            (seeds / "new.txt").write_text("Zanzibar ferry plans.\n")
            time.sleep(LOCK_WAIT + 1.5)  # the watcher waited for the lock, gave up, tries again
            assert w.updates.empty()
        finally:
            other.release()
        assert w.next_update() == WatchUpdate(1, 0, ())
        assert [h.id for h in library.search("zanzibar").hits] == ["new.txt"]


def test_it_stops_at_once(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds, index_dir=index_dir) as library:
        w = Watching(library)
        w.thread.start()
        w.settle()
        stopped = time.monotonic()
        w.stop.set()
        w.thread.join(5)
        assert not w.thread.is_alive()
        assert time.monotonic() - stopped < 1.0


def test_a_single_file_corpus_watches_that_file_only(seeds: Path, index_dir: Path) -> None:
    with Library.open(seeds / BIDEN, index_dir=index_dir) as library, watching(library) as w:
        w.settle()
        (seeds / "other.txt").write_text("Not part of this corpus.\n")
        with (seeds / BIDEN).open("a") as f:
            f.write("\nA Zanzibar postscript.\n")
        os.utime(seeds / BIDEN)
        assert w.next_update() == WatchUpdate(1, 0, ())
        assert [a.id for a in library.articles()] == [BIDEN]
        assert [h.id for h in library.search("zanzibar").hits] == [BIDEN]


def test_after_catching_up_it_reads_again_only_the_paths_that_changed(
    seeds: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_walks: list[Path] = []
    discover = walks.discover
    monkeypatch.setattr(
        walks, "discover", lambda root, only=None: full_walks.append(root) or discover(root, only)
    )
    with Library.open(seeds, index_dir=index_dir) as library, watching(library) as w:
        w.settle()
        walked = len(full_walks)  # (opening, and the watcher's catching up)
        (seeds / "sub").mkdir()
        (seeds / "sub" / "ferry.txt").write_text("Zanzibar ferry plans.\n\nThe port of Zanzibar expands.\n")
        assert w.next_update() == WatchUpdate(1, 0, ())
        assert library.search("zanzibar").total == 1
        (seeds / "sub" / "ferry.txt").write_text("Pemba ferry plans.\n\nThe port of Pemba expands.\n")
        bump(seeds / "sub" / "ferry.txt")
        assert w.next_update() == WatchUpdate(1, 0, ())
        assert (library.search("zanzibar").total, library.search("pemba").total) == (0, 1)
        (seeds / "sub" / "ferry.txt").unlink()
        assert w.next_update() == WatchUpdate(1, 1, ())
        assert library.search("pemba").total == 0
        assert [a.id for a in library.articles()] == ids(seeds)
        assert len(full_walks) == walked
