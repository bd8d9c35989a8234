"""Reading a damaged index: a failed read is reported, never raised, and the next refresh repairs
the index (see ``search.index.integrity``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from search.index import integrity, mention_store, vocabulary
from search.index.store import OpenIndex, heal, recreate


class Repair:
    """Read failures of one open index, and their repair before the next update."""

    def __init__(self, opened: OpenIndex) -> None:
        self._opened = opened
        self.read_failure = ""  # why reading the index failed (a damaged file), until it is repaired

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Around a read of the index: a failure (zlib.error, "Block tag error", struct.error: a
        damaged file) is reported (``read_failure``) and skips the rest of the block."""
        try:
            yield
        except Exception as err:
            self._read_failed(err)

    def _read_failed(self, err: Exception) -> None:
        """Say that reading the index failed, and have the next refresh (or open) check and repair it."""
        if self.read_failure:
            return
        why = f"{type(err).__name__}: {err}"
        self.read_failure = f"The index could not be read ({why}); it is repaired at the next update."
        if self._opened.writable:
            integrity.flag(self._opened.folder, why)

    def check_analysis(self) -> None:
        """Before an update: saved mentions or vocabulary that are damaged make it analyse every
        article again (else it would save what it adds to them as if they were whole)."""
        folder = self._opened.folder
        why = mention_store.check(folder) or vocabulary.check(folder)
        if why and self._opened.catalog.analysis:
            reanalyse(self._opened, f"Saved analysis was damaged ({why})")

    def repair(self) -> bool:
        """Before an update, with the folder's lock: if a read failed (here or in another process),
        check every file and drop the damaged segments (the update that follows indexes their files
        again), or else start anew; True when started anew (what was read from it is stale)."""
        opened = self._opened
        if not integrity.flagged(opened.folder):
            return False
        anew = False
        try:
            opened.ix = heal(opened.folder, opened.ix, opened.catalog, opened.notices)
        except Exception as err:
            opened.notices.append(f"The index was damaged ({err}); rebuilding it.")
            opened.ix, opened.catalog = recreate(opened.folder)
            anew = True
        opened.texts.close()  # (packs may be gone: read again when next asked for)
        self.read_failure = ""
        return anew


def reanalyse(opened: OpenIndex, why: str) -> None:
    """Saved analysis (mentions, vocabulary) was lost: say so, and analyse every article again at
    the next refresh (or the one running)."""
    opened.notices.append(f"{why}; every article is analysed again at the next update.")
    opened.catalog.analysis = ""
