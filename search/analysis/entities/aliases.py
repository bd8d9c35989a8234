"""Linking across articles: a bare name links to the one full person name that ends with it.

"Reagan" in an article that never says "Ronald Reagan" links to "Ronald Reagan" when that
is the only full PERSON name in the corpus ending in "Reagan". When two people share the
surname ("John Smith", "Adam Smith") the bare "Smith" stays on its own: the index never
merges two different people. A bare word with no label evidence (MISC) is linked only if
at least as many articles use it as a person ("Mr Ford") as otherwise, so the company
"Ford" and the club "Chelsea" are left alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from search.analysis.entities.types import Mention, name_key


@dataclass(frozen=True, slots=True)
class AliasIndex:
    """Surname key -> the full PERSON names (canonical spelling) that end with it."""

    by_surname: dict[str, frozenset[str]] = field(default_factory=dict)
    bare_persons: frozenset[str] = frozenset()  # single words that are mostly used as a PERSON

    @classmethod
    def build(cls, articles: Iterable[Sequence[Mention]]) -> AliasIndex:
        """Index the full person names of already linked articles."""
        names: dict[str, dict[str, str]] = defaultdict(dict)  # surname -> name key -> name
        support: Counter[str] = Counter()  # full name key -> articles, +2 when not a guess
        votes: Counter[str] = Counter()  # single word -> articles using it as PERSON minus others
        for mentions in articles:
            full = {(name_key(m.name), m.name, m.guessed) for m in mentions if m.label == "PERSON"}
            for key, name, guessed in full:
                if " " in name:
                    names[name_key(name.split()[-1])].setdefault(key, name)
                    support[key] += 1 if guessed else 2
            for key, label in {(name_key(m.name), m.label) for m in mentions if " " not in m.name}:
                votes[key] += 1 if label == "PERSON" else -1
        # A full name guessed from word shape in a single article ("Vote Blair") is too weak
        # to make a surname ambiguous.
        by_surname = {
            surname: frozenset(name for key, name in full.items() if support[key] >= 2)
            for surname, full in names.items()
        }
        bare = frozenset(key for key, vote in votes.items() if vote >= 0)
        return cls(by_surname, bare)

    def full_name(self, name: str) -> str | None:
        """The one full name ending with the single word ``name``; None if none or several."""
        if " " in name:
            return None
        full = self.by_surname.get(name_key(name), frozenset())
        return next(iter(full)) if len(full) == 1 else None

    def relink(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Link the bare person names of one article to full names from the corpus."""
        out = []
        for m in mentions:
            person = m.label == "PERSON" or (m.label == "MISC" and name_key(m.name) in self.bare_persons)
            full = self.full_name(m.name) if person else None
            out.append(replace(m, name=full, label="PERSON", guessed=False) if full is not None else m)
        return out
