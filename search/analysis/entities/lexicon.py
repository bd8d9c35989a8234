"""Word lists that drive the rule-based extractor, loaded once from ``data/lexicon.txt``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

_HEAD_LABELS = ("org", "fac", "loc", "event")
_FIRST_LABELS = ("org", "gpe", "loc", "fac", "event")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Closed word classes. Lower-case sets are compared with ``token.lower()``."""

    stop: frozenset[str]  # function words and sentence adverbs: never names, split chains
    time: frozenset[str]  # months, weekdays, time zones: never names on their own
    junk: frozenset[str]  # wire-service abbreviations and sign-offs ("Shr", "Mln", "Reuter")
    acronyms: frozenset[str]  # all-caps words that are not names ("GDP", "CEO")
    titles: frozenset[str]  # capitalised titles before a person ("President", "Prime Minister")
    lower_titles: frozenset[str]  # lower-case roles before a person ("minister", "striker")
    heads: dict[str, str]  # last word -> label ("Corp" -> ORG, "Palace" -> FAC)
    firsts: dict[str, str]  # first word before "of" -> label ("Bank" -> ORG, "Republic" -> GPE)
    place_tails: frozenset[str]  # last words of a place unless a given name starts it ("Green")
    place_leads: frozenset[str]  # first words of a part of a known place ("Inner", "Western")
    non_person: frozenset[str]  # first words that make a span unlikely to be a person ("National")
    particles: frozenset[str]  # lower-case words allowed inside names ("of", "de", "van der")
    given_names: frozenset[str]
    generic: frozenset[str]  # capitalised common nouns that are no name alone ("Radio")

    def never_alone(self, token: str) -> bool:
        """True for words that are never an entity on their own."""
        low = token.lower()
        return low in self.stop or low in self.time or low in self.junk or low in self.acronyms

    def generic_alone(self, token: str) -> bool:
        """True for common nouns, adjectives and bare head words ("Radio", "Federal", "Bank")."""
        lex = (self.generic, self.heads, self.firsts, self.titles, self.non_person)
        return any(token in words for words in lex)

    def splits(self, token: str) -> bool:
        """True for words that end a name when they occur inside a capitalised run."""
        low = token.lower()
        return low in self.stop or low in self.junk


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return sections


def _data(name: str) -> str:
    return resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")


@cache
def lexicon() -> Lexicon:
    """The shared lexicon, read from the package data on first use."""
    sec = _sections(_data("lexicon.txt"))
    given = _sections("[given]\n" + _data("given_names.txt"))["given"]

    def lower(name: str) -> frozenset[str]:
        return frozenset(word.lower() for word in sec.get(name, []))

    heads = {w: label.upper() for label in _HEAD_LABELS for w in sec.get(f"{label}_head", [])}
    firsts = {w: label.upper() for label in _FIRST_LABELS for w in sec.get(f"{label}_first", [])}
    return Lexicon(
        stop=lower("stop"),
        time=lower("time"),
        junk=lower("junk"),
        acronyms=lower("acronym"),
        titles=frozenset(sec.get("title", [])),
        lower_titles=lower("ltitle"),
        heads=heads,
        firsts=firsts,
        place_tails=frozenset(sec.get("place_tail", [])),
        place_leads=frozenset(sec.get("place_lead", [])),
        non_person=frozenset(sec.get("nonperson", [])),
        particles=lower("particle"),
        given_names=frozenset(given),
        generic=frozenset(sec.get("generic", [])),
    )
