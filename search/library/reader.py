"""What readers see of an open index: the searcher and catalog view last committed, under one lock,
and the corpus's vocabulary."""

from __future__ import annotations

import threading

from search.index import query
from search.index.catalog import CatalogView
from search.index.store import OpenIndex
from search.index.vocabulary import Vocabulary
from search.library.repair import reanalyse


class Reader:
    """The index as last committed, shared by the parts that read it. ``lock`` guards the searcher
    and the view; an update swaps them (``show_committed``) after each of its passes."""

    def __init__(self, opened: OpenIndex) -> None:
        self._opened = opened
        self.lock = threading.RLock()  # the searcher and the index
        self.view: CatalogView = opened.catalog.view()  # what readers see while an update runs
        self.searcher = opened.ix.searcher()
        self.parser = query.make_parser(opened.ix.schema)
        self.texts = opened.texts  # the articles' texts, as indexed
        self.generation = 0  # counts the changes to what readers see (this process's or another's)
        self.updating = False  # an update is running: readers do without what it holds
        self._vocabulary: Vocabulary | None = None

    def show_committed(self) -> None:
        """What readers see becomes what is committed."""
        with self.lock:
            self.view = self._opened.catalog.view()
            if not self.searcher.up_to_date():
                self.searcher.close()
                self.searcher = self._opened.ix.searcher()
                self.generation += 1

    def close(self) -> None:
        with self.lock:
            self.searcher.close()

    def vocabulary(self) -> Vocabulary:
        """The corpus's words and phrases (loaded on first use: start-up does not pay for it)."""
        if self._vocabulary is None:
            has_index = bool(self._opened.catalog.file_count)
            damaged = self._vocabulary_damaged
            self._vocabulary = Vocabulary.load(self._opened.folder, damaged) if has_index else Vocabulary()
        return self._vocabulary

    def _vocabulary_damaged(self, why: str) -> None:
        reanalyse(self._opened, f"The vocabulary was damaged ({why})")

    def forget_vocabulary(self) -> None:
        """Read the vocabulary from disk again when next needed."""
        self._vocabulary = None
