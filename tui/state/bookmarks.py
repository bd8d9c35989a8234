"""Bookmarks and notes, per corpus, in an SQLite database in the user data folder.

One row per bookmark and per note, written in its own transaction (WAL mode): two brief-tui
sessions bookmarking at once both keep their rows, and a change writes one row, however many
there are. Reads go to the database, so another session's bookmarks show up too.

A change that cannot be written (disk full, a read-only folder) is kept in memory, raises
``BookmarksError`` and is tried again with the next change or ``save``; ``unsaved`` says what is
still only in memory, so the user can be told on quit at the latest.

The old ``bookmarks.json`` beside the database is imported once and left as it is, as a backup.
A database file that is not one is moved aside (never overwritten) and reported in ``problems``."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from search.paths import data_dir
from tui.state.bookmark_rows import KINDS, Bookmark, Note, Problems, bookmark_from, note_from, parse_legacy

__all__ = ["KINDS", "Bookmark", "Bookmarks", "BookmarksError", "Note", "corpus_key", "default_path"]

FILE_NAME = "bookmarks.sqlite3"
LEGACY_NAME = "bookmarks.json"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS bookmarks (corpus TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
    label TEXT NOT NULL, state TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (corpus, kind, key));
CREATE TABLE IF NOT EXISTS notes (corpus TEXT NOT NULL, article TEXT NOT NULL, text TEXT NOT NULL,
    updated TEXT NOT NULL, PRIMARY KEY (corpus, article));
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# A change not written yet: (table, corpus, key, row); row None deletes. key is (kind, key) or article.
_Change = tuple[str, str, Any, Bookmark | Note | None]


class BookmarksError(Exception):
    """The change could not be saved. It is kept in memory; the next change or ``save`` tries again."""


def default_path() -> Path:
    return data_dir() / FILE_NAME


def corpus_key(corpus: Path | str) -> str:
    """How a corpus is named in the store: its absolute path, links resolved (as the index does)."""
    return str(Path(corpus).resolve())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Bookmarks:
    """All corpora's bookmarks and notes. Each method takes the corpus (its folder or file) first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []  # what the UI should tell the user about the store
        self._db: sqlite3.Connection | None = None
        self._why_not = ""  # why the database cannot be used; "" when it can
        self._pending: list[_Change] = []
        self._lock = threading.Lock()
        self._reported: set[str] = set()
        self.on_problem: Callable[[str], None] | None = None  # told of each problem found later

    @classmethod
    def load(cls, path: Path | None = None) -> Bookmarks:
        """The bookmarks in ``path`` (default: the user data folder's ``bookmarks.sqlite3``)."""
        store = cls(path or default_path())
        store._open()
        return store

    # -- reading ---------------------------------------------------------------------------

    def items(self, corpus: Path | str, kind: str | None = None) -> list[Bookmark]:
        """The corpus's bookmarks (of one kind if given), oldest first."""
        return self._marks(corpus_key(corpus), kind)

    def is_bookmarked(self, corpus: Path | str, kind: str, key: str) -> bool:
        return bool(self._marks(corpus_key(corpus), kind, key))

    def notes(self, corpus: Path | str) -> dict[str, Note]:
        """The corpus's notes by article id."""
        return self._notes(corpus_key(corpus))

    def note(self, corpus: Path | str, article_id: str) -> str:
        found = self._notes(corpus_key(corpus), article_id).get(article_id)
        return found.text if found else ""

    def unsaved(self) -> list[str]:
        """The changes that are only in memory, one line each (empty when everything is saved)."""
        lines = []
        for table, _, key, row in self._pending:
            if table == "bookmarks":
                lines.append(f"{'bookmark' if row else 'removed bookmark'}: {key[0]} {key[1]}")
            else:
                lines.append(f"{'note' if row else 'deleted note'} on {key}")
        return lines

    # -- changing --------------------------------------------------------------------------

    def toggle(
        self, corpus: Path | str, kind: str, key: str, label: str, state: dict[str, Any] | None = None
    ) -> bool:
        """Bookmark (kind, key), or remove its bookmark; returns whether it is now bookmarked.

        Raises ValueError for an unknown kind, TypeError for a ``state`` JSON cannot hold (nothing
        changes then) and BookmarksError when the change could not be saved (it is kept in memory)."""
        if kind not in KINDS:
            raise ValueError(f"unknown bookmark kind {kind!r}")
        copied = json.loads(json.dumps(state or {}))
        name = corpus_key(corpus)
        marked = not self.is_bookmarked(name, kind, key)
        row = Bookmark(kind, key, label, copied, _now()) if marked else None
        self._change(("bookmarks", name, (kind, key), row))
        return marked

    def remove(self, corpus: Path | str, kind: str, key: str) -> bool:
        """Remove a bookmark; returns whether there was one."""
        name = corpus_key(corpus)
        if not self.is_bookmarked(name, kind, key):
            return False
        self._change(("bookmarks", name, (kind, key), None))
        return True

    def set_note(self, corpus: Path | str, article_id: str, text: str) -> None:
        """Attach ``text`` to an article; blank text deletes its note. Saves if anything changed."""
        name = corpus_key(corpus)
        old = self._notes(name, article_id).get(article_id)
        if text.strip():
            if old is not None and old.text == text:
                return
            self._change(("notes", name, article_id, Note(text, _now())))
        elif old is not None:
            self._change(("notes", name, article_id, None))

    def save(self) -> None:
        """Write the changes kept in memory; raises BookmarksError when that fails."""
        with self._lock:
            if not self._pending:
                return
            if self._db is None:
                self._connect()
            if self._db is None:
                raise BookmarksError(f"bookmarks not saved: {self._why_not}")
            try:
                with _transaction(self._db):
                    for change in self._pending:
                        _write(self._db, change)
            except (sqlite3.Error, OSError) as err:
                raise BookmarksError(f"could not save bookmarks to {self.path}: {_reason(err)}") from err
            self._pending.clear()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- the database ------------------------------------------------------------------------

    def _change(self, change: _Change) -> None:
        with self._lock:
            self._pending = [c for c in self._pending if c[:3] != change[:3]] + [change]
        self.save()

    def _marks(self, name: str, kind: str | None = None, key: str | None = None) -> list[Bookmark]:
        sql, args = "SELECT kind, key, label, state, created FROM bookmarks WHERE corpus = ?", [name]
        for column, value in (("kind", kind), ("key", key)):
            if value is not None:
                sql, args = f"{sql} AND {column} = ?", [*args, value]
        problems = Problems()
        rows = self._query(sql + " ORDER BY rowid", tuple(args))
        marks = {(m.kind, m.key): m for m in (bookmark_from(*row, problems) for row in rows) if m}
        self._report(problems)
        for table, changed, found, row in self._pending:
            if table == "bookmarks" and changed == name and (key is None or found == (kind, key)):
                marks.pop(found, None)
                if isinstance(row, Bookmark):
                    marks[found] = row
        return [mark for mark in marks.values() if kind is None or mark.kind == kind]

    def _notes(self, name: str, article_id: str | None = None) -> dict[str, Note]:
        sql, args = "SELECT article, text, updated FROM notes WHERE corpus = ?", (name,)
        if article_id is not None:
            sql, args = sql + " AND article = ?", (name, article_id)
        problems = Problems()
        notes = {}
        for article, text, updated in self._query(sql + " ORDER BY rowid", args):
            note = note_from(text, updated, problems)
            if note is not None and isinstance(article, str):
                notes[article] = note
        self._report(problems)
        for table, changed, key, row in self._pending:
            if table == "notes" and changed == name and article_id in (None, key):
                notes.pop(key, None)
                if isinstance(row, Note):
                    notes[key] = row
        return notes

    def _query(self, sql: str, args: tuple[str, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            if self._db is None:
                return []
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as err:
                self._tell(f"could not read bookmarks from {self.path}: {_reason(err)}")
                return []

    def _open(self) -> None:
        with self._lock:
            self._connect()
            if self._db is None:
                self._tell(f"{self._why_not}; bookmark changes are kept until they can be saved")

    def _connect(self) -> None:
        """Open (or create) the database, set it aside if it is not one, import the old file once."""
        try:
            self._db = _connect(self.path)
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError) or not self.path.is_file():
                self._why_not = f"could not open {self.path}: {_reason(err)}"
                return
            try:
                aside = _set_aside(self.path)
                self._db = _connect(self.path)
            except (sqlite3.Error, OSError) as again:
                self._why_not = f"{self.path} is damaged ({err}) and could not be replaced: {_reason(again)}"
                return
            self.problems.append(f"{self.path} was damaged ({err}); it was moved to {aside.name}")
        except OSError as err:
            self._why_not = f"could not open {self.path}: {_reason(err)}"
            return
        self._why_not = ""
        self._import_legacy()

    def _import_legacy(self) -> None:
        legacy = self.path.with_name(LEGACY_NAME)
        assert self._db is not None
        try:
            with _transaction(self._db):
                done = self._db.execute("SELECT value FROM meta WHERE name = 'imported'").fetchone()
                if done is not None or not legacy.is_file():
                    return
                self._db.execute("INSERT INTO meta VALUES ('imported', ?)", (_now(),))
                problems = Problems()
                try:
                    found = parse_legacy(legacy.read_bytes(), problems)
                except (OSError, ValueError) as err:
                    self.problems.append(f"{legacy} was not imported ({_reason(err)}); it is kept as it is")
                    return
                for corpus, (marks, notes) in found.items():
                    for mark in marks:
                        _write(self._db, ("bookmarks", corpus, (mark.kind, mark.key), mark), replace=False)
                    for article_id, note in notes.items():
                        _write(self._db, ("notes", corpus, article_id, note), replace=False)
                self.problems.extend(problems.lines(f"{legacy} (imported, kept as a backup)"))
        except sqlite3.Error as err:
            self.problems.append(f"{legacy} was not imported: {_reason(err)}")

    def _report(self, problems: Problems) -> None:
        for line in problems.lines(str(self.path)):
            self._tell(line)

    def _tell(self, line: str) -> None:
        if line not in self._reported:
            self._reported.add(line)
            self.problems.append(line)
            if self.on_problem is not None:
                self.on_problem(line)


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            if kind is None:
                self.db.execute("COMMIT")  # may fail too: a full disk, a busy database
        finally:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.executescript(_SCHEMA)
    except BaseException:
        db.close()
        raise
    return db


def _write(db: sqlite3.Connection, change: _Change, replace: bool = True) -> None:
    table, corpus, key, row = change
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    if isinstance(row, Bookmark):
        db.execute(
            f"{verb} INTO bookmarks VALUES (?, ?, ?, ?, ?, ?)",
            (corpus, row.kind, row.key, row.label, json.dumps(row.state), row.created),
        )
    elif isinstance(row, Note):
        db.execute(f"{verb} INTO notes VALUES (?, ?, ?, ?)", (corpus, key, row.text, row.updated))
    elif table == "bookmarks":
        db.execute("DELETE FROM bookmarks WHERE corpus = ? AND kind = ? AND key = ?", (corpus, *key))
    else:
        db.execute("DELETE FROM notes WHERE corpus = ? AND article = ?", (corpus, key))


def _set_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = base = path.with_name(f"{path.name}.damaged-{stamp}")
    count = 1
    while aside.exists():
        count += 1
        aside = base.with_name(f"{base.name}-{count}")
    path.rename(aside)
    return aside


def _reason(err: BaseException) -> str:
    return (err.strerror if isinstance(err, OSError) else None) or str(err)
