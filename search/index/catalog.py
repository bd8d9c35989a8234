"""The catalog: what each corpus file contributed to the index, kept beside it as JSON.

It makes re-opening incremental (size and mtime per file), holds the article list
the UI shows without touching Whoosh, and keeps each file's load problems so the
load report survives restarts. It is written atomically after each commit.

The file is a line of JSON (its save id, version, format, and the CRC-32 and length of each of the
two parts after it), then two parts, each JSON in columns (one list a field, not an object a
file: that parses several times faster), compressed (Zstandard: the paths, titles and hex
hashes shrink to a quarter; 14 MB of tables at 50,000 files). The first part holds what a
start needs (the article list, load problems, counts); the second the tables only an update
needs (each file's size, mtime, ids, body hashes, boilerplate edges), which are read when an
update first asks for them: a start on 50,000 files parses a fifth of the file. Both parts'
CRCs are checked at the start, so damage to either is found then.

An update that changed a few files saves only those, beside the whole
(``CHANGES_NAME``, the same two lines), folded into it when they grow.
"""

from __future__ import annotations

import json
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

import zstandard

from search.corpus.report import LoadIssue
from search.index.bulk import file_version, save_beside, stamped, without_gc
from search.model import ArticleSummary

CATALOG_NAME = "catalog.json"
CHANGES_NAME = "catalog-changes.json"
FORMAT = 6  # a header line, a compressed part for the start, one for updates (see above); lists
# joined by SEP (3: two lines of JSON, uncompressed; 4: no save id first in the header: bulk.file_version;
# 5: no digest of each file's bytes)
LEVEL = 1  # Zstandard's fastest: saved after each pass of a build; here as small as at 3
SEP = "\0"  # in no path, id or hash

Issues = dict[str, Sequence[tuple[str, str]]]  # file -> its (kind, reason) load problems


@dataclass(slots=True)
class FileEntry:
    """One file's record. As read back, its sequences are tuples: the garbage collector leaves a
    tuple of strings alone after one look, and () is a single object, so 50,000 entries are not
    250,000 lists that every full collection of the process walks again."""

    size: int
    mtime_ns: int
    ids: Sequence[str] = ()  # articles indexed from this file
    hashes: Sequence[str] = ()  # their body hashes, in the same order
    issues: Sequence[tuple[str, str]] = ()  # (kind, reason)
    edges: Sequence[str] = ()  # hashes of boilerplate-candidate lines
    duplicate_of: Sequence[str] = ()  # canonical ids of its duplicate articles
    digest: str = ""  # of the file's bytes (copies of one file count once for boilerplate)


@dataclass(frozen=True, slots=True)
class CatalogView:
    """What readers see of the catalog, unchanged by an update running meanwhile."""

    articles: dict[str, ArticleSummary]
    files: int
    other_files: int
    issues: tuple[LoadIssue, ...]


@dataclass(slots=True)
class _Unread:
    """The update tables as saved, parsed when first needed."""

    whole: memoryview
    changes: memoryview | None  # those of the changes saved against the whole
    gone: frozenset[str]  # files the changes replace or remove
    file_count: int
    issues: Issues


Whole = tuple[str, dict[str, FileEntry], dict[str, str]]  # saved version, files, hashes


@dataclass(slots=True)
class Catalog:
    version: int
    articles: dict[str, ArticleSummary] = field(default_factory=dict)  # indexed, in path order
    boilerplate: list[str] = field(default_factory=list)
    other_files: int = 0
    analysis: str = ""  # the key of the analysis the articles were indexed with
    walk_issues: list[tuple[str, str, str]] = field(default_factory=list)  # (path, kind, reason)
    _files: dict[str, FileEntry] = field(default_factory=dict, init=False, repr=False)
    _hashes: dict[str, str] = field(default_factory=dict, init=False, repr=False)  # body hash -> id
    _unread: _Unread | None = field(default=None, init=False, repr=False)
    _whole: Whole | None = field(default=None, init=False, repr=False)  # what the saved whole holds

    @property
    def files(self) -> dict[str, FileEntry]:
        self._read()
        return self._files

    @property
    def hashes(self) -> dict[str, str]:
        self._read()
        return self._hashes

    @property
    def file_count(self) -> int:
        unread = self._unread  # (read once: an update may be reading the tables meanwhile)
        return unread.file_count if unread is not None else len(self._files)

    def issues(self) -> list[LoadIssue]:
        out = [LoadIssue(*i) for i in self.walk_issues]
        for rel, issues in self._file_issues().items():
            out.extend(LoadIssue(rel, kind, reason) for kind, reason in issues)
        return out

    def view(self) -> CatalogView:
        return CatalogView(dict(self.articles), self.file_count, self.other_files, tuple(self.issues()))

    def sort(self) -> None:
        """Articles back in path order, after an update added some at the end (Python's sort finds
        the sorted run before them and merges them in: linear, and stable, as a file's articles
        are in their file's order)."""
        self.articles = {a.id: a for a in sorted(self.articles.values(), key=attrgetter("path"))}

    def _file_issues(self) -> Issues:
        unread = self._unread
        if unread is not None:
            return unread.issues
        return {rel: e.issues for rel, e in self._files.items() if e.issues}

    # -- saving ------------------------------------------------------------------------------

    def save(self, index_dir: Path) -> None:
        """Save the files that changed since the whole was saved, beside it; or a new whole when
        there is none yet, or when the changes grow big."""
        self._read()
        whole = index_dir / CATALOG_NAME
        saved = self._whole
        changes = self._changes(saved) if saved is not None and saved[0] == file_version(whole) else None
        if save_beside(whole, index_dir / CHANGES_NAME, changes, self._whole_bytes):
            self._whole = (file_version(whole), dict(self._files), dict(self._hashes))

    def _whole_bytes(self) -> bytes:
        return self._encode(self._files, self._hashes, list(self.articles.values()))

    def _changes(self, whole: Whole) -> bytes:
        """The catalog as changes to the saved whole: files changed or added (their new entries and
        articles) and removed, body hashes changed and removed, and the rest as it is."""
        version, files, hashes = whole
        changed = {rel: e for rel, e in self._files.items() if files.get(rel) is not e}
        head = {
            "base": version,
            "changed": list(changed),
            "removed": [rel for rel in files if rel not in self._files],
            "file_count": len(self._files),
        }
        return self._encode(
            changed,
            {h: i for h, i in self._hashes.items() if hashes.get(h) != i},
            [a for a in self.articles.values() if a.path in changed],
            head,
            {"hashes_removed": [h for h in hashes if h not in self._hashes]},
        )

    def _encode(
        self,
        files: dict[str, FileEntry],
        hashes: dict[str, str],
        articles: list[ArticleSummary],
        head: dict[str, Any] | None = None,
        tables: dict[str, Any] | None = None,
    ) -> bytes:
        second = _compressed({"files": _file_columns(files), "hashes": hashes, **(tables or {})})
        first = {
            "articles": _article_columns(articles),
            "issues": {rel: e.issues for rel, e in files.items() if e.issues},
            "file_count": len(files),
            "boilerplate": self.boilerplate,
            "other_files": self.other_files,
            "analysis": self.analysis,
            "walk_issues": self.walk_issues,
            **(head or {}),
        }
        start = _compressed(first)
        header = stamped(
            {"version": self.version, "format": FORMAT, "head": _sum(start), "tables": _sum(second)}
        )
        return _dumps(header) + b"\n" + start + second

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, index_dir: Path, version: int) -> Catalog | None:
        """The saved catalog, or None when it is missing, damaged or of another version."""
        whole = index_dir / CATALOG_NAME
        try:
            with without_gc():
                head, tables = _decode(whole.read_bytes(), version)
                catalog = cls(version, articles={a.id: a for a in _summaries(head["articles"])})
                catalog._take(head)
                unread = _Unread(tables, None, frozenset(), head["file_count"], _issues(head["issues"]))
                catalog._unread = unread
                base = file_version(whole)
                catalog._whole = (base, {}, {})  # filled in when the tables are read
                path = index_dir / CHANGES_NAME
                if path.exists():
                    changes, unread.changes = _decode(path.read_bytes(), version)
                    if changes["base"] == base:  # else older than the whole: folded in already
                        catalog._apply(changes, unread)
                    else:
                        unread.changes = None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # AttributeError, TypeError: valid JSON of the wrong shape
        return catalog

    def _take(self, head: dict[str, Any]) -> None:
        self.boilerplate = head["boilerplate"]
        self.other_files = head["other_files"]
        self.analysis = head["analysis"]
        self.walk_issues = [(str(p), str(k), str(r)) for p, k, r in head["walk_issues"]]
        kinds = (self.boilerplate, list), (self.other_files, int), (self.analysis, str)
        if not all(isinstance(value, kind) for value, kind in kinds):
            raise TypeError("a catalog of the wrong shape")

    def _apply(self, changes: dict[str, Any], unread: _Unread) -> None:
        """The start-up half of changes saved against the whole (the tables wait, see ``_read``)."""
        unread.gone = frozenset([*changes["changed"], *changes["removed"]])
        kept = [a for a in self.articles.values() if a.path not in unread.gone]
        self.articles = {a.id: a for a in _merged(kept, _summaries(changes["articles"]))}
        issues = {rel: found for rel, found in unread.issues.items() if rel not in unread.gone}
        unread.issues = {**issues, **_issues(changes["issues"])}
        unread.file_count = changes["file_count"]
        self._take(changes)

    def _read(self) -> None:
        """Parse the update tables (of the whole, then of its changes), if not done yet."""
        unread = self._unread
        if unread is None:
            return
        with without_gc():
            tables = _parse(unread.whole)
            files = _file_entries(tables["files"], unread.issues)
            hashes: dict[str, str] = tables["hashes"]
            if not isinstance(hashes, dict):
                raise ValueError("the catalog's hash table is damaged")
            if self._whole is not None:
                self._whole = (self._whole[0], dict(files), dict(hashes))
            if unread.changes is not None:
                changes = _parse(unread.changes)
                for rel in unread.gone:
                    files.pop(rel, None)
                files.update(_file_entries(changes["files"], unread.issues))
                for h in changes["hashes_removed"]:
                    hashes.pop(h, None)
                hashes.update(changes["hashes"])
        self._files, self._hashes, self._unread = files, hashes, None


def saved_version(index_dir: Path) -> str:
    """Tells saved catalogs apart (the whole and the changes beside it)."""
    return f"{file_version(index_dir / CATALOG_NAME)}+{file_version(index_dir / CHANGES_NAME)}"


def unloadable(index_dir: Path, version: int) -> str:
    """Why ``Catalog.load`` found no catalog, in the user's words."""
    path = index_dir / CATALOG_NAME
    try:
        with path.open("rb") as f:
            head = json.loads(f.readline())
        found = (head.get("version"), head.get("format"))
    except FileNotFoundError:
        return "The index's catalog is missing"
    except (OSError, ValueError, AttributeError, RecursionError):
        return "The index's catalog is damaged"
    if found != (version, FORMAT):
        return "The index was made by another version of brief-tui"
    return "The index's catalog is damaged"


def _dumps(data: dict[str, Any]) -> bytes:
    with without_gc():
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _compressed(data: dict[str, Any]) -> bytes:
    return zstandard.ZstdCompressor(level=LEVEL).compress(_dumps(data))


def _sum(part: bytes | memoryview) -> list[int]:
    return [zlib.crc32(part), len(part)]


def _parse(part: memoryview) -> Any:
    try:
        return json.loads(zstandard.ZstdDecompressor().decompress(part))
    except zstandard.ZstdError as err:  # (only a part made to pass its checksum)
        raise ValueError(f"the catalog is damaged ({err})") from None


def _decode(raw: bytes, version: int) -> tuple[dict[str, Any], memoryview]:
    """The start's part parsed, and the tables' as they are (compressed), both checked against
    the header's CRCs."""
    end = raw.index(b"\n")  # (JSON escapes any newline in a string)
    header = json.loads(raw[:end])
    if not isinstance(header, dict) or (header.get("version"), header.get("format")) != (version, FORMAT):
        raise ValueError("a catalog of another version")
    split = end + 1 + header["head"][1]
    head, tables = memoryview(raw)[end + 1 : split], memoryview(raw)[split:]
    if [_sum(head), _sum(tables)] != [list(header["head"]), list(header["tables"])]:
        raise ValueError("the catalog is damaged")
    found = _parse(head)
    if not isinstance(found, dict):
        raise TypeError("a catalog of the wrong shape")
    return found, tables


def _article_columns(articles: list[ArticleSummary]) -> dict[str, Any]:
    return {
        "ids": [None if a.id == a.path else a.id for a in articles],  # most: the file's path
        "titles": [a.title for a in articles],
        "sources": [a.source for a in articles],
        "dates": [a.date for a in articles],
        "sections": [a.section for a in articles],
        "paths": [a.path for a in articles],
    }


def _summaries(columns: dict[str, Any]) -> list[ArticleSummary]:
    paths = columns["paths"]
    ids = [path if i is None else i for i, path in zip(columns["ids"], paths, strict=True)]
    fields = ids, columns["titles"], columns["sources"], columns["dates"], columns["sections"], paths
    if len({len(f) for f in fields}) != 1:
        raise ValueError("the catalog's article columns differ in length")
    return list(map(ArticleSummary, *fields))


def _merged(kept: list[ArticleSummary], added: list[ArticleSummary]) -> list[ArticleSummary]:
    """``added`` (in path order) put into ``kept`` (in path order) where their paths go."""
    out: list[ArticleSummary] = []
    start = 0
    for article in added:
        at = bisect_left(kept, article.path, lo=start, key=attrgetter("path"))
        out.extend(kept[start:at])
        out.append(article)
        start = at
    out.extend(kept[start:])
    return out


def _issues(saved: dict[str, Any]) -> Issues:
    return {rel: [(str(k), str(r)) for k, r in found] for rel, found in saved.items()}


def _file_columns(files: dict[str, FileEntry]) -> dict[str, Any]:
    entries = list(files.values())
    return {
        "paths": list(files),
        "sizes": [e.size for e in entries],
        "mtimes": [e.mtime_ns for e in entries],
        # most: the file's path alone
        "ids": [None if tuple(e.ids) == (rel,) else SEP.join(e.ids) for rel, e in files.items()],
        "hashes": [SEP.join(e.hashes) for e in entries],
        "edges": [SEP.join(e.edges) for e in entries],
        "duplicate_of": {rel: e.duplicate_of for rel, e in files.items() if e.duplicate_of},
        "digests": [e.digest for e in entries],
    }


def _file_entries(columns: dict[str, Any], issues: Issues) -> dict[str, FileEntry]:
    paths, duplicates = columns["paths"], columns["duplicate_of"]
    fields = (
        columns["sizes"],
        columns["mtimes"],
        [(rel,) if ids is None else _split(ids) for rel, ids in zip(paths, columns["ids"], strict=True)],
        [_split(joined) for joined in columns["hashes"]],
        [tuple(issues[rel]) if rel in issues else () for rel in paths],
        [_split(joined) for joined in columns["edges"]],
        [tuple(duplicates[rel]) if rel in duplicates else () for rel in paths],
        columns["digests"],
    )
    if len({len(paths), *map(len, fields)}) != 1:
        raise ValueError("the catalog's file columns differ in length")
    return dict(zip(paths, map(FileEntry, *fields), strict=True))


def _split(joined: str) -> tuple[str, ...]:
    """A list joined by SEP (no item is empty: "" is the empty list), as a tuple."""
    return tuple(joined.split(SEP)) if joined else ()
