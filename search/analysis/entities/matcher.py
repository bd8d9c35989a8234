"""Fuzzy entity search for the entity palette and index, fast enough to run on every keystroke.

Matching is word by word, with the word matching the topic picker uses (``search.analysis.fuzzy_words``):
every name and alias is split into words, the distinct words form a vocabulary with an
inverted list from word to names, and each query word is scored against the vocabulary
(rapidfuzz ``ratio`` against each whole word and each word's prefix; a prefix counts 0.9
of a whole word for the word being typed, 0.8 for a finished one; words of three letters
or fewer match no typos). Only the names holding a matching word are then scored:

    score = mean over query words of the word's best match in the name (0-100)
            x (0.9 + 0.1 x share of the name's words that matched)

except that while the last query word is being typed and matches only the start of a word
of the name, the share counts as whole: the rest of the name may be coming, so "uni" ranks
United States with Unilever. A single letter being typed only matches the start of words
(the word "b" of "B Botha" too), so the first keystroke lists the most mentioned names that
have a word starting with it. Filler words ("of", "the") match but do not count in the share.

An entity scores its best name or alias. Word order does not matter, a misspelt or unfinished
word still counts, a name the query covers beats a longer one that merely contains it, and
entities that score the same (to 0.1) go most mentioned first.

Each query word's matches are kept for the next query, so a keystroke only matches the word
it changes; the per-name work is done by dict and set operations over the inverted lists.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter, rshift
from typing import NamedTuple

from search.analysis.fuzzy_words import (
    COVERAGE_WEIGHT,
    FILLER,
    NO_MATCH,
    WORD,
    WordForms,
    query_tokens,
    word_forms,
)

MAX_QUERY_WORDS = 12  # the last ones count: no name is longer, a pasted paragraph is not a name
_POSITION_BITS = 8  # a matched word is coded (name << _POSITION_BITS) | its position in the name
_MAX_NAME_WORDS = 1 << _POSITION_BITS  # words after these are not indexed
_SCALE = 1000  # ranks are scores in tenths, from the top


class _Hits(NamedTuple):
    """Where one query word matched: each name's best score for it, the names where that was a
    whole-word match (not a prefix), and the coded content words it matched."""

    scores: dict[int, float]
    whole: set[int]
    words: set[int]


class EntityMatcher:
    """Typo-, order- and prefix-tolerant search over entity names and aliases.

    ``names`` are the names and aliases and ``owners`` the number of each one's entity, entities
    being numbered most mentioned first (a tie in score goes to the lower number)."""

    def __init__(self, names: Sequence[str], owners: Sequence[int]) -> None:
        self._owners = owners
        self._stride = max(owners, default=0) + 1
        self._vocabulary = WordForms()
        self._names: list[array[int]] = []  # form -> the names holding it
        self._words: list[array[int]] = []  # form -> its coded content words
        self._content = array("I")  # name -> how many content (non-filler) words it has
        self._hits: dict[tuple[str, bool], _Hits] = {}  # the last query's, by (word, being typed)
        forms_of: dict[str, tuple[int, ...]] = {}
        for index, name in enumerate(names):
            words = WORD.findall(name)[:_MAX_NAME_WORDS]
            counted = [word.lower() not in FILLER for word in words]
            if not any(counted):  # only filler words: they count
                counted = [True] * len(words)
            for position, word in enumerate(words):
                if word not in forms_of:
                    forms_of[word] = tuple(self._form_id(form) for form in word_forms(word))
                for form in forms_of[word]:
                    self._names[form].append(index)
                    if counted[position]:
                        self._words[form].append(index << _POSITION_BITS | position)
            self._content.append(sum(counted))
        self._vocabulary.prepare()

    def match(self, query: str, limit: int = 20) -> list[tuple[int, float]]:
        """The best-matching entities for ``query`` as (owner, score 0-100), best first."""
        tokens, typing = query_tokens(query)
        tokens = tokens[-MAX_QUERY_WORDS:]
        if not tokens or limit <= 0:
            return []
        keys = [(token, typing and i == len(tokens) - 1) for i, token in enumerate(tokens)]
        hits = {key: self._hits.get(key) or self._token_hits(*key) for key in keys}
        self._hits = hits
        ranks = sorted(self._ranks([hits[key] for key in keys], typing))
        found: dict[int, float] = {}
        for rank in ranks:
            level, owner = divmod(rank, self._stride)
            found.setdefault(owner, (_SCALE - level) / 10)
            if len(found) == limit:
                break
        return list(found.items())

    def _form_id(self, form: str) -> int:
        form_id = self._vocabulary.add(form)
        if form_id == len(self._names):
            self._names.append(array("I"))
            self._words.append(array("Q"))
        return form_id

    def _token_hits(self, token: str, typing: bool) -> _Hits:
        """Where ``token`` matches, from its vocabulary matches, worst first so the best stay."""
        matches = self._vocabulary.matches(token, typing)
        if typing and len(token) == 1:  # a first letter, not an initial: the word "b" is one more b-word
            matches = dict.fromkeys(matches, min(matches.values(), default=NO_MATCH))
        hits = _Hits({}, set(), set())
        for form, (score, whole) in sorted(matches.items(), key=itemgetter(1)):
            names = self._names[form]
            hits.scores.update(zip(names, repeat(score)))  # the better matches come later
            if whole:
                hits.whole.update(names)
            else:
                hits.whole.difference_update(names)
            hits.words.update(self._words[form])
        return hits

    def _ranks(self, hits: list[_Hits], typing: bool) -> list[int]:
        """A rank per matched name (its score in tenths from the top, then its entity), best least."""
        last = hits[-1]
        typed_prefix = last.scores.keys() - last.whole if typing else set()
        matched = Counter(map(rshift, set().union(*(h.words for h in hits)), repeat(_POSITION_BITS)))
        per_word = 10 / len(hits)
        ranks = []
        for name, total in _totals(hits).items():
            score = total * per_word  # in tenths
            if name not in typed_prefix:
                score *= 1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * matched[name] / self._content[name]
            ranks.append((_SCALE - round(score)) * self._stride + self._owners[name])
        return ranks


def _totals(hits: list[_Hits]) -> dict[int, float]:
    """Name -> the sum of its best scores for the query words."""
    ordered = sorted((h.scores for h in hits), key=len, reverse=True)
    totals = dict(ordered[0])
    for scores in ordered[1:]:
        for name, score in scores.items():
            totals[name] = totals.get(name, 0.0) + score
    return totals
