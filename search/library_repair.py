"""Reading a damaged index (a part of ``Library``): a failed read is reported, never raised, and
the next refresh repairs the index (see ``search.index.integrity``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from search.index import integrity, mention_store, vocabulary
from search.index.store import OpenIndex, heal, recreate


class RepairMixin:
    _opened: OpenIndex
    read_failure: str = ""  # why reading the index failed (a damaged file), until it is repaired

    def _forget(self) -> None:
        raise NotImplementedError

    @contextmanager
    def _reading(self) -> Iterator[None]:
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

    def reanalyse(self, why: str) -> None:
        raise NotImplementedError

    def _heal(self) -> None:
        """Before an update (with the folder's lock): repair what a failed read found, and check
        the saved analysis."""
        if integrity.flagged(self._opened.folder):
            self._repair()
        self._check_analysis()

    def _vocabulary_damaged(self, why: str) -> None:
        self.reanalyse(f"The vocabulary was damaged ({why})")

    def _check_analysis(self) -> None:
        """Before an update: saved mentions or vocabulary that are damaged make it analyse every
        article again (else it would save what it adds to them as if they were whole)."""
        folder = self._opened.folder
        why = mention_store.check(folder) or vocabulary.check(folder)
        if why and self._opened.catalog.analysis:
            self.reanalyse(f"Saved analysis was damaged ({why})")

    def _repair(self) -> None:
        """With the folder's lock, after a read failed: check every file, and drop the damaged
        segments (the update that follows indexes their files again), or else start anew."""
        opened = self._opened
        try:
            opened.ix = heal(opened.folder, opened.ix, opened.catalog, opened.notices)
        except Exception as err:
            opened.notices.append(f"The index was damaged ({err}); rebuilding it.")
            opened.ix, opened.catalog = recreate(opened.folder)
            self._forget()
        self.read_failure = ""
