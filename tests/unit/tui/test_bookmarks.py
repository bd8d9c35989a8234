from __future__ import annotations

import errno
import itertools
import json
import os
import random
import select
import signal
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
    return tmp_path / "data" / "bookmarks.json"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    return root


def test_toggling_persists_across_reloads(path: Path, corpus: Path) -> None:
    marks = Bookmarks.load(path)
    assert marks.problems == [] and marks.items(corpus) == []
    assert marks.toggle(corpus, "article", "a.txt", "Summit")
    assert marks.toggle(corpus, "search", "tariff*", "Tariffs", {"source": "reuters"})
    assert marks.toggle(corpus, "entity", "kishida", "Kishida")
    assert not marks.toggle(corpus, "entity", "kishida", "Kishida")  # the second toggle removes it
    again = Bookmarks.load(path)
    assert again.problems == []
    assert again.items(corpus) == [
        Bookmark("article", "a.txt", "Summit"),
        Bookmark("search", "tariff*", "Tariffs"),
    ]
    search = again.items(corpus, kind="search")
    assert [m.key for m in search] == ["tariff*"] and search[0].state == {"source": "reuters"}
    created = datetime.fromisoformat(search[0].created)
    assert created.tzinfo is not None and created.utcoffset() == UTC.utcoffset(None)
    assert abs((datetime.now(UTC) - created).total_seconds()) < 60
    assert again.is_bookmarked(corpus, "article", "a.txt")
    assert not again.is_bookmarked(corpus, "entity", "kishida")
    assert json.loads(path.read_text())["version"] == 1


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
    assert list(json.loads(path.read_text())["corpora"]) == [str(first.resolve())]


def test_remove(path: Path, corpus: Path) -> None:
    marks = Bookmarks.load(path)
    marks.toggle(corpus, "topic", "energy", "Energy")
    assert marks.remove(corpus, "topic", "energy")
    assert not marks.remove(corpus, "topic", "energy")
    assert Bookmarks.load(path).items(corpus) == []


def test_a_bookmark_keeps_a_copy_of_its_state(path: Path, corpus: Path) -> None:
    state = {"filters": ["reuters"]}
    marks = Bookmarks.load(path)
    marks.toggle(corpus, "search", "abe", "Abe", state)
    state["filters"].append("bbc")
    assert marks.items(corpus)[0].state == {"filters": ["reuters"]}


def test_bad_arguments_change_nothing(path: Path, corpus: Path) -> None:
    marks = Bookmarks.load(path)
    with pytest.raises(ValueError, match="kind"):
        marks.toggle(corpus, "folder", "x", "X")
    with pytest.raises(TypeError):
        marks.toggle(corpus, "search", "abe", "Abe", {"when": datetime.now(UTC)})
    assert marks.items(corpus) == [] and not path.exists()


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
    writes: list[Path] = []
    monkeypatch.setattr(bookmarks_module, "write_atomic", lambda p, data: writes.append(p))
    marks.set_note(corpus, "a.txt", "Same.")
    marks.set_note(corpus, "b.txt", "")
    assert writes == []
    marks.set_note(corpus, "a.txt", "Changed.")
    assert writes == [path]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"version": 1, "corpora": {', "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
        (b"[" * 100_000, "not valid JSON"),
        (b"[]", "not a JSON object"),
        (b'{"version": 99, "corpora": {}}', "unknown format version 99"),
        (b'{"version": 1}', "no 'corpora' object"),
        (b'{"version": 1, "corpora": {"/c": {"bookmarks": {}, "notes": {}}}}', "incomplete"),
        (
            b'{"version": 1, "corpora": {"/c": {"bookmarks": [{"kind": "article", "key": 3, '
            b'"label": "", "state": {}, "created": ""}], "notes": {}}}}',
            "not a string",
        ),
        (b'{"version": 1, "corpora": {"/c": {"bookmarks": [], "notes": {"a": {"text": 1}}}}}', "note"),
    ],
    ids=["cut", "utf-16", "deep", "list", "version", "no-corpora", "no-list", "key", "note"],
)
def test_a_damaged_file_is_moved_aside_and_reported(
    path: Path, corpus: Path, content: bytes, reason: str
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    marks = Bookmarks.load(path)
    assert marks.items(corpus) == [] and len(marks.problems) == 1
    assert str(path) in marks.problems[0] and reason in marks.problems[0]
    [aside] = [p for p in path.parent.iterdir() if p.name.startswith("bookmarks.json.damaged-")]
    assert aside.name in marks.problems[0] and aside.read_bytes() == content
    marks.toggle(corpus, "article", "a.txt", "A")  # a new file; the damaged one is kept
    assert aside.read_bytes() == content and Bookmarks.load(path).is_bookmarked(corpus, "article", "a.txt")


def test_damaged_files_never_replace_each_other(path: Path) -> None:
    path.parent.mkdir(parents=True)
    for n in range(3):
        path.write_text(f"broken {n}")
        assert len(Bookmarks.load(path).problems) == 1
    kept = sorted(p.read_text() for p in path.parent.iterdir())
    assert kept == ["broken 0", "broken 1", "broken 2"]


def test_a_failed_write_raises_keeps_the_old_file_and_the_change_in_memory(
    path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marks = Bookmarks.load(path)
    marks.toggle(corpus, "article", "a.txt", "A")
    before = path.read_bytes()

    def disk_full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(bookmarks_module, "write_atomic", disk_full)
    with pytest.raises(BookmarksError, match="No space left on device") as caught:
        marks.toggle(corpus, "article", "b.txt", "B")
    assert str(path) in str(caught.value)
    with pytest.raises(BookmarksError):
        marks.set_note(corpus, "a.txt", "A note.")
    assert path.read_bytes() == before
    assert marks.is_bookmarked(corpus, "article", "b.txt") and marks.note(corpus, "a.txt") == "A note."
    monkeypatch.undo()
    marks.save()  # once the disk has room again, nothing was lost
    again = Bookmarks.load(path)
    assert [m.key for m in again.items(corpus)] == ["a.txt", "b.txt"]
    assert again.note(corpus, "a.txt") == "A note."


def test_a_file_that_cannot_be_read_is_never_overwritten(path: Path, corpus: Path) -> None:
    path.mkdir(parents=True)  # reading a directory fails, for root too
    (path / "inside").write_text("keep me")
    marks = Bookmarks.load(path)
    assert len(marks.problems) == 1 and "could not read" in marks.problems[0]
    with pytest.raises(BookmarksError, match="not saved"):
        marks.toggle(corpus, "article", "a.txt", "A")
    assert marks.is_bookmarked(corpus, "article", "a.txt")
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
    assert [p.name for p in path.parent.iterdir() if not p.name.startswith(".")] == [path.name]
