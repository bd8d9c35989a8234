"""The corpus's words and two-word phrases as written, with counts.

Words feed "did you mean" suggestions; phrases are the discovered topics a user
can pick when the taxonomy has nothing closer.

Kept beside the index as a pickle (it loads twice as fast as JSON, and is read at the
first search). Updates only add: a word from a deleted article lingers until the next
rebuild, which costs a suggestion at worst.
"""

from __future__ import annotations

import pickle
import re
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz, process

from search.analysis.topics.discover import text_phrases
from search.analysis.variants import americanize
from search.atomic import write_atomic

VOCAB_NAME = "vocabulary.pickle"
RARE_CUTOFF = 20_000
_WORD = re.compile(r"[^\W\d_]{3,}")


def article_terms(title: str, body: str) -> tuple[Counter[str], set[str]]:
    """An article's words and distinct two-word phrases (cheap to send between processes)."""
    words = Counter(_WORD.findall(title.lower()))
    words.update(_WORD.findall(body.lower()))
    return words, set(text_phrases(body))


class Vocabulary:
    def __init__(self, counts: Counter[str] | None = None, phrases: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = counts or Counter()
        self.phrases: Counter[str] = phrases or Counter()  # phrase -> articles it occurs in
        self._words: list[str] | None = None

    def merge(self, words: Counter[str], phrases: Counter[str]) -> None:
        """Add some articles' words and phrases (a phrase counted once an article, as ``article_terms``
        gives them)."""
        self.counts.update(words)
        self.phrases.update(phrases)
        self._words = None

    def top_phrases(self, limit: int, min_count: int = 3) -> list[tuple[str, int]]:
        return [(p, n) for p, n in self.phrases.most_common(limit) if n >= min_count]

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.counts

    def suggest(self, word: str) -> str | None:
        """The most frequent known word close to ``word`` (at most two edits away), if ``word`` is unknown."""
        word = word.lower()
        if len(word) < 3 or word in self.counts or americanize(word) in self.counts or not self.counts:
            return None
        if self._words is None:
            big = len(self.counts) > RARE_CUTOFF  # in a large corpus, words seen once are mostly typos
            self._words = [w for w, n in self.counts.items() if n >= 2 or not big]
        cutoff = 100 * (1 - 2 / max(len(word), 4))
        found = process.extract(word, self._words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        if not found:
            return None
        best = max(found, key=lambda m: (round(m[1] / 5), self.counts[m[0]]))
        return best[0]

    def save(self, folder: Path) -> None:
        data = {"words": dict(self.counts), "phrases": dict(self.phrases)}
        write_atomic(folder / VOCAB_NAME, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        try:
            data = pickle.loads((folder / VOCAB_NAME).read_bytes())
            return cls(Counter(data["words"]), Counter(data["phrases"]))
        except Exception:  # missing, damaged, or from another version: suggestions start over
            return cls()
