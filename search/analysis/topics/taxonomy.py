"""The policy-topic taxonomy: the default ``taxonomy.toml`` merged with user files.

A top-level TOML table is a broad area; a table nested inside it is a subtopic
whose id is the table path (``[defence.spending]`` -> ``"defence.spending"``).
User files use the same layout. For a topic id that already exists they replace
only the fields they set; a new id adds a topic (it needs a ``label``);
``enabled = false`` hides a topic, and hiding an area hides its subtopics.
Files are merged in order, so a later file wins.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_TAXONOMY = Path(__file__).with_name("taxonomy.toml")

Keyword = tuple[str, float]

_FIELDS = frozenset({"label", "description", "aliases", "keywords", "enabled", "needs_area", "defers_to"})


class TopicFileError(ValueError):
    """A taxonomy file that cannot be read, parsed or understood."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic. ``parent`` is the id of its area, or None for an area itself."""

    id: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    parent: str | None = None
    names: frozenset[str] = frozenset()  # keywords that are names: evidence only where the area leads
    needs_area: bool = False  # a subtopic found only with a keyword of its area too
    defers_to: frozenset[str] = frozenset()  # topics whose own evidence makes this one their subject

    @property
    def area(self) -> str:
        return self.parent or self.id


@dataclass(frozen=True)
class Taxonomy:
    """The enabled topics in file order: each area followed by its subtopics."""

    topics: tuple[Topic, ...]
    _by_id: dict[str, Topic] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {t.id: t for t in self.topics})

    def __getitem__(self, topic_id: str) -> Topic:
        return self._by_id[topic_id]

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._by_id

    def __iter__(self) -> Iterator[Topic]:
        return iter(self.topics)

    def __len__(self) -> int:
        return len(self.topics)

    def areas(self) -> list[Topic]:
        return [t for t in self.topics if t.parent is None]

    def children(self, area_id: str) -> list[Topic]:
        return [t for t in self.topics if t.parent == area_id]


def load_taxonomy(user_files: Sequence[Path] = ()) -> Taxonomy:
    """The default taxonomy with ``user_files`` merged over it, in order.

    Raises ``TopicFileError`` naming the file for unreadable or malformed TOML
    (with tomllib's line and column) and for fields of the wrong shape.
    """
    merged: dict[str, dict[str, Any]] = {}
    defers_set_in: dict[str, Path] = {}
    for path in (DEFAULT_TAXONOMY, *user_files):
        for topic_id, fields in _read_topic_tables(path):
            parent = topic_id.rpartition(".")[0]
            if parent and parent not in merged:
                raise TopicFileError(path, f"[{topic_id}]: unknown area {parent!r} (define [{parent}] first)")
            if topic_id not in merged and "label" not in fields:
                raise TopicFileError(path, f"[{topic_id}]: a new topic needs a label")
            merged.setdefault(topic_id, {}).update(fields)
            if "defers_to" in fields:
                defers_set_in[topic_id] = path
    for topic_id, path in defers_set_in.items():
        unknown = [t for t in merged[topic_id]["defers_to"] if t not in merged]
        if unknown:
            raise TopicFileError(path, f"[{topic_id}]: defers_to names an unknown topic {unknown[0]!r}")
    return Taxonomy(tuple(_build(merged)))


def _build(merged: dict[str, dict[str, Any]]) -> Iterator[Topic]:
    def enabled(topic_id: str) -> bool:
        return bool(merged[topic_id].get("enabled", True))

    for topic_id, fields in merged.items():
        parent = topic_id.rpartition(".")[0]
        if not enabled(topic_id) or (parent and not enabled(parent)):
            continue
        yield Topic(
            id=topic_id,
            label=fields["label"],
            description=fields.get("description", ""),
            aliases=tuple(fields.get("aliases", ())),
            keywords=tuple(fields.get("keywords", ())),
            parent=parent or None,
            names=frozenset(fields.get("names", ())),
            needs_area=fields.get("needs_area", False),
            defers_to=frozenset(fields.get("defers_to", ())),
        )


def _read_topic_tables(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(topic id, checked fields) for every topic table in ``path``, each area before its subtopics."""
    try:
        with path.open("rb") as f:
            document = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise TopicFileError(path, f"invalid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TopicFileError(path, f"cannot read: {exc}") from exc
    for area_id, area in document.items():
        if not isinstance(area, dict):
            raise TopicFileError(path, f"{area_id!r} must be a table like [{area_id}]")
        subtopics = {k: v for k, v in area.items() if isinstance(v, dict)}
        fields = {k: v for k, v in area.items() if k not in subtopics}
        if fields:
            yield area_id, _checked(path, area_id, fields)
        for sub_id, sub in subtopics.items():
            topic_id = f"{area_id}.{sub_id}"
            nested = [k for k, v in sub.items() if isinstance(v, dict)]
            if nested:
                raise TopicFileError(path, f"[{topic_id}.{nested[0]}]: topics nest one level only")
            yield topic_id, _checked(path, topic_id, sub)


def _checked(path: Path, topic_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` of one topic table, validated and normalised."""

    def fail(message: str) -> TopicFileError:
        return TopicFileError(path, f"[{topic_id}]: {message}")

    unknown = sorted(set(fields) - _FIELDS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r} (known: {', '.join(sorted(_FIELDS))})")
    checked: dict[str, Any] = {}
    for name, value in fields.items():
        if name in ("enabled", "needs_area"):
            if not isinstance(value, bool):
                raise fail(f"{name} must be true or false")
            if name == "needs_area" and "." not in topic_id:
                raise fail("needs_area is for a subtopic (an area's own keywords are its context)")
            checked[name] = value
        elif name == "keywords":
            if not isinstance(value, list):
                raise fail("keywords must be a list")
            entries = [_keyword(item, fail) for item in value]
            checked[name] = [(phrase, weight) for phrase, weight, _ in entries]
            checked["names"] = [phrase for phrase, _, is_name in entries if is_name]
        elif name in ("aliases", "defers_to"):
            if not isinstance(value, list) or not all(_is_text(a) for a in value):
                raise fail(f"{name} must be a list of non-empty strings")
            checked[name] = [a.strip() for a in value]
        elif not isinstance(value, str) or (name == "label" and not _is_text(value)):
            raise fail(f"{name} must be a {'non-empty ' if name == 'label' else ''}string")
        else:
            checked[name] = value.strip()
    return checked


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _keyword(item: object, fail: Callable[[str], TopicFileError]) -> tuple[str, float, bool]:
    """A keyword entry: ``"phrase"`` or ``{ phrase = "...", weight = 2.0, name = true }``."""
    table: dict[str, Any] = (
        {"phrase": item} if isinstance(item, str) else item if isinstance(item, dict) else {}
    )
    phrase, weight, is_name = table.get("phrase"), table.get("weight", 1.0), table.get("name", False)
    if (
        not isinstance(phrase, str)
        or not phrase.strip()
        or set(table) - {"phrase", "weight", "name"}
        or isinstance(weight, bool)
        or not isinstance(weight, int | float)
        or not isinstance(is_name, bool)
    ):
        raise fail(
            f'keyword {item!r} must be a non-empty string or {{ phrase = "...", weight = 1.0, name = false }}'
        )
    if not 0 < weight < math.inf:  # also refuses nan
        raise fail(f"keyword {phrase!r} needs a positive, finite weight")
    return phrase.strip().lower(), float(weight), is_name
