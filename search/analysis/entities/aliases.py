"""Linking across articles: a bare name links to the one full person name that ends with it.

"Reagan" in an article that never says "Ronald Reagan" links to "Ronald Reagan" when that
is the only full PERSON name in the corpus ending in "Reagan". When two people share the
surname ("John Smith", "Adam Smith") the bare "Smith" stays on its own: the index never
merges two different people. A bare word with no label evidence (MISC) is linked only if
at least as many articles use it as a person ("Mr Ford") as otherwise, so the company
"Ford" and the club "Chelsea" are left alone.

The index is counts over articles (``ArticleNames``: what one article tells it), so an article
can be taken out and put back (``add`` with ``sign`` -1, 1) and the answers do not depend on
the order the articles came in: a full name written two ways ("Shinzo Abe", "Shinzo ABE") is
linked to in its most used spelling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from search.analysis.entities.types import Mention, name_key

# (full person names: (name key, name, guessed)), (single words: (name key, label))
ArticleNames = tuple[frozenset[tuple[str, str, bool]], frozenset[tuple[str, str]]]


def article_names(mentions: Sequence[Mention]) -> ArticleNames:
    """What one article tells the alias index."""
    people = (m for m in mentions if m.label == "PERSON" and " " in m.name)
    full = frozenset((name_key(m.name), m.name, m.guessed) for m in people)
    single = frozenset((name_key(m.name), m.label) for m in mentions if " " not in m.name)
    return full, single


def _add(counts: dict[str, int], key: str, by: int) -> None:
    if n := counts.get(key, 0) + by:
        counts[key] = n
    else:
        counts.pop(key, None)


class AliasIndex:
    """Surname key -> the full PERSON names that end with it, and the single words mostly used as
    a PERSON, as counts over articles (``spellings``, ``support``, ``votes``: see ``add``)."""

    def __init__(
        self,
        spellings: dict[str, dict[str, dict[str, int]]] | None = None,
        support: dict[str, int] | None = None,
        votes: dict[str, list[int]] | None = None,
    ) -> None:
        self.spellings = spellings if spellings is not None else {}  # surname -> full key -> name -> n
        self.support = support if support is not None else {}  # full key -> articles, +2 when not a guess
        self.votes = votes if votes is not None else {}  # single word -> [articles, as PERSON minus others]
        self._full: dict[str, str | None] = {}  # answers of ``full_key_name``, until a count changes

    @classmethod
    def build(cls, articles: Iterable[Sequence[Mention]]) -> AliasIndex:
        """Index the full person names of already linked articles."""
        index = cls()
        for mentions in articles:
            index.add(article_names(mentions), 1)
        return index

    def add(self, names: ArticleNames, sign: int) -> set[str]:
        """Count one article's names in (``sign`` 1) or out (-1); the surname and word keys touched."""
        full, single = names
        touched = set()
        for key, name, guessed in full:
            surname = name_key(name.split()[-1])
            touched.add(surname)
            spelled = self.spellings.setdefault(surname, {}).setdefault(key, {})
            _add(spelled, name, sign)
            if not spelled:
                del self.spellings[surname][key]
                if not self.spellings[surname]:
                    del self.spellings[surname]
            _add(self.support, key, sign * (1 if guessed else 2))
        for key, label in single:
            touched.add(key)
            vote = self.votes.setdefault(key, [0, 0])
            vote[0] += sign
            vote[1] += sign * (1 if label == "PERSON" else -1)
            if not vote[0]:
                del self.votes[key]
        for key in touched:
            self._full.pop(key, None)
        return touched

    def full_key_name(self, key: str) -> str | None:
        """The one full name whose last word has name key ``key``; None if none or several.

        A full name guessed from word shape in a single article ("Vote Blair") is too weak to
        make a surname ambiguous."""
        if key in self._full:
            return self._full[key]
        found = [
            spelled
            for full_key, spelled in self.spellings.get(key, {}).items()
            if self.support.get(full_key, 0) >= 2
        ]
        name = min(found[0], key=lambda n: (-found[0][n], n)) if len(found) == 1 else None
        self._full[key] = name
        return name

    def full_name(self, name: str) -> str | None:
        """The one full name ending with the single word ``name``; None if none or several."""
        return None if " " in name else self.full_key_name(name_key(name))

    def bare_person(self, key: str) -> bool:
        """Whether the single word with name key ``key`` is used as a PERSON at least as often as not."""
        vote = self.votes.get(key)
        return vote is not None and vote[1] >= 0

    def relink(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Link the bare person names of one article to full names from the corpus."""
        return relink(mentions, self.full_key_name, self.bare_person)


def relink(
    mentions: Sequence[Mention],
    full_key_name: Callable[[str], str | None],
    bare_person: Callable[[str], bool],
) -> list[Mention]:
    """``AliasIndex.relink`` with the index's answers given (``full_key_name``, ``bare_person``)."""
    out = []
    for m in mentions:
        full = None
        if " " not in m.name and m.label in ("PERSON", "MISC"):
            key = name_key(m.name)
            if m.label == "PERSON" or bare_person(key):
                full = full_key_name(key)
        out.append(replace(m, name=full, label="PERSON", guessed=False) if full is not None else m)
    return out
