"""Where an index lives, and opening it safely: locked, checked, rebuilt or read-only as needed."""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs
from whoosh import index as whoosh_index
from whoosh.index import Index

from search.index import integrity
from search.index.catalog import CATALOG_NAME, Catalog, saved_version, unloadable
from search.index.locks import LOCK_NAME, DirLock
from search.index.mapped import create_in_folder, open_folder
from search.index.marker import MARKER_NAME, mark
from search.index.schema import SCHEMA_VERSION, build_schema
from search.index.texts import TextStore

LOCK_WAIT = 2.0  # seconds to wait for another process that is updating the index


class IndexBusy(Exception):
    """Another process is writing this index."""


@dataclass(slots=True)
class OpenIndex:
    """An open index. Reading needs no lock; writing takes the folder's lock for its duration
    (``writing``), so an idle brief-tui never holds up another one or a command."""

    ix: Index
    folder: Path
    catalog: Catalog
    notices: list[str] = field(default_factory=list)
    temporary: bool = False  # a throw-away index, deleted on close
    read_only: bool = False  # the folder cannot be written: the index is shown as it is
    _catalog_version: str = ""  # of the catalog file this catalog was read from (or saved to)
    texts: TextStore = field(init=False)  # the articles' texts, beside the index

    def __post_init__(self) -> None:
        self.texts = TextStore(self.folder)

    @property
    def writable(self) -> bool:
        return not self.read_only

    @contextmanager
    def writing(self, wait: float = LOCK_WAIT) -> Iterator[bool]:
        """Hold the folder's lock (``IndexBusy`` if another process keeps it past ``wait`` s).
        Yields whether another process changed the index since this one read it: the catalog
        and the Whoosh index are then read again first."""
        lock = DirLock(self.folder)
        if not lock.acquire(wait):
            raise IndexBusy("Another brief-tui is updating this index")
        try:
            moved = saved_version(self.folder) != self._catalog_version
            if moved:
                catalog = Catalog.load(self.folder, SCHEMA_VERSION)
                if catalog is not None:
                    self.catalog = catalog
                    self.ix = open_folder(self.folder)
            yield moved
        finally:
            self._catalog_version = saved_version(self.folder)
            lock.release()

    @contextmanager
    def locked(self) -> Iterator[bool]:
        """The folder's lock for a small save beside the index, if free at once (else False: skip
        the save). Every write in the folder holds the lock: whoever holds it tidies the
        temporary files it finds, so an unlocked write could lose its own."""
        lock = DirLock(self.folder)
        try:
            got = lock.acquire(0)
        except OSError:
            got = False
        try:
            yield got
        finally:
            if got:
                lock.release()

    def close(self) -> None:
        self.ix.close()
        self.texts.close()
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)


def default_index_dir(corpus: Path) -> Path:
    """One index per corpus in the user cache folder, keyed by the corpus's absolute path."""
    key = str(corpus.resolve())
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", corpus.resolve().name)[:40] or "corpus"
    digest = hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return platformdirs.user_cache_path("brief-tui") / "indexes" / f"{slug}-{digest}"


def open_index(
    folder: Path, wait: float = LOCK_WAIT, rebuild: bool = False, full_check: bool = False
) -> OpenIndex:
    """Open (or create) the index in ``folder``; never raises for a bad or busy index, but for
    ``rebuild`` (discard it and start anew), which needs the lock: ``IndexBusy`` without it.

    With the folder's lock (for the opening only) a damaged index is repaired (its damaged
    segments dropped: see ``integrity``; checksums of every file read when ``full_check``) or
    rebuilt; without it
    (another process is writing) or in a folder that cannot be written, the index is opened
    as it is, and a new one is made in a temporary folder only when there is none to open."""
    notices: list[str] = []
    lock = DirLock(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        got = lock.acquire(wait)
    except OSError as err:
        existing = _open_existing(folder, [], strict=False)
        unwritable = f"Index folder {folder} is not writable ({err.strerror})"
        if existing is not None:
            notices.append(f"{unwritable}; showing the index as it is.")
            return _opened(folder, *existing, notices, read_only=True)
        notices.append(f"{unwritable}; using a temporary index.")
        return _temporary(notices)
    if not got and rebuild:
        raise IndexBusy("Another brief-tui is updating this index; try again when it is done")
    if not got:
        existing = _open_existing(folder, [], strict=False)  # its problems are for the lock's holder
        if existing is not None:
            return _opened(folder, *existing, notices)
        notices.append("Another brief-tui is building this index; using a temporary index meanwhile.")
        return _temporary(notices)
    try:
        for stale in folder.glob(".*.tmp"):  # left by a killed write_atomic: the lock says no one writes
            stale.unlink(missing_ok=True)
        existing = None if rebuild else _open_existing(folder, notices, full_check=full_check)
        if existing is None:
            return _opened(folder, *recreate(folder), notices)
        return _opened(folder, *existing, notices)
    finally:
        lock.release()


def _opened(
    folder: Path, ix: Index, catalog: Catalog, notices: list[str], read_only: bool = False
) -> OpenIndex:
    opened = OpenIndex(ix, folder, catalog, notices, read_only=read_only)
    opened._catalog_version = saved_version(folder)
    return opened


def recreate(folder: Path) -> tuple[Index, Catalog]:
    """Discard the index in ``folder`` for a new, empty one (with the folder's lock held)."""
    _wipe(folder)
    return _create(folder)


def _create(folder: Path) -> tuple[Index, Catalog]:
    """A new, empty index with its catalog saved at once: a build stopped before its first
    pass is found empty next time, not damaged."""
    mark(folder)  # brief-tui made it: a later rebuild may empty it
    ix = create_in_folder(folder, build_schema())
    integrity.record(folder, ix)
    catalog = Catalog(SCHEMA_VERSION)
    catalog.save(folder)
    return ix, catalog


def _open_existing(
    folder: Path, notices: list[str], strict: bool = True, full_check: bool = False
) -> tuple[Index, Catalog] | None:
    """The index in ``folder`` if it can be read (``strict``: checked against its catalog, its
    damaged segments dropped)."""
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
        notices.append(f"{unloadable(folder, SCHEMA_VERSION)}; rebuilding it.")
        return None
    try:
        ix = open_folder(folder)
        if strict:
            ix = heal(folder, ix, catalog, notices, full_check)
            check(ix, catalog)
    except Exception as err:
        notices.append(f"The index was damaged ({type(err).__name__}: {err}); rebuilding it.")
        return None
    return ix, catalog


def heal(folder: Path, ix: Index, catalog: Catalog, notices: list[str], full: bool = False) -> Index:
    """Check the index's files against their manifest (``integrity``; every checksum when ``full``
    or after a read failed) with the folder's lock held. Damaged segments (and the articles whose
    texts were in a damaged or missing pack) are dropped and the files whose articles they held
    are marked for the next update to index again; ``ValueError``
    when the damage cannot be undone that way (a rebuild then)."""
    failed = integrity.flagged(folder)
    damage = integrity.verify(folder, ix, full=full or bool(failed))
    if damage.reasons and not (damage.segments or damage.texts):
        raise ValueError(f"damaged {'; '.join(damage.reasons)}")
    if failed and not damage.reasons:  # a read failed, yet every file is as written
        raise ValueError(f"a read failed: {failed}")
    if damage.segments:
        ix = integrity.drop_segments(ix, damage.segments)
    if damage.texts:
        ix = _without_texts(ix, folder, damage.texts)
    if damage.segments or damage.texts:
        again = _forget_lost(ix, catalog)
        catalog.save(folder)
        shown = "; ".join(damage.reasons[:3]) + ("; …" if len(damage.reasons) > 3 else "")
        notices.append(f"The index was damaged ({shown}); the {again} file(s) it held are indexed again.")
    integrity.record(folder, ix)
    integrity.unflag(folder)
    return ix


def _without_texts(ix: Index, folder: Path, damaged: frozenset[str]) -> Index:
    """The index without the articles whose texts no pack holds once the packs ``damaged`` are
    removed (``_forget_lost`` then has their files indexed again)."""
    store = TextStore(folder)
    try:
        store.drop(damaged)
        kept = store.keys()
    finally:
        store.close()
    with ix.searcher() as searcher:
        lost = [f["id"] for f in searcher.all_stored_fields() if f.get("text") not in kept]
    if lost:
        writer = ix.writer()
        for article_id in lost:
            writer.delete_by_term("id", article_id)
        writer.commit(merge=False)
    return open_folder(folder)


def live_texts(ix: Index) -> set[bytes]:
    """The keys of the texts the index's articles refer to."""
    with ix.searcher() as searcher:
        return {f["text"] for f in searcher.all_stored_fields()}


def _forget_lost(ix: Index, catalog: Catalog) -> int:
    """Take the articles the index no longer holds out of the catalog, and mark their files as
    changed (an update indexes them again, and removes what else of theirs is left)."""
    with ix.searcher() as searcher:
        lost = {
            rel: [i for i in entry.ids if searcher.document_number(id=i) is None]
            for rel, entry in catalog.files.items()
        }
    lost = {rel: ids for rel, ids in lost.items() if ids}
    for rel, ids in lost.items():
        catalog.files[rel] = replace(catalog.files[rel], mtime_ns=-1)  # a new entry: saved as changed
        for article_id in ids:
            catalog.articles.pop(article_id, None)
    return len(lost)


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
    keep = {LOCK_NAME, MARKER_NAME}
    for child in folder.iterdir():
        if child.name in keep:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _temporary(notices: list[str]) -> OpenIndex:
    folder = Path(tempfile.mkdtemp(prefix="brief-tui-index-"))
    opened = _opened(folder, *_create(folder), notices)
    opened.temporary = True
    return opened


__all__ = ["CATALOG_NAME", "IndexBusy", "OpenIndex", "default_index_dir", "heal", "open_index", "recreate"]
