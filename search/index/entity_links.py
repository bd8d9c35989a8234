"""The corpus's entities after linking, the maps between them and what the index holds.

The index's ``entity`` facet holds each article's first-pass names ("Abe" where the
article never says "Shinzo Abe"); linking across the corpus may give such a name
its full entity. These maps let a query or a filter for an entity find every
first-pass name it was linked from, and let facet counts speak of linked entities.

Linking reads every article's first-pass mentions (seconds for 50,000 articles), so
its result is kept beside the index (``links.msgpack``, a data file: see ``datafile``), under
the analysis key it was made with and the stamp of the mentions it was linked from (``source``).
It is kept in the shapes the screens ask for: each article's mentions, and each entity's, as
small blobs unpacked when one is shown; loading is quick and memory stays small. With them is
what linking counted (a ``CorpusLinker``, one blob unpacked only for an update), so that when a
few articles change, ``updated`` links again only the articles and entities they reach. The
first-pass mentions it was linked from are not saved again: only how they differ from the
saved mentions' whole (``linker_data.first_saved``), which an update reads them from. Maps that
are quick to make from what is saved (entity by name key, slot by name key) are made when
first needed, not saved.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Mapping, MutableSequence, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import msgpack
from rapidfuzz import utils

from search.analysis import entities as entities_package
from search.analysis.entities.corpus_linker import CorpusLinker, unpack
from search.analysis.entities.table import table_order
from search.analysis.entities.types import Entity, Mention, entity_id, name_key
from search.analysis.entities.user import UserEntities
from search.atomic import write_atomic
from search.index import linker_data
from search.index.bulk import file_version, version_of, without_gc
from search.index.datafile import LONG, DamagedFile, columns, dump, from_columns, read
from search.index.datafile import load as load_data
from search.index.entity_rows import Row, Table, order_key, row

LINKS_NAME = "links.msgpack"
FORMAT = 4  # (1: a pickle, never read; 2: without what an update needs; 3: zlib, every first pass)
_MAPS = ("entity_of_first", "article_rows", "article_entities")  # saved as columns
_DERIVED = ("keys", "by_key")  # made again when needed (see ``_keys``, ``_key_owners``)

MentionAt = tuple[str, int, int, str]  # one mention of an entity: (article id, start, end, text)
Saved = tuple[str, dict[str, Any]]  # the links as saved: the key they were made with, their state
ReadAhead = tuple[str, Saved | None]  # the links file as ``read_ahead`` read it, and its version


class EntityLinks:
    def __init__(self, state: dict[str, Any], made: Mapping[int, Entity] | None = None) -> None:
        """From ``build``, ``updated`` or ``load``; ``state`` is what ``save`` writes. Entities are
        kept in slots that stay theirs across updates (``made``: those of unchanged slots)."""
        self._state = state
        self.source: str = state["source"]  # the saved mentions they were linked from
        rows: list[Row | None] = state["entities"]
        order = array("I", state["order"])
        self.entities = Table(order, rows, state["articles"], dict(made or {}))
        self._slot: dict[str, int] = {rows[slot][0]: slot for slot in order}  # type: ignore[index]
        self._entity_of_first: dict[str, str] = state["entity_of_first"]
        self._firsts: dict[str, set[str]] | None = None  # entity id -> its first-pass names, when asked
        self.choices: list[str] = state["choices"]  # names and aliases, for fuzzy matching
        self.choice_owner: array[int] = array("I", state["choice_owner"])  # their entities' indexes
        self._linker: CorpusLinker | None = None  # what an update starts from (see ``linker``)
        self.code = ""  # the analysis and linking code they were made with (set by their owner)
        self._folder: Path | None = None  # where they were loaded from (the saved mentions are there)

    @classmethod
    def build(cls, linker: CorpusLinker, source: str) -> EntityLinks:
        """The links of a freshly linked corpus (``source``: the saved mentions it was linked from)."""
        rows = sorted((e for k in linker.spellings if (e := linker.entity(k)) is not None), key=table_order)
        slot_of = {name_key(e.name): slot for slot, e in enumerate(rows)}
        number = linker.number
        found: list[list[tuple[int, int, int, str]]] = [[] for _ in rows]
        seen = {aid: _scan(number[aid], unpack(blob), slot_of, found) for aid, blob in linker.final.items()}
        state = {
            "source": source,
            "articles": linker.articles,
            "entities": [row(e, number) for e in rows],
            "keys": list(slot_of),
            "order": array("I", range(len(rows))).tobytes(),
            "entity_of_first": dict(linker.entity_of_first),
            "article_rows": linker.final,
            "article_entities": seen,
            "entity_mentions": [msgpack.packb(f) for f in found],
            "linker": None,
            "first": None,  # (both made by ``save``)
        }
        state.update(_choices(state["entities"]))
        links = cls(state)
        links._linker = linker
        return links

    def updated(
        self, changes: Mapping[str, Sequence[Mention] | None], user: UserEntities, source: str
    ) -> EntityLinks:
        """The links after ``changes`` (article -> its new first-pass mentions; None: gone), linking
        again only the articles they reach. These links are not to be updated again after."""
        linker = self.linker(user)
        if linker is None:
            raise DamagedFile("links: the mentions they were linked from are gone")
        old = dict(linker.number)  # (before the change)
        delta = linker.apply(changes)
        state = dict(self._state, source=source, articles=linker.articles, linker=None, first=None)
        keys, rows, found = list(_keys(state)), list(state["entities"]), list(state["entity_mentions"])
        seen = state["article_entities"] = dict(state["article_entities"])
        slot_of = {k: slot for slot, k in enumerate(keys) if k is not None}
        made = self.entities.made()  # (those asked for so far: the others are made when asked)
        remade = set()
        for key in delta.keys:
            slot, entity = slot_of.get(key), linker.entity(key)
            if slot is None and entity is None:
                continue
            if slot is None:
                slot = slot_of[key] = len(keys)
                keys.append(key), rows.append(None), found.append(b"")  # type: ignore[func-returned-value]
            made.pop(slot, None)
            remade.add(slot)
            if entity is None:
                keys[slot] = rows[slot] = None
                found[slot] = b""
                del slot_of[key]
            else:
                rows[slot] = row(entity, linker.number)
        gone = {old[aid] for aid in delta.articles if aid in old}
        added: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
        for aid in delta.articles:
            if aid in linker.final:
                seen[aid] = _scan(linker.number[aid], unpack(linker.final[aid]), slot_of, added)
            else:
                seen.pop(aid, None)
        for slot in {slot_of[k] for k in delta.keys if k in slot_of}:
            kept = [m for m in msgpack.unpackb(found[slot]) if m[0] not in gone] if found[slot] else []
            found[slot] = msgpack.packb(kept + added.get(slot, []))
        live = [slot for slot in array("I", self._state["order"]) if slot not in remade]  # (in order still)
        for slot in remade:
            if rows[slot] is not None:
                insort(live, slot, key=lambda s: order_key(rows[s]))  # type: ignore[arg-type]
        state.update(keys=keys, entities=rows, entity_mentions=found, order=array("I", live).tobytes())
        texts = self._texts()
        kept = (rows[slot][0] for slot in live if slot not in remade)  # type: ignore[index]
        known = {eid: texts[eid] for eid in kept if eid in texts}
        state.update(entity_of_first=dict(linker.entity_of_first), **_choices([rows[s] for s in live], known))  # type: ignore[misc]
        links = EntityLinks(state, made)
        links._linker, self._linker = linker, None
        return links

    def _texts(self) -> dict[str, list[tuple[str, str]]]:
        """The palette's (name key, choice) of each entity, by id (made already: an update makes them
        again only for the entities it changed)."""
        ids = self.entities.ids()
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, choice, owner in zip(
            self._state["choice_keys"], self.choices, self.choice_owner, strict=True
        ):
            found[ids[owner]].append((key, choice))
        return found

    def forget_linker(self) -> None:
        """Drop what an update started from (an update that failed half way left it changed)."""
        self._linker = None

    def linker(self, user: UserEntities) -> CorpusLinker | None:
        """What these links were linked with, to update them (``DamagedFile`` when it cannot be read;
        None when the saved mentions it was linked from have been saved anew since)."""
        if self._linker is None:
            state = self._state
            try:
                first = linker_data.first(self._folder, state["first"])
                if first is None:
                    return None
                self._linker = linker_data.unpack(
                    state["linker"], user, first, state["article_rows"], state["entity_of_first"]
                )
            except DamagedFile:
                raise
            except Exception as err:  # (data that passed the checksum, yet not what was saved)
                raise DamagedFile(f"links: not what brief-tui saves ({type(err).__name__})") from None
        return self._linker

    # -- kept beside the index -------------------------------------------------------------

    def save(self, folder: Path, key: str) -> None:
        """Save under ``key`` (the analysis and linking code they were made with)."""
        state = {k: columns(v) if k in _MAPS else v for k, v in self._state.items() if k not in _DERIVED}
        if self._linker is not None:
            state["linker"] = linker_data.pack(self._linker)
            state["first"] = linker_data.first_saved(folder, self.source, self._linker.first)
        write_atomic(
            folder / LINKS_NAME, dump("links", FORMAT, {"key": key, "state": state}, level=LONG, long=True)
        )

    @classmethod
    def load(cls, folder: Path, key: str, ahead: ReadAhead | None = None) -> EntityLinks | None:
        """The saved links if they were made with ``key`` (the analysis and linking code; see
        ``source`` for the mentions); None when there are none or they are stale, ``DamagedFile``
        when they are bad. ``ahead``: the file as ``read_ahead`` read it, used if it is still the
        file saved."""
        with without_gc():
            if ahead is not None and ahead[0] == file_version(folder / LINKS_NAME):
                saved = ahead[1]
            else:
                saved = _saved(read(folder / LINKS_NAME, "links", FORMAT))
            if saved is None or saved[0] != key:
                return None
            state = saved[1]
            try:
                base = state["first"]["base"] if state["first"] else ""
            except Exception as err:  # (data that passed the checksum, yet not what was saved)
                raise DamagedFile(f"links: not what brief-tui saves ({type(err).__name__})") from None
            if linker_data.stale(folder, state["source"], base):
                return None
            try:
                links = cls(state)
            except Exception as err:
                raise DamagedFile(f"links: not what brief-tui saves ({type(err).__name__})") from None
            links._folder = folder
            return links

    @staticmethod
    def read_ahead(folder: Path) -> ReadAhead | None:
        """The saved links file read and decoded, with no lock held (most of what ``load`` does):
        while another thread updates the index, which never writes this file. None when there is
        none, or it is damaged (``load`` says so)."""
        try:
            raw = (folder / LINKS_NAME).read_bytes()
            with without_gc():
                return version_of(raw), _saved(load_data(raw, "links", FORMAT))
        except (OSError, DamagedFile):
            return None

    # -- questions -------------------------------------------------------------------------

    def entity(self, entity_id_: str) -> Entity | None:
        slot = self._slot.get(entity_id_)
        return None if slot is None else self.entities.slot(slot)

    def entity_of(self, mention: Mention) -> Entity | None:
        """The entity a linked mention (from ``mentions``) belongs to."""
        return self.entity(entity_id(mention.label, mention.name))

    def find(self, name: str) -> Entity | None:
        """The entity called ``name`` (its name or an alias, any case), or with that id."""
        if (entity := self.entity(name)) is not None:
            return entity
        i = _key_owners(self._state).get(name_key(name))
        return self.entities[i] if i is not None else None

    def mentions(self, article_id: str) -> list[Mention]:
        """An article's mentions after linking, in text order."""
        rows = self._state["article_rows"].get(article_id)
        return [Mention(*row) for row in msgpack.unpackb(rows)] if rows else []

    def mentions_of(self, entity: Entity) -> list[MentionAt]:
        """Every mention of ``entity``, by article (in ``entity.article_ids`` order), in text order."""
        i = self._slot.get(entity.id)
        if i is None:
            return []
        articles = self._state["articles"]
        found = [(articles[n], start, end, text) for n, start, end, text in msgpack.unpackb(
            self._state["entity_mentions"][i]
        )]  # fmt: skip
        found.sort(key=lambda m: m[0])  # stable: text order within an article
        return found

    def first_pass_names(self, name: str) -> list[str]:
        """The index's ``entity`` values to look for when a user asks for ``name``."""
        entity = self.find(name)
        if entity is None:
            return [name.lower()]
        if self._firsts is None:
            self._firsts = defaultdict(set)
            for first, eid in self._entity_of_first.items():
                self._firsts[eid].add(first)
        return sorted(self._firsts.get(entity.id, set()) | {entity.name.lower()})

    def display_name(self, first_pass_name: str) -> str:
        """The linked entity's name for a first-pass name from the index (for facet counts)."""
        eid = self._entity_of_first.get(first_pass_name.lower())
        entity = self.entity(eid) if eid else None
        return entity.name if entity else first_pass_name

    def cooccurring(self, entity: Entity) -> list[tuple[Entity, int]]:
        """Every other entity found in the articles that mention ``entity``, with how many (unranked)."""
        counts: Counter[int] = Counter()
        seen = self._state["article_entities"]
        for article_id in entity.article_ids:
            counts.update(array("I", seen.get(article_id, b"")))
        counts.pop(self._slot.get(entity.id, -1), None)
        return [(self.entities.slot(i), n) for i, n in counts.items()]


def _saved(data: Any) -> Saved | None:
    """The key and the state of links as ``read`` gives them (None: there are none)."""
    if data is None:
        return None
    try:
        state = {k: from_columns(v) if k in _MAPS else v for k, v in data["state"].items()}
        state["articles"] = list(state["articles"])
        return data["key"], state
    except Exception as err:  # (data that passed the checksum, yet not what was saved)
        raise DamagedFile(f"links: not what brief-tui saves ({type(err).__name__})") from None


def _keys(state: dict[str, Any]) -> list[str | None]:
    """Each slot's name key (None: the slot of an entity gone): the first of its entity's palette
    names is its name (see ``_choices``)."""
    if "keys" not in state:
        keys: list[str | None] = [None] * len(state["entities"])
        order = array("I", state["order"])
        for key, owner in zip(state["choice_keys"], array("I", state["choice_owner"]), strict=True):
            if keys[order[owner]] is None:
                keys[order[owner]] = key
        state["keys"] = keys
    return state["keys"]  # type: ignore[no-any-return]


def _key_owners(state: dict[str, Any]) -> dict[str, int]:
    """The entity (its index) of each name key of the palette's names (see ``_choices``)."""
    if "by_key" not in state:
        by_key: dict[str, int] = {}
        for key, owner in zip(state["choice_keys"], array("I", state["choice_owner"]), strict=True):
            by_key.setdefault(key, owner)
        state["by_key"] = by_key
    return state["by_key"]  # type: ignore[no-any-return]


def _scan(
    n: int,
    final: Sequence[Mention],
    slot_of: Mapping[str, int],
    found: MutableSequence | Mapping,  # type: ignore[type-arg]
) -> bytes:
    """Add article ``n``'s mentions to their entities' (``found``, by slot); its entities' slots."""
    seen = set()
    for m in final:
        slot = slot_of[name_key(m.name)]
        found[slot].append((n, m.start, m.end, m.text))
        seen.add(slot)
    return array("I", sorted(seen)).tobytes()


def _choices(rows: Sequence[Row], known: Mapping[str, list[tuple[str, str]]] | None = None) -> dict[str, Any]:
    """The names and aliases of the entities saved as ``rows`` (most mentioned first) for the palette,
    and by name key (``known``: those of some entities, by id, as made before)."""
    by_key: dict[str, int] = {}
    keys, choices, owner = [], [], array("I")
    for i, (eid, name, _, aliases, *_) in enumerate(
        rows
    ):  # most mentioned first: a shared alias goes to the bigger one
        texts = (known or {}).get(eid)
        if texts is None:
            texts = [(name_key(t), utils.default_process(t)) for t in (name, *aliases)]
        for key, choice in texts:
            by_key.setdefault(key, i)
            keys.append(key)
            choices.append(choice)
            owner.append(i)
    return {"by_key": by_key, "choice_keys": keys, "choices": choices, "choice_owner": owner.tobytes()}


@cache
def linking_code() -> str:
    """A digest of the entity analysis (code and data): links saved by another version are not reused."""
    digest = hashlib.sha1()
    for path in sorted(Path(entities_package.__file__).parent.rglob("*")):
        if path.suffix in (".py", ".tsv", ".txt"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
