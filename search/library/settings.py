"""The user's settings the analysis reads: the topic taxonomy and entity lists."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from search.paths import user_files

if TYPE_CHECKING:  # (the analysis is imported when first used: not at every start)
    from search.analysis.enrich import Enricher


class Settings:
    """The topic taxonomy and entity lists of a corpus under ``root``, the user's own files included."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._enricher: Enricher | None = None
        self._lock = threading.Lock()

    @property
    def enricher(self) -> Enricher:
        """The taxonomy and lists, read when first needed (by an update, topics, entity linking; a
        start does without)."""
        with self._lock:
            if self._enricher is None:
                from search.analysis.enrich import ENTITIES_FILE, TOPICS_FILE, Enricher

                files = user_files(TOPICS_FILE, self._root), user_files(ENTITIES_FILE, self._root)
                self._enricher = Enricher(*files)
            return self._enricher
