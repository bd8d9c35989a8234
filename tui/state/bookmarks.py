"""Bookmarks and notes, per corpus, in one JSON file in the user data folder.

Every change is written at once with ``write_atomic``: a crash or a full disk leaves the old file
or the new one, never half of one. A file that cannot be read as bookmarks is moved aside (never
overwritten) and reported in ``problems``; the session then starts with no bookmarks."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from search.atomic import write_atomic
from search.paths import data_dir

FILE_NAME = "bookmarks.json"
FORMAT_VERSION = 1
KINDS = ("article", "entity", "search", "topic")


class BookmarksError(Exception):
    """The bookmarks could not be saved. The change is kept in memory; ``save`` tries again."""


class _Damaged(ValueError):
    """The file is not bookmarks: the reason."""


@dataclass(frozen=True)
class Bookmark:
    kind: str  # one of KINDS
    key: str  # article id, entity id, query text, topic id
    label: str  # what a list of bookmarks shows
    state: dict[str, Any] = field(default_factory=dict, compare=False)  # e.g. a search's filters
    created: str = field(default="", compare=False)  # ISO 8601, UTC


@dataclass(frozen=True)
class Note:
    text: str
    updated: str  # ISO 8601, UTC


def default_path() -> Path:
    return data_dir() / FILE_NAME


def corpus_key(corpus: Path | str) -> str:
    """How a corpus is named in the file: its absolute path, links resolved (as the index does)."""
    return str(Path(corpus).resolve())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Bookmarks:
    """All corpora's bookmarks and notes. Each method takes the corpus (its folder or file) first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []  # what the UI should tell the user about the file
        self._bookmarks: dict[str, dict[tuple[str, str], Bookmark]] = {}
        self._notes: dict[str, dict[str, Note]] = {}
        self._refusal = ""  # why saving would destroy what the file holds; "" when it would not

    @classmethod
    def load(cls, path: Path | None = None) -> Bookmarks:
        """The bookmarks in ``path`` (default: the user data folder's ``bookmarks.json``)."""
        store = cls(path or default_path())
        try:
            raw = store.path.read_bytes()
        except FileNotFoundError:
            return store
        except OSError as err:
            store._refuse(f"could not read {store.path}: {err.strerror or err}")
            return store
        try:
            store._bookmarks, store._notes = _parse(raw)
        except _Damaged as err:
            store._set_aside(str(err))
        return store

    def toggle(
        self, corpus: Path | str, kind: str, key: str, label: str, state: dict[str, Any] | None = None
    ) -> bool:
        """Bookmark (kind, key), or remove its bookmark; returns whether it is now bookmarked.

        Raises ValueError for an unknown kind, TypeError for a ``state`` JSON cannot hold (nothing
        changes then) and BookmarksError when the change could not be saved (it is kept in memory)."""
        if kind not in KINDS:
            raise ValueError(f"unknown bookmark kind {kind!r}")
        copied = json.loads(json.dumps(state or {}))
        marks = self._bookmarks.setdefault(corpus_key(corpus), {})
        if marks.pop((kind, key), None) is None:
            marks[(kind, key)] = Bookmark(kind, key, label, copied, _now())
        self.save()
        return (kind, key) in marks

    def is_bookmarked(self, corpus: Path | str, kind: str, key: str) -> bool:
        return (kind, key) in self._bookmarks.get(corpus_key(corpus), {})

    def remove(self, corpus: Path | str, kind: str, key: str) -> bool:
        """Remove a bookmark; returns whether there was one."""
        if self._bookmarks.get(corpus_key(corpus), {}).pop((kind, key), None) is None:
            return False
        self.save()
        return True

    def items(self, corpus: Path | str, kind: str | None = None) -> list[Bookmark]:
        """The corpus's bookmarks (of one kind if given), oldest first."""
        marks = self._bookmarks.get(corpus_key(corpus), {}).values()
        return [mark for mark in marks if kind is None or mark.kind == kind]

    def note(self, corpus: Path | str, article_id: str) -> str:
        found = self._notes.get(corpus_key(corpus), {}).get(article_id)
        return found.text if found else ""

    def notes(self, corpus: Path | str) -> dict[str, Note]:
        """The corpus's notes by article id."""
        return dict(self._notes.get(corpus_key(corpus), {}))

    def set_note(self, corpus: Path | str, article_id: str, text: str) -> None:
        """Attach ``text`` to an article; blank text deletes its note. Saves if anything changed."""
        notes = self._notes.setdefault(corpus_key(corpus), {})
        if text.strip():
            if article_id in notes and notes[article_id].text == text:
                return
            notes[article_id] = Note(text, _now())
        elif notes.pop(article_id, None) is None:
            return
        self.save()

    def save(self) -> None:
        """Write everything to the file atomically; raises BookmarksError when that fails."""
        if self._refusal:
            raise BookmarksError(f"bookmarks not saved: {self._refusal}")
        data = json.dumps(self._to_json(), indent=1).encode()
        try:
            write_atomic(self.path, data)
        except OSError as err:
            raise BookmarksError(f"could not save bookmarks to {self.path}: {err.strerror or err}") from err

    def _to_json(self) -> dict[str, Any]:
        corpora: dict[str, Any] = {}
        for corpus in sorted(self._bookmarks.keys() | self._notes.keys()):
            marks = self._bookmarks.get(corpus, {})
            notes = self._notes.get(corpus, {})
            if marks or notes:
                corpora[corpus] = {
                    "bookmarks": [asdict(mark) for mark in marks.values()],
                    "notes": {article_id: asdict(note) for article_id, note in notes.items()},
                }
        return {"version": FORMAT_VERSION, "corpora": corpora}

    def _refuse(self, reason: str) -> None:
        self._refusal = reason
        self.problems.append(f"{reason}; bookmark changes will not be saved this session")

    def _set_aside(self, why: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = base = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        count = 1
        while aside.exists():
            count += 1
            aside = base.with_name(f"{base.name}-{count}")
        try:
            self.path.rename(aside)
        except OSError as err:
            self._refuse(f"{self.path} is damaged ({why}) and could not be moved aside: {err.strerror}")
            return
        self.problems.append(
            f"{self.path} was damaged ({why}); it was moved to {aside.name} and bookmarks start empty"
        )


def _check(ok: bool, why: str) -> None:
    if not ok:
        raise _Damaged(why)


def _parse(raw: bytes) -> tuple[dict[str, dict[tuple[str, str], Bookmark]], dict[str, dict[str, Note]]]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as err:  # ValueError covers bad UTF-8 and bad JSON
        raise _Damaged(f"not valid JSON: {err}") from err
    _check(isinstance(data, dict), "not a JSON object")
    _check(data.get("version") == FORMAT_VERSION, f"unknown format version {data.get('version')!r}")
    corpora = data.get("corpora")
    _check(isinstance(corpora, dict), "no 'corpora' object")
    bookmarks: dict[str, dict[tuple[str, str], Bookmark]] = {}
    notes: dict[str, dict[str, Note]] = {}
    for corpus, entry in corpora.items():
        _check(isinstance(entry, dict), f"corpus {corpus} is not an object")
        marks, texts = entry.get("bookmarks"), entry.get("notes")
        _check(isinstance(marks, list) and isinstance(texts, dict), f"corpus {corpus} is incomplete")
        bookmarks[corpus] = {(mark.kind, mark.key): mark for mark in map(_bookmark, marks)}
        notes[corpus] = {article_id: _note(note) for article_id, note in texts.items()}
    return bookmarks, notes


def _bookmark(item: object) -> Bookmark:
    if not isinstance(item, dict):
        raise _Damaged("a bookmark is not an object")
    kind, key, label = item.get("kind"), item.get("key"), item.get("label")
    state, created = item.get("state"), item.get("created")
    if kind not in KINDS:
        raise _Damaged(f"unknown bookmark kind {kind!r}")
    if not (isinstance(key, str) and isinstance(label, str) and isinstance(created, str)):
        raise _Damaged("a bookmark's key, label or created is not a string")
    if not isinstance(state, dict):
        raise _Damaged("a bookmark's state is not an object")
    return Bookmark(kind, key, label, state, created)


def _note(item: object) -> Note:
    if not isinstance(item, dict):
        raise _Damaged("a note is not an object")
    text, updated = item.get("text"), item.get("updated")
    if not (isinstance(text, str) and isinstance(updated, str)):
        raise _Damaged("a note's text or updated is not a string")
    return Note(text, updated)
