"""The corpus's entities after linking, the maps between them and what the index holds.

The index's ``entity`` facet holds each article's first-pass names ("Abe" where the
article never says "Shinzo Abe"); linking across the corpus may give such a name
its full entity. These maps let a query or a filter for an entity find every
first-pass name it was linked from, and let facet counts speak of linked entities.

Linking reads every article's first-pass mentions (seconds for 50,000 articles), so
its result is kept beside the index (``links.msgpack``, a data file: see ``datafile``), under
the stamp of the mention store and the analysis key it was made from, and reused while both match. It is kept
in the shapes the screens ask for: each article's mentions, and each entity's, as
small blobs unpacked when one is shown; loading is quick and memory stays small.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgpack
from rapidfuzz import utils

from search.analysis import entities as entities_package
from search.analysis.entities.types import Entity, Mention, entity_id, name_key
from search.atomic import write_atomic
from search.index.bulk import without_gc
from search.index.datafile import DamagedFile, columns, dump, from_columns, read

if TYPE_CHECKING:
    from search.analysis.entities import CorpusEntities

LINKS_NAME = "links.msgpack"
FORMAT = 2  # (1: a pickle, never read)
_MAPS = ("entity_of_first", "by_key", "article_rows", "article_entities")  # saved as columns

MentionAt = tuple[str, int, int, str]  # one mention of an entity: (article id, start, end, text)


class EntityLinks:
    def __init__(self, state: dict[str, Any]) -> None:
        """From ``build`` or ``load``; ``state`` is what ``save`` writes."""
        self._state = state
        articles: list[str] = state["articles"]
        self.entities = [
            Entity(eid, name, label, aliases, about, tuple(map(articles.__getitem__, array("I", numbers))), n)
            for eid, name, label, aliases, about, numbers, n in state["entities"]
        ]
        self._by_id = {e.id: e for e in self.entities}
        self._index = {e.id: i for i, e in enumerate(self.entities)}
        self._entity_of_first: dict[str, str] = state["entity_of_first"]
        self._firsts: dict[str, set[str]] = defaultdict(set)
        for name, eid in self._entity_of_first.items():
            self._firsts[eid].add(name)
        self._by_key: dict[str, int] = state["by_key"]
        self.choices: list[str] = state["choices"]  # names and aliases, for fuzzy matching
        self.choice_owner: array[int] = array("I", state["choice_owner"])  # their entities' indexes

    @classmethod
    def build(cls, corpus: CorpusEntities, first_pass: Mapping[str, Sequence[Mention]]) -> EntityLinks:
        """The links of a freshly linked corpus (``first_pass``: what linking started from)."""
        entities = corpus.entities
        articles = list(corpus.mentions)
        number = {article_id: n for n, article_id in enumerate(articles)}
        scan = _Scan(entities)
        for n, (article_id, final) in enumerate(corpus.mentions.items()):
            scan.article(n, final, first_pass.get(article_id, ()))
        entity_of_first: dict[str, str] = {}
        best: dict[str, int] = {}
        for (name, eid), votes in scan.votes.items():  # ties: the first entity voted for, as most_common
            if votes > best.get(name, 0):
                entity_of_first[name], best[name] = eid, votes
        by_key: dict[str, int] = {}
        choices, owner = [], array("I")
        for i, entity in enumerate(entities):  # most mentioned first: a shared alias goes to the bigger one
            for text in (entity.name, *entity.aliases):
                by_key.setdefault(name_key(text), i)
                choices.append(utils.default_process(text))
                owner.append(i)
        state = {
            "articles": articles,
            "entities": [
                (e.id, e.name, e.label, e.aliases, e.description, _numbers(e, number), e.mention_count)
                for e in entities
            ],
            "entity_of_first": entity_of_first,
            "by_key": by_key,
            "choices": choices,
            "choice_owner": owner.tobytes(),
            "article_rows": dict(zip(articles, scan.rows, strict=True)),
            "article_entities": dict(zip(articles, scan.seen, strict=True)),
            "entity_mentions": [msgpack.packb(found) for found in scan.by_entity],
        }
        return cls(state)

    # -- kept beside the index -------------------------------------------------------------

    def save(self, folder: Path, key: str) -> None:
        state = {k: columns(v) if k in _MAPS else v for k, v in self._state.items()}
        write_atomic(folder / LINKS_NAME, dump("links", FORMAT, {"key": key, "state": state}))

    @classmethod
    def load(cls, folder: Path, key: str) -> EntityLinks | None:
        """The saved links if they were made from ``key`` (the saved mentions, analysis and linking
        code); None when there are none or they are stale, ``DamagedFile`` when they are bad."""
        with without_gc():
            data = read(folder / LINKS_NAME, "links", FORMAT)
            if data is None or data.get("key") != key:
                return None
            try:
                state = {k: from_columns(v) if k in _MAPS else v for k, v in data["state"].items()}
                return cls(state)
            except Exception as err:  # (data that passed the checksum, yet not what was saved)
                raise DamagedFile(f"links: not what brief-tui saves ({type(err).__name__})") from None

    # -- questions -------------------------------------------------------------------------

    def entity(self, entity_id_: str) -> Entity | None:
        return self._by_id.get(entity_id_)

    def entity_of(self, mention: Mention) -> Entity | None:
        """The entity a linked mention (from ``mentions``) belongs to."""
        return self._by_id.get(entity_id(mention.label, mention.name))

    def find(self, name: str) -> Entity | None:
        """The entity called ``name`` (its name or an alias, any case), or with that id."""
        if (entity := self._by_id.get(name)) is not None:
            return entity
        i = self._by_key.get(name_key(name))
        return self.entities[i] if i is not None else None

    def mentions(self, article_id: str) -> list[Mention]:
        """An article's mentions after linking, in text order."""
        rows = self._state["article_rows"].get(article_id)
        return [Mention(*row) for row in msgpack.unpackb(rows)] if rows else []

    def mentions_of(self, entity: Entity) -> list[MentionAt]:
        """Every mention of ``entity``, by article (in ``entity.article_ids`` order), in text order."""
        i = self._index.get(entity.id)
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
        return sorted(self._firsts.get(entity.id, set()) | {entity.name.lower()})

    def display_name(self, first_pass_name: str) -> str:
        """The linked entity's name for a first-pass name from the index (for facet counts)."""
        eid = self._entity_of_first.get(first_pass_name.lower())
        entity = self._by_id.get(eid) if eid else None
        return entity.name if entity else first_pass_name

    def cooccurring(self, entity: Entity) -> list[tuple[Entity, int]]:
        """Every other entity found in the articles that mention ``entity``, with how many (unranked)."""
        counts: Counter[int] = Counter()
        seen = self._state["article_entities"]
        for article_id in entity.article_ids:
            counts.update(array("I", seen.get(article_id, b"")))
        counts.pop(self._index.get(entity.id, -1), None)
        return [(self.entities[i], n) for i, n in counts.items()]


class _Scan:
    """One pass over the linked mentions, article by article: what ``EntityLinks`` keeps of them."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._index = {e.id: i for i, e in enumerate(entities)}
        self._ids: dict[tuple[str, str], tuple[str, int]] = {}  # (label, name) -> (entity id, index)
        self.votes: Counter[tuple[str, str]] = Counter()  # (first-pass name, entity id) -> mentions
        self.by_entity: list[list[tuple[int, int, int, str]]] = [[] for _ in entities]
        self.rows: list[bytes] = []  # each article's linked mentions
        self.seen: list[bytes] = []  # each article's entities, by index

    def article(self, n: int, final: Sequence[Mention], first_pass: Sequence[Mention]) -> None:
        firsts = {(m.start, m.end): m.name for m in first_pass}
        seen = set()
        for m in final:
            if (found := self._ids.get((m.label, m.name))) is None:
                eid = entity_id(m.label, m.name)
                found = self._ids[m.label, m.name] = (eid, self._index.get(eid, -1))
            eid, i = found
            if (first := firsts.get((m.start, m.end))) is not None:
                self.votes[first.lower(), eid] += 1
            if i >= 0:
                self.by_entity[i].append((n, m.start, m.end, m.text))
                seen.add(i)
        self.rows.append(
            msgpack.packb([(m.start, m.end, m.text, m.label, m.name, m.context, m.guessed) for m in final])
        )
        self.seen.append(array("I", sorted(seen)).tobytes())


@cache
def linking_code() -> str:
    """A digest of the entity analysis (code and data): links saved by another version are not reused."""
    digest = hashlib.sha1()
    for path in sorted(Path(entities_package.__file__).parent.rglob("*")):
        if path.suffix in (".py", ".tsv", ".txt"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _numbers(entity: Entity, number: Mapping[str, int]) -> bytes:
    """The entity's articles, by number (compact, and quick to save and load)."""
    return array("I", (number[a] for a in entity.article_ids)).tobytes()
