from __future__ import annotations

import itertools
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.state import bookmarks as bookmarks_module
from tui.state.bookmarks import Bookmark, Bookmarks, BookmarksError, default_path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bookmarks.sqlite3"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    return root


def test_toggling_persists_across_reloads(path: Path, corpus: Path) -> None:
    marks = Bookmarks.load(path)
    assert marks.problems == [] and marks.items(corpus) == []
    assert marks.toggle(corpus, "article", "a.txt", "Summit")
    assert marks.toggle(corpus, "search", "tariff*", "Tariffs", {"filters": {"source": ["reuters"]}})
    assert marks.toggle(corpus, "entity", "kishida", "Kishida")
    assert not marks.toggle(corpus, "entity", "kishida", "Kishida")  # the second toggle removes it
    again = Bookmarks.load(path)
    assert again.problems == []
    assert again.items(corpus) == [
        Bookmark("article", "a.txt", "Summit"),
        Bookmark("search", "tariff*", "Tariffs"),
    ]
    search = again.items(corpus, kind="search")
    assert [m.key for m in search] == ["tariff*"] and search[0].state == {"filters": {"source": ["reuters"]}}
    created = datetime.fromisoformat(search[0].created)
    assert created.tzinfo is not None and created.utcoffset() == UTC.utcoffset(None)
    assert abs((datetime.now(UTC) - created).total_seconds()) < 60
    assert again.is_bookmarked(corpus, "article", "a.txt")
    assert not again.is_bookmarked(corpus, "entity", "kishida")


def test_each_corpus_has_its_own_bookmarks_named_by_its_resolved_path(path: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (tmp_path / "link").symlink_to(first)
    marks = Bookmarks.load(path)
    marks.toggle(first, "topic", "trade", "Trade")
    assert marks.is_bookmarked(str(tmp_path / "link"), "topic", "trade")
    assert marks.is_bookmarked(second / ".." / "first", "topic", "trade")
    assert not marks.is_bookmarked(second, "topic", "trade")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT DISTINCT corpus FROM bookmarks").fetchall() == [(str(first.resolve()),)]


def test_remove(path: Path, corpus: Path) -> None:
    marks = Bookmarks.load(path)
    marks.toggle(corpus, "topic", "energy", "Energy")
    assert marks.remove(corpus, "topic", "energy")
    assert not marks.remove(corpus, "topic", "energy")
    assert Bookmarks.load(path).items(corpus) == []


def test_a_bookmark_keeps_a_copy_of_its_state(path: Path, corpus: Path) -> None:
    state = {"filters": {"source": ["reuters"]}}
    marks = Bookmarks.load(path)
    marks.toggle(corpus, "search", "abe", "Abe", state)
    state["filters"]["source"].append("bbc")
    assert marks.items(corpus)[0].state == {"filters": {"source": ["reuters"]}}


def test_bad_arguments_change_nothing(path: Path, corpus: Path) -> None:
    marks = Bookmarks.load(path)
    with pytest.raises(ValueError, match="kind"):
        marks.toggle(corpus, "folder", "x", "X")
    with pytest.raises(TypeError):
        marks.toggle(corpus, "search", "abe", "Abe", {"when": datetime.now(UTC)})
    assert marks.items(corpus) == [] and marks.unsaved() == []
    assert Bookmarks.load(path).items(corpus) == []


def test_notes(path: Path, corpus: Path) -> None:
    marks = Bookmarks.load(path)
    assert marks.note(corpus, "a.txt") == ""
    marks.set_note(corpus, "a.txt", "Check the tariff figures.\nSecond line.")
    marks.set_note(corpus, "b.txt", "Another.")
    again = Bookmarks.load(path)
    assert again.note(corpus, "a.txt") == "Check the tariff figures.\nSecond line."
    updated = datetime.fromisoformat(again.notes(corpus)["a.txt"].updated)
    assert abs((datetime.now(UTC) - updated).total_seconds()) < 60
    again.set_note(corpus, "a.txt", "  \n")  # blank text deletes the note
    assert sorted(Bookmarks.load(path).notes(corpus)) == ["b.txt"]
    assert Bookmarks.load(path).items(corpus) == []


def test_unchanged_notes_are_not_rewritten(path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marks = Bookmarks.load(path)
    marks.set_note(corpus, "a.txt", "Same.")
    writes: list[tuple[object, ...]] = []
    real = bookmarks_module._write
    monkeypatch.setattr(bookmarks_module, "_write", lambda db, change, **kw: writes.append(change))
    marks.set_note(corpus, "a.txt", "Same.")
    marks.set_note(corpus, "b.txt", "")
    assert writes == []
    monkeypatch.setattr(
        bookmarks_module, "_write", lambda db, change, **kw: (writes.append(change), real(db, change))
    )
    marks.set_note(corpus, "a.txt", "Changed.")
    assert [w[2] for w in writes] == ["a.txt"]  # one row written


@pytest.mark.parametrize(
    "content", [b"not a database at all", b"\x00" * 4096, b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_a_damaged_database_is_moved_aside_and_reported(path: Path, corpus: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    marks = Bookmarks.load(path)
    assert marks.items(corpus) == [] and len(marks.problems) == 1, marks.problems
    [aside] = [p for p in path.parent.iterdir() if p.name.startswith("bookmarks.sqlite3.damaged-")]
    assert str(path) in marks.problems[0] and aside.name in marks.problems[0]
    assert aside.read_bytes() == content
    marks.toggle(corpus, "article", "a.txt", "A")  # a new store; the damaged file is kept
    assert aside.read_bytes() == content and Bookmarks.load(path).is_bookmarked(corpus, "article", "a.txt")


def test_damaged_files_never_replace_each_other(path: Path) -> None:
    path.parent.mkdir(parents=True)
    for n in range(3):
        path.write_text(f"broken {n}" * 100)
        marks = Bookmarks.load(path)
        assert len(marks.problems) == 1
        marks.close()
        path.unlink()
    kept = sorted(p.read_text() for p in path.parent.iterdir() if "damaged" in p.name)
    assert kept == [f"broken {n}" * 100 for n in range(3)]


def test_a_failed_write_raises_and_keeps_the_change_in_memory(
    path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marks = Bookmarks.load(path)
    marks.toggle(corpus, "article", "a.txt", "A")

    def disk_full(db: object, change: object, **_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(bookmarks_module, "_write", disk_full)
    with pytest.raises(BookmarksError, match="disk is full") as caught:
        marks.toggle(corpus, "article", "b.txt", "B")
    assert str(path) in str(caught.value)
    with pytest.raises(BookmarksError):
        marks.set_note(corpus, "a.txt", "A note.")
    assert [m.key for m in Bookmarks.load(path).items(corpus)] == ["a.txt"]  # on disk: the old state
    assert marks.is_bookmarked(corpus, "article", "b.txt") and marks.note(corpus, "a.txt") == "A note."
    assert marks.unsaved() == ["bookmark: article b.txt", "note on a.txt"]
    monkeypatch.undo()
    marks.save()  # once the disk has room again, nothing was lost
    assert marks.unsaved() == []
    again = Bookmarks.load(path)
    assert [m.key for m in again.items(corpus)] == ["a.txt", "b.txt"]
    assert again.note(corpus, "a.txt") == "A note."


def test_a_store_that_cannot_be_opened_is_never_overwritten(path: Path, corpus: Path) -> None:
    path.mkdir(parents=True)  # opening a directory fails, for root too
    (path / "inside").write_text("keep me")
    marks = Bookmarks.load(path)
    assert len(marks.problems) == 1 and "could not open" in marks.problems[0]
    with pytest.raises(BookmarksError, match="not saved"):
        marks.toggle(corpus, "article", "a.txt", "A")
    assert marks.is_bookmarked(corpus, "article", "a.txt")
    assert marks.unsaved() == ["bookmark: article a.txt"]
    assert (path / "inside").read_text() == "keep me"


def test_the_default_file_is_in_the_user_data_folder(corpus: Path) -> None:
    marks = Bookmarks.load()
    marks.toggle(corpus, "article", "a.txt", "A")
    assert marks.path == default_path() and default_path().is_file()
    assert os.environ["XDG_DATA_HOME"] in str(default_path())  # the private dir from conftest


REWRITER = """
import sys
from pathlib import Path
from tui.state.bookmarks import Bookmarks
marks = Bookmarks.load(Path(sys.argv[1]))
assert marks.problems == [], marks.problems
corpus, padding = sys.argv[2], "x" * 200_000  # big enough that a plain write is seen half done
n = len(marks.items(corpus))
while True:
    n += 1
    marks.toggle(corpus, "article", f"a{n}.txt", f"Article {n}")
    marks.set_note(corpus, "counter", f"{n}:{padding}")
    print(n, flush=True)
"""


def test_a_killed_writer_always_leaves_complete_bookmarks(path: Path, corpus: Path) -> None:
    rng = random.Random(3)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    counters: list[int] = []
    for _ in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", REWRITER, str(path), str(corpus)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 20)
        assert ready and proc.stdout.readline(), "the writer did not start"  # one step written
        time.sleep(rng.uniform(0.0, 0.1))  # a random moment among the rewrites
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        marks = Bookmarks.load(path)
        assert marks.problems == [], marks.problems  # a plain write fails here
        counter, _, padding = marks.note(corpus, "counter").partition(":")
        assert padding == "x" * 200_000
        keys = [mark.key for mark in marks.items(corpus)]
        # each step bookmarks article N, then notes N: killed between the two, N is one ahead
        assert keys in ([f"a{n}.txt" for n in range(1, int(counter) + extra)] for extra in (1, 2))
        counters.append(int(counter))
    assert all(a < b for a, b in itertools.pairwise(counters))  # every writer wrote
    assert {p.name for p in path.parent.iterdir()} <= {path.name, f"{path.name}-wal", f"{path.name}-shm"}
