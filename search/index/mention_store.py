"""Every article's first-pass entity mentions, kept beside the index (a data file, written atomically and
checked on load: see ``datafile``).

Entity linking across the corpus is a second pass over these, never over the text,
so a changed file only re-extracts its own articles.

Each article's mentions are kept packed (``corpus_linker.pack``: MessagePack of plain tuples,
``Row``), as the corpus linker keeps them: they load many times faster than ``Mention`` objects
would, and are unpacked only when linking needs them. The entity links keep only how the
mentions they were linked from differ from the whole saved here (``whole``), not a second copy
of every article's. An update saves only what it changed, in a second file beside the whole
(``CHANGES_NAME``), folded into the whole when it grows; so an update does not read or write
every article's mentions, only linking reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgpack

from search.analysis.entities import Mention
from search.analysis.entities.corpus_linker import unpack
from search.index.bulk import file_version, save_beside, stamped, without_gc
from search.index.datafile import FAST, DamagedFile, damage, dump, load, read

MENTIONS_NAME = "mentions.msgpack"
CHANGES_NAME = "mentions-changes.msgpack"
FORMAT = 4  # (3: rows, zlib-compressed; 2 and before: pickles, never read)

Row = tuple[int, int, str, str, str, str, bool]  # a Mention's fields, in order
Changes = dict[str, list[Row] | None]  # article id -> its mentions, or None: the article is gone
# Changes to this many articles are kept beside the whole, whatever their size: entity links
# saved against the whole are updated from it, and a new whole means linking anew (as more
# changed articles than ``search.library.entities.MAX_UPDATE`` does anyway).
FOLD_ARTICLES = 1000
_Packed = dict[str, bytes | None]  # article id -> its mentions packed, or None: the article is gone


class MentionStore:
    """The mentions saved in ``folder``, read only when ``mentions`` is first asked for."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._blobs: dict[str, bytes] | None = None
        self._pending: _Packed = {}  # not saved yet
        self.damaged = ""  # why the saved mentions could not be used, if they could not

    @property
    def changed(self) -> bool:
        return bool(self._pending)

    def put(self, article_id: str, mentions: bytes) -> None:
        """An article's first-pass mentions, packed (``corpus_linker.pack``)."""
        self._pending.pop(article_id, None)
        self._pending[article_id] = mentions
        if self._blobs is not None:
            self._blobs.pop(article_id, None)
            self._blobs[article_id] = mentions

    def drop(self, article_id: str) -> None:
        self._pending.pop(article_id, None)
        self._pending[article_id] = None
        if self._blobs is not None:
            self._blobs.pop(article_id, None)

    def load(self) -> bool:
        """Read the saved mentions (once); False when they are missing or damaged (then: none)."""
        if self._blobs is not None:
            return True
        try:
            whole = _read(self.folder / MENTIONS_NAME)
            changes = self._saved_changes()
        except DamagedFile as err:
            self.damaged = str(err)
            whole, changes = None, {}
        self._blobs = _articles(whole) if whole is not None else {}
        _apply(self._blobs, changes)
        _apply(self._blobs, self._pending)
        return whole is not None

    def mentions(self) -> dict[str, list[Mention]]:
        """Every article's first-pass mentions, as ``Mention`` objects (for linking)."""
        self.load()
        assert self._blobs is not None
        with without_gc():
            return {article_id: unpack(blob) for article_id, blob in self._blobs.items()}

    def rows(self) -> dict[str, list[Row]]:
        """Every article's first-pass mentions (``Row``)."""
        self.load()
        assert self._blobs is not None
        with without_gc():
            return {article_id: _rows(blob) for article_id, blob in self._blobs.items()}

    def changes_since(self, source: str, linked: Mapping[str, bytes] | None = None) -> Changes | None:
        """The articles that may have changed since the saved mentions were ``source`` (a
        ``saved_version``): those saved beside the whole, while the whole is still the one of
        ``source`` (None when it is not, or they cannot be read: any article may have changed),
        less those whose mentions are as in ``linked`` (packed, by article: what was linked)."""
        if not source or source.split("/")[0] != saved_version(self.folder, whole_only=True):
            return None
        try:
            found = self._saved_changes() | self._pending
        except DamagedFile:
            return None
        linked = linked or {}
        return {
            article_id: None if blob is None else _rows(blob)
            for article_id, blob in found.items()
            if linked.get(article_id) != blob
        }

    def save(self) -> None:
        """Save what changed: beside the whole, or into a new whole when the changes grow big
        (over ``FOLD_ARTICLES`` articles, and a share of the whole: see ``save_beside``)."""
        whole = self.folder / MENTIONS_NAME
        try:
            changes = self._saved_changes() | self._pending
            data = _dump({"base": saved_version(self.folder, whole_only=True), "rows": changes})
        except DamagedFile:  # (found by ``check``: every article is being analysed again)
            changes, data = {}, None
        keep = len(changes) <= FOLD_ARTICLES and not damage(whole, "mentions", FORMAT)
        save_beside(whole, self.folder / CHANGES_NAME, data, self._whole_data, keep)
        self._pending = {}

    def _whole_data(self) -> bytes:
        self.load()
        assert self._blobs is not None
        return _dump({"rows": [list(self._blobs), list(self._blobs.values())]})

    def _saved_changes(self) -> _Packed:
        """What earlier updates saved beside the whole (``DamagedFile``: the whole alone is not all)."""
        found = _read(self.folder / CHANGES_NAME)
        if found is None or found.get("base") != saved_version(self.folder, whole_only=True):
            return {}  # none, or made for a whole that has been replaced since (it holds them)
        if not isinstance(found["rows"], dict):
            raise DamagedFile("mentions: not what brief-tui saves")
        return found["rows"]


def whole(folder: Path, version: str) -> dict[str, bytes] | None:
    """Each article's packed mentions in the saved whole, if it is the one of ``version`` (a
    ``saved_version(..., whole_only=True)``); None when it is not (or missing); ``DamagedFile``."""
    path = folder / MENTIONS_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise DamagedFile(f"mentions: cannot be read ({err.strerror or err})") from None
    if not version or file_version(path) != version:  # (replaced since, or as it was read)
        return None
    with without_gc():
        data = load(raw, "mentions", FORMAT)
    return _articles(_checked(data))


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


def _apply(found: dict[str, bytes], changes: _Packed) -> None:
    for article_id, mentions in changes.items():
        found.pop(article_id, None)  # a changed article moves to the end, as it did when re-added
        if mentions is not None:
            found[article_id] = mentions


def _rows(blob: bytes) -> list[Row]:
    return [tuple(row) for row in msgpack.unpackb(blob)]  # type: ignore[misc]


def _articles(data: dict[str, Any]) -> dict[str, bytes]:
    """The whole's articles and their packed mentions (``DamagedFile``: not what was saved)."""
    try:
        return dict(zip(*data["rows"], strict=True))
    except (TypeError, ValueError):
        raise DamagedFile("mentions: not what brief-tui saves") from None


def _dump(data: dict[str, Any]) -> bytes:
    return dump("mentions", FORMAT, stamped(data), level=FAST)


def _checked(data: Any) -> dict[str, Any]:
    if not (isinstance(data, dict) and isinstance(data.get("rows"), (dict, list, tuple))):
        raise DamagedFile("mentions: not what brief-tui saves")
    return data


def _read(path: Path) -> dict[str, Any] | None:
    """A saved file's contents; None when it is missing, ``DamagedFile`` when it is bad."""
    with without_gc():
        data = read(path, "mentions", FORMAT)
    return None if data is None else _checked(data)
