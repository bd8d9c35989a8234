"""The corpus's words and two-word phrases as written, with counts.

Words feed "did you mean" suggestions; phrases are the discovered topics a user
can pick when the taxonomy has nothing closer.

Kept beside the index as a data file (``datafile``: checked on load; words and counts in two
columns, which load faster than a pickle of the map did), read at the first search. Updates only
add: a word from a deleted article lingers until the next rebuild, which costs a suggestion at
worst; and an update saves only what it added, beside the whole (``ADDED_NAME``), folded into it
when that grows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from search.analysis.topics.discover import text_phrases
from search.analysis.variants import americanize
from search.index.bulk import file_version, save_beside, stamped
from search.index.datafile import FAST, DamagedFile, columns, damage, dump, from_columns, read

VOCAB_NAME = "vocabulary.msgpack"
ADDED_NAME = "vocabulary-added.msgpack"
FORMAT = 2  # (1: zlib-compressed; the pickles before it are never read)
RARE_CUTOFF = 20_000
_WORD = re.compile(r"[^\W\d_]{3,}")


def article_terms(title: str, body: str) -> tuple[Counter[str], set[str]]:
    """An article's words and distinct two-word phrases (cheap to send between processes)."""
    words = Counter(_WORD.findall(title.lower()))
    words.update(_WORD.findall(body.lower()))
    return words, set(text_phrases(body))


class Vocabulary:
    """Word and phrase counts; those saved in ``folder`` are read when first needed, so that an
    update, which only adds, neither reads nor rewrites them (see ``save``)."""

    def __init__(self, folder: Path | None = None, damaged: Callable[[str], None] | None = None) -> None:
        """``damaged`` is told why, when the saved counts turn out to be damaged (then: none)."""
        self._counts: Counter[str] = Counter()
        self._phrases: Counter[str] = Counter()  # phrase -> articles it occurs in
        self._unread = folder  # saved counts not read yet
        self._added: tuple[Counter[str], Counter[str]] = (Counter(), Counter())  # since the last save
        self._words: list[str] | None = None
        self._damaged = damaged
        self._rewrite = False  # the saved whole is damaged: the next save replaces it

    @property
    def counts(self) -> Counter[str]:
        self._read()
        return self._counts

    @property
    def phrases(self) -> Counter[str]:
        self._read()
        return self._phrases

    def merge(self, words: Counter[str], phrases: Counter[str]) -> None:
        """Add some articles' words and phrases (a phrase counted once an article, as ``article_terms``
        gives them)."""
        self._added[0].update(words)
        self._added[1].update(phrases)
        if self._unread is None:
            self._counts.update(words)
            self._phrases.update(phrases)
        self._words = None

    def top_phrases(self, limit: int, min_count: int = 3) -> list[tuple[str, int]]:
        return [(p, n) for p, n in self.phrases.most_common(limit) if n >= min_count]

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.counts

    def suggest(self, word: str) -> str | None:
        """The most frequent known word close to ``word`` (at most two edits away), if ``word`` is unknown."""
        word = word.lower()
        counts = self.counts
        if len(word) < 3 or word in counts or americanize(word) in counts or not counts:
            return None
        if self._words is None:
            big = len(counts) > RARE_CUTOFF  # in a large corpus, words seen once are mostly typos
            self._words = [w for w, n in counts.items() if n >= 2 or not big]
        cutoff = 100 * (1 - 2 / max(len(word), 4))
        found = process.extract(word, self._words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        if not found:
            return None
        best = max(found, key=lambda m: (round(m[1] / 5), counts[m[0]]))
        return best[0]

    def save(self, folder: Path) -> None:
        """Save what was added since the last save beside the whole, or everything into a new whole
        when that grows big."""
        whole = folder / VOCAB_NAME
        try:
            words, phrases = _saved_additions(folder)
        except DamagedFile:  # (found by ``check``: every article is being analysed again)
            words, phrases, self._rewrite = Counter(), Counter(), True
        words.update(self._added[0])
        phrases.update(self._added[1])
        added = _dump({"base": file_version(whole), "words": columns(words), "phrases": columns(phrases)})
        save_beside(whole, folder / ADDED_NAME, None if self._rewrite else added, self._whole_bytes)
        self._rewrite = False
        self._added = (Counter(), Counter())

    def _whole_bytes(self) -> bytes:
        counts, phrases = self.counts, self.phrases
        return _dump({"words": columns(counts), "phrases": columns(phrases)})

    @classmethod
    def load(cls, folder: Path, damaged: Callable[[str], None] | None = None) -> Vocabulary:
        """The vocabulary saved in ``folder`` (read when first needed; empty when missing or damaged)."""
        return cls(folder, damaged)

    def _read(self) -> None:
        if self._unread is None:
            return
        try:
            data = _load(self._unread / VOCAB_NAME)
            counts, phrases = _counters(data)
            words_added, phrases_added = _saved_additions(self._unread)
        except DamagedFile as err:  # suggestions start over (the owner is told, to index again)
            counts, phrases, words_added, phrases_added = Counter(), Counter(), Counter(), Counter()
            self._rewrite = True
            if self._damaged is not None:
                self._damaged(str(err))
        for more_words, more_phrases in ((words_added, phrases_added), self._added):
            counts.update(more_words)
            phrases.update(more_phrases)
        self._counts, self._phrases, self._unread = counts, phrases, None


def check(folder: Path) -> str:
    """Why the saved vocabulary is damaged; "" when it is sound (or missing)."""
    return damage(folder / VOCAB_NAME, "vocabulary", FORMAT) or damage(
        folder / ADDED_NAME, "vocabulary", FORMAT
    )


def _saved_additions(folder: Path) -> tuple[Counter[str], Counter[str]]:
    """What earlier updates added beside the saved whole (nothing if the whole was replaced since)."""
    data = _load(folder / ADDED_NAME)
    if data.get("base") != file_version(folder / VOCAB_NAME):
        return Counter(), Counter()
    return _counters(data)


def _counters(data: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    try:
        words, phrases = (from_columns(data[k]) if k in data else {} for k in ("words", "phrases"))
    except (TypeError, ValueError) as err:
        raise DamagedFile(f"vocabulary: not what brief-tui saves ({err})") from None
    return Counter(words), Counter(phrases)


def _dump(data: dict[str, Any]) -> bytes:
    return dump("vocabulary", FORMAT, stamped(data), level=FAST)


def _load(path: Path) -> dict[str, Any]:
    """A saved file's contents ({} when there is none; ``DamagedFile`` when it is bad)."""
    data = read(path, "vocabulary", FORMAT)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DamagedFile("vocabulary: not what brief-tui saves")
    return data
