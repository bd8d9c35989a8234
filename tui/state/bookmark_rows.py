"""What a bookmark or a note is, and how one read back from disk is checked.

Whatever is read back (a row of the database, an item of the old ``bookmarks.json``) may have been
edited by hand or damaged: a value of the wrong type is dropped and reported, never trusted."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

KINDS = ("article", "entity", "search", "topic")


@dataclass(frozen=True)
class Bookmark:
    kind: str  # one of KINDS
    key: str  # article id, entity id, query text, topic id
    label: str  # what a list of bookmarks shows
    state: dict[str, Any] = field(default_factory=dict, compare=False)  # e.g. a search's filters
    created: str = field(default="", compare=False)  # ISO 8601, UTC


@dataclass(frozen=True)
class Note:
    text: str
    updated: str  # ISO 8601, UTC


class Problems:
    """Problems found in what was read back, each reason said once with how often it came up."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, reason: str) -> None:
        self.counts[reason] += 1

    def lines(self, where: str) -> list[str]:
        return [
            f"{where}: {reason}" + (f" ({count} times)" if count > 1 else "")
            for reason, count in self.counts.items()
        ]


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_filters(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(facet, str) and isinstance(values, list) and all(isinstance(v, str) for v in values)
        for facet, values in value.items()
    )


# The view state a bookmark may carry, and the check each value must pass.
_STATE_CHECKS = {
    "filters": _is_filters,
    "cursor": _is_count,
    "scroll": _is_count,
    "query": lambda v: isinstance(v, str),
    "type": lambda v: isinstance(v, str),
    "sort": lambda v: isinstance(v, str),
}


def clean_state(state: object, problems: Problems) -> dict[str, Any]:
    """The values of ``state`` a screen can use; every other value is dropped and reported."""
    if not isinstance(state, dict):
        problems.add(f"a bookmark's saved view is {type(state).__name__}, not an object; dropped")
        return {}
    kept: dict[str, Any] = {}
    for name, value in state.items():
        check = _STATE_CHECKS.get(name)
        if check is None:
            problems.add(f"unknown saved view setting {str(name)[:40]!r}; dropped")
        elif not check(value):
            problems.add(f"a bookmark's saved {name} has the wrong type ({type(value).__name__}); dropped")
        else:
            kept[name] = value
    return kept


def bookmark_from(
    kind: object, key: object, label: object, state: object, created: object, problems: Problems
) -> Bookmark | None:
    """A checked bookmark, or None (reported) when it cannot be used."""
    if kind not in KINDS:
        problems.add(f"a bookmark of unknown kind {str(kind)[:40]!r}; dropped")
        return None
    if not (isinstance(key, str) and isinstance(label, str)):
        problems.add("a bookmark's key or label is not text; dropped")
        return None
    if isinstance(state, str):
        try:
            state = json.loads(state)
        except (ValueError, RecursionError):
            state = None
    return Bookmark(
        str(kind), key, label, clean_state(state, problems), created if isinstance(created, str) else ""
    )


def note_from(text: object, updated: object, problems: Problems) -> Note | None:
    if not isinstance(text, str):
        problems.add("a note's text is not text; dropped")
        return None
    return Note(text, updated if isinstance(updated, str) else "")


Legacy = dict[str, tuple[list[Bookmark], dict[str, Note]]]


def parse_legacy(raw: bytes, problems: Problems) -> Legacy:
    """The bookmarks and notes of an old ``bookmarks.json``; ValueError when it is not one at all."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as err:  # ValueError covers bad UTF-8 and bad JSON
        raise ValueError(f"not valid JSON: {str(err)[:200]}") from err
    if not isinstance(data, dict) or not isinstance(data.get("corpora"), dict):
        raise ValueError("not a bookmarks file (no 'corpora' object)")
    found: Legacy = {}
    for corpus, entry in data["corpora"].items():
        entry = entry if isinstance(entry, dict) else {}
        marks = entry.get("bookmarks") if isinstance(entry.get("bookmarks"), list) else []
        texts = entry.get("notes") if isinstance(entry.get("notes"), dict) else {}
        if not marks and not texts:
            problems.add(f"corpus {corpus[:200]} has no bookmarks or notes that can be read")
        kept = []
        for item in marks:
            item = item if isinstance(item, dict) else {}
            fields = (item.get(name) for name in ("kind", "key", "label", "state", "created"))
            mark = bookmark_from(*fields, problems)
            if mark is not None:
                kept.append(mark)
        notes = {}
        for article_id, item in texts.items():
            item = item if isinstance(item, dict) else {}
            note = note_from(item.get("text"), item.get("updated"), problems)
            if note is not None:
                notes[article_id] = note
        found[corpus] = (kept, notes)
    return found
