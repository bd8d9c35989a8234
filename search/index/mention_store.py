"""Every article's first-pass entity mentions, kept beside the index (pickle, written atomically).

Entity linking across the corpus is a second pass over these, never over the text,
so a changed file only re-extracts its own articles.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path

from search.analysis.entities import Mention
from search.atomic import write_atomic

MENTIONS_NAME = "mentions.pickle"


class MentionStore:
    def __init__(self, data: dict[str, list[Mention]] | None = None) -> None:
        self.data: dict[str, list[Mention]] = data or {}
        self.changed = False

    def put(self, article_id: str, mentions: Sequence[Mention]) -> None:
        self.data[article_id] = list(mentions)
        self.changed = True

    def drop(self, article_id: str) -> None:
        if self.data.pop(article_id, None) is not None:
            self.changed = True

    def save(self, folder: Path) -> None:
        write_atomic(folder / MENTIONS_NAME, pickle.dumps(self.data, protocol=pickle.HIGHEST_PROTOCOL))
        self.changed = False

    @classmethod
    def load(cls, folder: Path) -> MentionStore | None:
        """The stored mentions; None when the file is missing or unreadable."""
        try:
            data = pickle.loads((folder / MENTIONS_NAME).read_bytes())
        except Exception:  # missing, truncated, or from an incompatible version
            return None
        return cls(data) if isinstance(data, dict) else None
