"""Known names: countries, places and organisations shipped as TSV files in ``data/``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

DEMONYM = "demonym"
# Files with rows "name, label, aliases, demonyms"; countries.tsv has its own layout.
_NAMED_FILES = ("places.tsv", "organisations.tsv", "events.tsv", "groups.tsv", "products.tsv")
_NO_PLURAL = ("s", "sh", "ch", "x", "z", "ese", "man", "men")


@dataclass(frozen=True, slots=True)
class Known:
    """What a known surface form stands for."""

    name: str
    label: str
    context: str = ""  # "demonym" when the surface is a nationality adjective


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Exact surface form -> :class:`Known`, plus helpers for multi-word lookups."""

    entries: Mapping[str, Known]
    upper: Mapping[str, Known] = field(default_factory=dict)  # "HONG KONG" -> Hong Kong
    max_words: int = 1

    def get(self, surface: str) -> Known | None:
        return self.entries.get(surface)

    def get_upper(self, surface: str) -> Known | None:
        """Look up an ALL-CAPS surface (wire datelines: "NEW YORK")."""
        return self.upper.get(surface.upper())

    def with_extra(self, extra: Mapping[str, Known]) -> Gazetteer:
        """A copy that also knows ``extra`` (which wins over the shipped data)."""
        if not extra:
            return self
        return _build({**self.entries, **extra})


def _plural(demonym: str) -> str | None:
    return None if demonym.endswith(_NO_PLURAL) else demonym + "s"


def _fields(line: str, count: int) -> list[str]:
    parts = line.rstrip("\n").split("\t")
    return (parts + [""] * count)[:count]


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


def _rows(name: str) -> Iterable[str]:
    text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return (line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _add_demonyms(entries: dict[str, Known], cell: str, place: Known) -> None:
    for demonym in _split(cell):
        known = Known(place.name, place.label, DEMONYM)
        entries.setdefault(demonym, known)
        plural = _plural(demonym)
        if plural:
            entries.setdefault(plural, known)


def _load_entries() -> dict[str, Known]:
    entries: dict[str, Known] = {}
    for line in _rows("countries.tsv"):
        name, aliases, demonyms, capitals = _fields(line, 4)
        country = Known(name, "GPE")
        for surface in [name, *_split(aliases)]:
            entries.setdefault(surface, country)
        _add_demonyms(entries, demonyms, country)
        for capital in _split(capitals):
            entries.setdefault(capital, Known(capital, "GPE"))
    for file in _NAMED_FILES:
        for line in _rows(file):
            name, label, aliases, demonyms = _fields(line, 4)
            known = Known(name, label)
            for surface in [name, *_split(aliases)]:
                entries.setdefault(surface, known)
            _add_demonyms(entries, demonyms, known)
    return entries


def _build(entries: Mapping[str, Known]) -> Gazetteer:
    upper = {surface.upper(): known for surface, known in entries.items() if len(surface) > 3}
    max_words = max((len(surface.split()) for surface in entries), default=1)
    return Gazetteer(dict(entries), upper, max_words)


@cache
def countries() -> frozenset[str]:
    """The names of the countries (their canonical names, as the gazetteer gives them)."""
    return frozenset(_fields(line, 1)[0] for line in _rows("countries.tsv"))


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read from the package data on first use."""
    return _build(_load_entries())
