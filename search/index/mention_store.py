"""Every article's first-pass entity mentions, kept beside the index (a data file, written atomically and
checked on load: see ``datafile``).

Entity linking across the corpus is a second pass over these, never over the text,
so a changed file only re-extracts its own articles.

Mentions are kept as plain tuples (``Row``): they load many times faster than
``Mention`` objects would, and become ``Mention`` objects only when linking needs them. An
update saves only what it changed, in a second file beside the whole (``CHANGES_NAME``),
folded into the whole when it grows; so an update does not read or write every
article's mentions, only linking reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from search.analysis.entities import Mention
from search.index.bulk import file_version, save_beside, without_gc
from search.index.datafile import DamagedFile, damage, dump, read

MENTIONS_NAME = "mentions.msgpack"
CHANGES_NAME = "mentions-changes.msgpack"
FORMAT = 4  # (3: zlib-compressed; 2 and before: pickles, never read)

Row = tuple[int, int, str, str, str, str, bool]  # a Mention's fields, in order
Changes = dict[str, list[Row] | None]  # article id -> its mentions, or None: the article is gone


def rows(mentions: Iterable[Mention]) -> list[Row]:
    return [(m.start, m.end, m.text, m.label, m.name, m.context, m.guessed) for m in mentions]


class MentionStore:
    """The mentions saved in ``folder``, read only when ``mentions`` is first asked for."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._rows: dict[str, list[Row]] | None = None
        self._pending: Changes = {}  # not saved yet
        self.damaged = ""  # why the saved mentions could not be used, if they could not

    @property
    def changed(self) -> bool:
        return bool(self._pending)

    def put(self, article_id: str, mentions: list[Row]) -> None:
        self._pending.pop(article_id, None)
        self._pending[article_id] = mentions
        if self._rows is not None:
            self._rows.pop(article_id, None)
            self._rows[article_id] = mentions

    def drop(self, article_id: str) -> None:
        self._pending.pop(article_id, None)
        self._pending[article_id] = None
        if self._rows is not None:
            self._rows.pop(article_id, None)

    def load(self) -> bool:
        """Read the saved mentions (once); False when they are missing or damaged (then: none)."""
        if self._rows is not None:
            return True
        try:
            whole = _read(self.folder / MENTIONS_NAME)
            changes = self._saved_changes()
        except DamagedFile as err:
            self.damaged = str(err)
            whole, changes = None, {}
        self._rows = dict(whole["rows"]) if whole is not None else {}
        _apply(self._rows, changes)
        _apply(self._rows, self._pending)
        return whole is not None

    def mentions(self) -> dict[str, list[Mention]]:
        """Every article's first-pass mentions, as ``Mention`` objects (for linking)."""
        self.load()
        assert self._rows is not None
        with without_gc():
            return {article_id: [Mention(*row) for row in found] for article_id, found in self._rows.items()}

    def rows(self) -> dict[str, list[Row]]:
        """Every article's first-pass mentions as saved (``Row``)."""
        self.load()
        assert self._rows is not None
        return self._rows

    def changes_since(self, source: str) -> Changes | None:
        """The articles that may have changed since the saved mentions were ``source`` (a
        ``saved_version``): those saved beside the whole, while the whole is still the one of
        ``source`` (None when it is not, or they cannot be read: any article may have changed)."""
        if not source or source.split("/")[0] != saved_version(self.folder, whole_only=True):
            return None
        try:
            return self._saved_changes() | self._pending
        except DamagedFile:
            return None

    def save(self) -> None:
        """Save what changed: beside the whole, or into a new whole when the changes grow big."""
        whole = self.folder / MENTIONS_NAME
        try:
            changes = self._saved_changes() | self._pending
            data = _dump({"base": saved_version(self.folder, whole_only=True), "rows": changes})
        except DamagedFile:  # (found by ``check``: every article is being analysed again)
            data = None
        save_beside(whole, self.folder / CHANGES_NAME, data, self._whole_data)
        self._pending = {}

    def _whole_data(self) -> bytes:
        self.load()
        return _dump({"rows": self._rows})

    def _saved_changes(self) -> Changes:
        """What earlier updates saved beside the whole (``DamagedFile``: the whole alone is not all)."""
        found = _read(self.folder / CHANGES_NAME)
        if found is None or found.get("base") != saved_version(self.folder, whole_only=True):
            return {}  # none, or made for a whole that has been replaced since (it holds them)
        return found["rows"]


def check(folder: Path) -> str:
    """Why the saved mentions are damaged; "" when they are sound (or missing)."""
    return damage(folder / MENTIONS_NAME, "mentions", FORMAT) or damage(
        folder / CHANGES_NAME, "mentions", FORMAT
    )


def saved_version(folder: Path, whole_only: bool = False) -> str:
    """Tells saved mentions apart (every save makes new files), "" when there are none: entity
    links made from them are kept under it."""
    whole = file_version(folder / MENTIONS_NAME)
    if whole_only or not whole:
        return whole
    return f"{whole}/{file_version(folder / CHANGES_NAME)}"


def _apply(found: dict[str, list[Row]], changes: Changes) -> None:
    for article_id, mentions in changes.items():
        found.pop(article_id, None)  # a changed article moves to the end, as it did when re-added
        if mentions is not None:
            found[article_id] = mentions


def _dump(data: dict[str, Any]) -> bytes:
    return dump("mentions", FORMAT, data, compress=True)


def _read(path: Path) -> dict[str, Any] | None:
    """A saved file's contents; None when it is missing, ``DamagedFile`` when it is bad."""
    with without_gc():
        data = read(path, "mentions", FORMAT)
    if data is not None and not (isinstance(data, dict) and isinstance(data.get("rows"), dict)):
        raise DamagedFile("mentions: not what brief-tui saves")
    return data
