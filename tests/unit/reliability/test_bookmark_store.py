"""Bookmarks and notes are never lost: concurrent sessions, the old JSON file, big stores, bad rows."""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from pathlib import Path

import pytest

from tests.unit.reliability.support import python
from tui.cli import command as cli
from tui.state.bookmarks import Bookmark, Bookmarks, BookmarksError

WRITER = """
import sys, time
from pathlib import Path
from tui.state.bookmarks import Bookmark, Bookmarks, BookmarksError
path, corpus, name, go = Path(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
marks = Bookmarks.load(path)
while time.time() < go:  # both writers start at the same moment
    time.sleep(0.001)
for n in range(100):
    marks.toggle(corpus, "article", f"{name}{n}.txt", f"{name} {n}")
    marks.set_note(corpus, f"{name}{n}.txt", f"note {n} by {name}")
print(len(marks.items(corpus)), flush=True)
"""


def test_two_processes_bookmarking_at_once_both_keep_their_rows(tmp_path: Path) -> None:
    path, corpus = tmp_path / "data" / "bookmarks.sqlite3", tmp_path
    go = str(time.time() + 1.5)
    procs = [
        python(
            WRITER.replace("sys.argv[1]", repr(str(path)))
            .replace("sys.argv[2]", repr(str(corpus)))
            .replace("sys.argv[3]", repr(name))
            .replace("sys.argv[4]", go)
        )
        for name in ("a", "b")
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    seen = [int(out) for out, _ in outputs]
    assert all(100 <= n <= 200 for n in seen) and max(seen) == 200  # the last to finish sees both
    marks = Bookmarks.load(path)
    keys = sorted(mark.key for mark in marks.items(corpus))
    assert keys == sorted(f"{name}{n}.txt" for name in "ab" for n in range(100))
    notes = marks.notes(corpus)
    assert len(notes) == 200 and notes["b42.txt"].text == "note 42 by b"


def _legacy(corpus: Path, state: object) -> bytes:
    mark = {
        "kind": "search",
        "key": "abe",
        "label": "Abe",
        "state": state,
        "created": "2026-01-01T00:00:00+00:00",
    }
    other = {"kind": "article", "key": "a.txt", "label": "A", "state": {}, "created": ""}
    notes = {"a.txt": {"text": "Old note.", "updated": "2026-01-01T00:00:00+00:00"}, "b.txt": {"text": 5}}
    data = {
        "version": 1,
        "corpora": {str(corpus.resolve()): {"bookmarks": [other, mark, "junk"], "notes": notes}},
    }
    return json.dumps(data).encode()


def test_the_old_json_file_is_imported_once_and_kept_as_it_is(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    data.mkdir()
    real = tmp_path / "elsewhere" / "my-bookmarks.json"  # the old file is a link to the user's own file
    real.parent.mkdir()
    content = _legacy(corpus, {"filters": 5, "cursor": "abc", "query": "abe"})
    real.write_bytes(content)
    (data / "bookmarks.json").symlink_to(real)
    marks = Bookmarks.load(data / "bookmarks.sqlite3")
    assert [(m.key, m.state) for m in marks.items(corpus)] == [("a.txt", {}), ("abe", {"query": "abe"})]
    assert marks.note(corpus, "a.txt") == "Old note." and list(marks.notes(corpus)) == ["a.txt"]
    problems = "\n".join(marks.problems)
    for reason in ("saved filters has the wrong type (int)", "saved cursor has the wrong type (str)"):
        assert reason in problems
    assert "a note's text is not text" in problems and "of unknown kind 'None'" in problems
    assert len(marks.problems) == 4 and "kept as a backup" in problems
    marks.remove(corpus, "article", "a.txt")
    marks.toggle(corpus, "topic", "trade", "Trade")
    assert (data / "bookmarks.json").is_symlink() and real.read_bytes() == content  # never written
    again = Bookmarks.load(data / "bookmarks.sqlite3")  # not imported a second time
    assert again.problems == [] and [m.key for m in again.items(corpus)] == ["abe", "trade"]


def test_a_damaged_old_file_is_reported_and_kept(tmp_path: Path) -> None:
    (tmp_path / "bookmarks.json").write_bytes(b'{"version": 1, "corp')
    marks = Bookmarks.load(tmp_path / "bookmarks.sqlite3")
    assert len(marks.problems) == 1 and "was not imported (not valid JSON" in marks.problems[0]
    assert (tmp_path / "bookmarks.json").read_bytes() == b'{"version": 1, "corp'


def test_rows_of_the_wrong_type_are_reported_and_dropped(tmp_path: Path) -> None:
    path, corpus = tmp_path / "bookmarks.sqlite3", tmp_path
    marks = Bookmarks.load(path)
    marks.toggle(corpus, "search", "good", "Good", {"filters": {"source": ["bbc"]}, "cursor": 3})
    with sqlite3.connect(path) as db:  # what a hand edit or another program could leave
        rows = [
            ("search", "filters", "F", '{"filters": 5, "cursor": "abc"}'),
            ("search", "notjson", "N", "{not json"),
            ("search", "list", "L", "[1, 2]"),
            ("search", "deep", "D", "[" * 100_000),
            ("folder", "kind", "K", "{}"),
            ("entity", b"seven", "Seven", "{}"),  # a blob: TEXT columns keep it as bytes
        ]
        for kind, key, label, state in rows:
            db.execute(
                "INSERT INTO bookmarks VALUES (?, ?, ?, ?, ?, ?)", (str(corpus), kind, key, label, state, "")
            )
        db.execute("INSERT INTO notes VALUES (?, ?, ?, ?)", (str(corpus), "x.txt", b"12", ""))
    again = Bookmarks.load(path)
    assert [(m.key, m.state) for m in again.items(corpus)] == [
        ("good", {"filters": {"source": ["bbc"]}, "cursor": 3}),
        ("filters", {}),
        ("notjson", {}),
        ("list", {}),
        ("deep", {}),
    ]
    assert again.notes(corpus) == {}
    problems = "\n".join(again.problems)
    assert (
        "saved filters has the wrong type (int)" in problems and "cursor has the wrong type (str)" in problems
    )
    assert "saved view is NoneType" in problems and "(2 times)" in problems  # not JSON, too deep
    assert "unknown kind 'folder'" in problems and "key or label is not text" in problems
    again.items(corpus)
    assert len(again.problems) == len(set(again.problems)) == 7  # each said once, however often read


def test_a_big_store_writes_one_row_per_change(tmp_path: Path) -> None:
    path, corpus = tmp_path / "bookmarks.sqlite3", tmp_path
    Bookmarks.load(path).close()
    with sqlite3.connect(path) as db:  # 100k bookmarks with notes of 500 characters: about 60 MB
        db.executemany(
            "INSERT INTO bookmarks VALUES (?, 'article', ?, ?, '{}', '')",
            ((str(corpus), f"a{n}.txt", f"Article {n}") for n in range(100_000)),
        )
        db.executemany(
            "INSERT INTO notes VALUES (?, ?, ?, '')",
            ((str(corpus), f"a{n}.txt", "x" * 500) for n in range(100_000)),
        )
    marks = Bookmarks.load(path)
    times = []
    for n in range(5):
        start = time.perf_counter()
        marks.toggle(corpus, "entity", f"e{n}", f"E{n}")
        marks.set_note(corpus, f"a{n}.txt", f"changed {n}")
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.5, times  # a whole-file rewrite took about 5 s
    assert Bookmarks.load(path).note(corpus, "a3.txt") == "changed 3"


def test_unsaved_changes_are_told_on_quit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "bookmarks.sqlite3"
    blocked.mkdir()  # cannot be opened as a database, for root too
    marks = Bookmarks.load(blocked)
    with pytest.raises(Exception, match="not saved"):
        marks.toggle(tmp_path, "article", "a.txt", "A")
    assert cli.tell_unsaved(marks) == 1
    err = capsys.readouterr().err
    assert "1 bookmark change(s) were not saved" in err and "bookmark: article a.txt" in err
    assert cli.tell_unsaved(Bookmarks.load(tmp_path / "fine.sqlite3")) == 0
    assert capsys.readouterr().err == ""


def test_a_full_database_keeps_the_change_until_there_is_room(tmp_path: Path) -> None:
    path, corpus = tmp_path / "bookmarks.sqlite3", tmp_path
    marks = Bookmarks.load(path)
    marks.toggle(corpus, "article", "a.txt", "A")
    assert marks._db is not None
    pages = marks._db.execute("PRAGMA page_count").fetchone()[0]
    marks._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
    with pytest.raises(BookmarksError, match="full"):
        marks.set_note(corpus, "a.txt", "x" * 100_000)
    with pytest.raises(BookmarksError, match="full"):
        marks.toggle(corpus, "topic", "trade", "Trade")
    assert marks.note(corpus, "a.txt") == "x" * 100_000 and marks.is_bookmarked(corpus, "topic", "trade")
    assert Bookmarks.load(path).items(corpus) == [Bookmark("article", "a.txt", "A")]  # the disk: as it was
    marks._db.execute("PRAGMA max_page_count = 1000000")  # room again: the next change saves all
    marks.toggle(corpus, "entity", "abe", "Abe")
    assert marks.unsaved() == []
    again = Bookmarks.load(path)
    assert [m.key for m in again.items(corpus)] == ["a.txt", "trade", "abe"]
    assert again.note(corpus, "a.txt") == "x" * 100_000
