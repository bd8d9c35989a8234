"""Where an index lives, and opening it safely: locked, checked, rebuilt or read-only as needed."""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from whoosh import index as whoosh_index
from whoosh.index import Index

from search.index import mapped  # noqa: F401  (compound segments are read in place, not copied)
from search.index.catalog import CATALOG_NAME, Catalog
from search.index.locks import LOCK_NAME, DirLock
from search.index.schema import SCHEMA_VERSION, build_schema

LOCK_WAIT = 2.0  # seconds to wait for another process that is updating the index


@dataclass(slots=True)
class OpenIndex:
    ix: Index
    folder: Path
    catalog: Catalog
    lock: DirLock | None  # held while this process may write
    notices: list[str] = field(default_factory=list)
    temporary: bool = False  # a throw-away index, deleted on close

    @property
    def writable(self) -> bool:
        return self.lock is not None and self.lock.held

    def close(self) -> None:
        self.ix.close()
        if self.lock is not None:
            self.lock.release()
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)


def default_index_dir(corpus: Path) -> Path:
    """One index per corpus in the user cache folder, keyed by the corpus's absolute path."""
    key = str(corpus.resolve())
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", corpus.resolve().name)[:40] or "corpus"
    digest = hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return platformdirs.user_cache_path("brief-tui") / "indexes" / f"{slug}-{digest}"


def open_index(folder: Path, wait: float = LOCK_WAIT) -> OpenIndex:
    """Open (or create) the index in ``folder``; never raises for a bad or busy index."""
    notices: list[str] = []
    lock = DirLock(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        got = lock.acquire(wait)
    except OSError as err:
        notices.append(f"Index folder {folder} is not writable ({err.strerror}); using a temporary index.")
        return _temporary(notices)
    if not got:
        existing = _open_existing(folder, [])  # its problems are for the process that holds the lock
        if existing is not None:
            ix, catalog = existing
            notices.append("Another brief-tui is updating this index; opened it read-only.")
            return OpenIndex(ix, folder, catalog, None, notices)
        notices.append("Another brief-tui is building this index; using a temporary index meanwhile.")
        return _temporary(notices)
    for stale in folder.glob(".*.tmp"):  # left by a write_atomic that was killed; the lock says no one writes
        stale.unlink(missing_ok=True)
    existing = _open_existing(folder, notices)
    if existing is None:
        _wipe(folder)
        ix = whoosh_index.create_in(str(folder), build_schema())
        return OpenIndex(ix, folder, Catalog(SCHEMA_VERSION), lock, notices)
    ix, catalog = existing
    return OpenIndex(ix, folder, catalog, lock, notices)


def _open_existing(folder: Path, notices: list[str]) -> tuple[Index, Catalog] | None:
    try:
        exists = whoosh_index.exists_in(str(folder))
    except Exception as err:  # an unreadable table of contents (truncated, garbage)
        notices.append(f"The index was damaged ({type(err).__name__}: {err}); rebuilding it.")
        return None
    if not exists:
        if (folder / CATALOG_NAME).exists():
            notices.append("The index was damaged (its table of contents is missing); rebuilding it.")
        return None
    catalog = Catalog.load(folder, SCHEMA_VERSION)
    if catalog is None:
        notices.append("The index was made by another version or its catalog is missing; rebuilding it.")
        return None
    try:
        ix = whoosh_index.open_dir(str(folder))
        check(ix, catalog)
    except Exception as err:
        notices.append(f"The index was damaged ({type(err).__name__}: {err}); rebuilding it.")
        return None
    return ix, catalog


def check(ix: Index, catalog: Catalog) -> None:
    """Read enough of the index to notice missing or truncated segments. Raises on damage."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        count = reader.doc_count()
        if count != len(catalog.articles):
            raise ValueError(f"index holds {count} articles, catalog {len(catalog.articles)}")
        for docnum in (0, reader.doc_count_all() - 1) if count else ():
            reader.stored_fields(docnum)
        for fieldname in ("title", "body"):
            for _ in zip(range(3), reader.lexicon(fieldname), strict=False):
                pass


def _wipe(folder: Path) -> None:
    keep = {LOCK_NAME}
    for child in folder.iterdir():
        if child.name in keep:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _temporary(notices: list[str]) -> OpenIndex:
    folder = Path(tempfile.mkdtemp(prefix="brief-tui-index-"))
    lock = DirLock(folder)
    lock.acquire()
    ix = whoosh_index.create_in(str(folder), build_schema())
    return OpenIndex(ix, folder, Catalog(SCHEMA_VERSION), lock, notices, temporary=True)


__all__ = ["CATALOG_NAME", "OpenIndex", "default_index_dir", "open_index"]
