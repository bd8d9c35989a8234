"""User entity file: canonical names, types, aliases, descriptions, merges and ignores.

The file is TOML::

    [[entity]]
    name = "Donald Trump"          # canonical name (required)
    type = "PERSON"                # optional: PERSON ORG GPE LOC NORP EVENT PRODUCT FAC MISC
    aliases = ["Trump", "President Trump"]   # merged into this entity
    description = "45th and 47th US president"

    [ignore]
    names = ["Reuter"]             # never an entity, whatever the extractor says

Listing an existing name among the aliases of another entity merges the two. Names and
aliases match case- and dot-insensitively ("U.S." ~ "us").
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from search.analysis.entities.gazetteer import Known
from search.analysis.entities.types import LABELS, Mention, name_key

_ENTITY_KEYS = frozenset({"name", "type", "aliases", "description"})


class UserEntitiesError(ValueError):
    """The user entity file cannot be used; the message names the file (and line if known)."""


@dataclass(frozen=True, slots=True)
class UserEntity:
    name: str
    label: str = ""  # "" keeps the extracted label
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class UserEntities:
    entities: tuple[UserEntity, ...] = ()
    ignore: frozenset[str] = frozenset()  # name keys
    _by_key: dict[str, UserEntity] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for entity in self.entities:
            for surface in (entity.name, *entity.aliases):
                self._by_key.setdefault(name_key(surface), entity)

    def lookup(self, surface: str) -> UserEntity | None:
        return self._by_key.get(name_key(surface))

    def ignores(self, surface: str) -> bool:
        return name_key(surface) in self.ignore

    def description(self, name: str) -> str:
        entity = self.lookup(name)
        return entity.description if entity is not None else ""

    def known(self) -> dict[str, Known]:
        """Surface forms for :class:`RuleExtractor` so that aliases are found as written."""
        return {
            surface: Known(entity.name, entity.label or "MISC")
            for entity in self.entities
            for surface in (entity.name, *entity.aliases)
        }


def _fail(path: Path, message: str) -> UserEntitiesError:
    return UserEntitiesError(f"{path}: {message}")


def _strings(path: Path, where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _entity(path: Path, index: int, raw: object) -> UserEntity:
    where = f"[[entity]] #{index}"
    if not isinstance(raw, dict):
        raise _fail(path, f"{where} must be a table")
    unknown = sorted(set(raw) - _ENTITY_KEYS)
    if unknown:
        raise _fail(path, f"{where}: unknown key(s) {', '.join(unknown)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, f"{where}: 'name' is required and must be a non-empty string")
    where = f"{where} ({name})"
    label = raw.get("type", "")
    if not isinstance(label, str) or (label and label.upper() not in LABELS):
        raise _fail(path, f"{where}: 'type' must be one of {', '.join(LABELS)}")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise _fail(path, f"{where}: 'description' must be a string")
    aliases = _strings(path, f"{where}: 'aliases'", raw.get("aliases", []))
    return UserEntity(name.strip(), label.upper(), aliases, description.strip())


def parse_user_entities(data: dict[str, object], path: Path) -> UserEntities:
    """Validate the decoded TOML of a user entity file."""
    unknown = sorted(set(data) - {"entity", "ignore"})
    if unknown:
        raise _fail(path, f"unknown top-level key(s) {', '.join(unknown)}")
    raw_entities = data.get("entity", [])
    if not isinstance(raw_entities, list):
        raise _fail(path, "'entity' must be an array of tables: write [[entity]]")
    entities = tuple(_entity(path, i, raw) for i, raw in enumerate(raw_entities, start=1))
    owners: dict[str, str] = {}
    for entity in entities:
        for surface in (entity.name, *entity.aliases):
            owner = owners.setdefault(name_key(surface), entity.name)
            if owner != entity.name:
                raise _fail(path, f"'{surface}' is given for both '{owner}' and '{entity.name}'")
    ignore = data.get("ignore", {})
    if not isinstance(ignore, dict) or set(ignore) - {"names"}:
        raise _fail(path, "[ignore] may only hold 'names'")
    names = _strings(path, "[ignore] names", ignore.get("names", []))
    return UserEntities(entities, frozenset(name_key(n) for n in names))


def load_user_entities(path: str | Path) -> UserEntities:
    """Read a user entity file; a missing file means no user entities."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return UserEntities()
    except (OSError, ValueError) as exc:  # TOMLDecodeError says "(at line L, column C)"
        raise _fail(path, str(exc)) from exc
    return parse_user_entities(data, path)


def apply_user(mentions: Sequence[Mention], user: UserEntities) -> list[Mention]:
    """Drop ignored mentions; give the others the user's canonical name and type."""
    if not user.entities and not user.ignore:
        return list(mentions)
    out = []
    for m in mentions:
        if user.ignores(m.text) or user.ignores(m.name):
            continue
        entity = user.lookup(m.name)
        if entity is None and len(m.name.split()) <= len(m.text.split()):
            entity = user.lookup(m.text)  # "Nato" when the canonical name is "NATO"; not a linked surname
        if entity is not None and (entity.name != m.name or (entity.label and entity.label != m.label)):
            m = replace(m, name=entity.name, label=entity.label or m.label)
        out.append(m)
    return out
