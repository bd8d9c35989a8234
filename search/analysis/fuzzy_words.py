"""Typo-tolerant matching of query words to the words of short texts (topic names, entity
names): the core both fuzzy pickers share (``topics.fuzzy``, ``entities.matcher``).

Every word is indexed in lower case and in American spelling (``defence`` and ``defense``
find each other). Per query word, rapidfuzz ``ratio`` scores every distinct word form (a few
thousand short strings rather than every text): against each whole form, and against each
form's distinct prefixes, so ``defen`` and ``spnd`` count. A query word of three letters or
fewer only matches itself and the words it starts, found by bisection in the sorted forms.
A prefix match counts 0.9 of a whole-word match for the word being typed, 0.8 for a
finished word, so ``labour`` ranks "labour party" above "laboratory". Filler words (``and``,
``of``) match but do not count towards the share of a text's words matched.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from rapidfuzz import fuzz, process

from search.analysis.variants import americanize

WORD = re.compile(r"[^\W_]+")
FILLER = frozenset({"a", "an", "and", "of", "the", "to", "in", "on", "for", "or"})
_PREFIX_WEIGHT_TYPING = 0.9  # the word under the cursor may be a prefix of the word meant
_PREFIX_WEIGHT = 0.8  # a finished word that only matches the start of an entry word
COVERAGE_WEIGHT = 0.1  # the share of the score that the share of an entry's words matched decides
_EXACT_ONLY = 3  # query words this short match no typos
_LAST_CHAR = chr(0x10FFFF)


class WordMatch(NamedTuple):
    """How well a query word matches a vocabulary form (0-100); ``whole`` unless only the form's start
    matched. Tuples compare by score, then a whole-word match wins a tie."""

    score: float
    whole: bool


NO_MATCH = WordMatch(0.0, False)


class WordForms:
    """Distinct lower-case word forms, numbered, matched typo-tolerantly to a query word."""

    def __init__(self) -> None:
        self.forms: list[str] = []
        self._ids: dict[str, int] = {}
        self._sorted: tuple[list[str], list[int]] = ([], [])
        self._prefixes: dict[int, list[str]] = {}  # length n -> distinct n-letter starts of longer forms

    def add(self, form: str) -> int:
        """The id of ``form``, numbered in order of addition (add them all before matching)."""
        if form not in self._ids:
            self._ids[form] = len(self.forms)
            self.forms.append(form)
        return self._ids[form]

    def prepare(self) -> None:
        """Sort the forms and all their prefixes now, rather than as matching first needs them."""
        self._sorted_forms()
        for length in range(1, max(map(len, self.forms), default=0)):
            self._prefix_list(length)

    def matches(self, token: str, typing: bool) -> dict[int, WordMatch]:
        """Form id -> how well ``token`` matches it, for the forms that pass the cut-off: rapidfuzz
        ``ratio`` against each whole form, and against each form's prefix (of the token's length, or
        one more) at ``_PREFIX_WEIGHT_TYPING`` for the word being typed, else ``_PREFIX_WEIGHT``."""
        weight = _PREFIX_WEIGHT_TYPING if typing else _PREFIX_WEIGHT
        if len(token) <= _EXACT_ONLY:  # too ambiguous for typos: the word itself and words it starts
            found = dict.fromkeys(self._starting_with(token), WordMatch(100.0 * weight, False))
            if token in self._ids:
                found[self._ids[token]] = WordMatch(100.0, True)
            return found
        cutoff = 75.0 if len(token) <= 5 else 70.0
        found = {
            form: WordMatch(score, True)
            for _, score, form in process.extract(
                token, self.forms, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
            )
        }
        for length in (len(token), len(token) + 1):
            for prefix, score, _ in process.extract(
                token, self._prefix_list(length), scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
            ):
                match = WordMatch(score * weight, False)
                for form in self._starting_with(prefix):
                    if match.score > found.get(form, NO_MATCH).score:
                        found[form] = match
        return found

    def _prefix_list(self, length: int) -> list[str]:
        """The distinct prefixes of forms longer than ``length`` (a form's whole match scores higher)."""
        if length not in self._prefixes:
            self._prefixes[length] = sorted({form[:length] for form in self.forms if len(form) > length})
        return self._prefixes[length]

    def _starting_with(self, prefix: str) -> list[int]:
        forms, ids = self._sorted_forms()
        return ids[bisect_left(forms, prefix) : bisect_left(forms, prefix + _LAST_CHAR)]

    def _sorted_forms(self) -> tuple[list[str], list[int]]:
        """The forms in order, and their ids."""
        if len(self._sorted[0]) != len(self.forms):
            order = sorted(range(len(self.forms)), key=self.forms.__getitem__)
            self._sorted = ([self.forms[i] for i in order], order)
        return self._sorted


def word_forms(word: str) -> tuple[str, ...]:
    """The forms a word is indexed under: lower case, and American spelling when that differs."""
    lower = word.lower()
    return tuple(dict.fromkeys((lower, americanize(lower))))


def query_tokens(query: str) -> tuple[list[str], bool]:
    """Lower-case, American-spelling query words without filler words, except a last word
    still being typed (``an`` may become ``antitrust``); and whether one is (the query ends in it)."""
    typing = bool(re.search(r"[^\W_]$", query))
    words = [americanize(w.lower()) for w in WORD.findall(query)]
    return [w for i, w in enumerate(words) if w not in FILLER or (typing and i == len(words) - 1)], typing
