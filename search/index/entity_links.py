"""The corpus's entities after linking, and the maps between them and what the index holds.

The index's ``entity`` facet holds each article's first-pass names ("Abe" where the
article never says "Shinzo Abe"); linking across the corpus may give such a name
its full entity. These maps let a query or a filter for an entity find every
first-pass name it was linked from, and let facet counts speak of linked entities.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from search.analysis.entities import CorpusEntities, Entity, Mention, entity_id
from search.analysis.entities.types import name_key


class EntityLinks:
    def __init__(self, corpus: CorpusEntities, first_pass: Mapping[str, Sequence[Mention]]) -> None:
        self.corpus = corpus
        self.entities = corpus.entities
        votes: dict[str, Counter[str]] = defaultdict(Counter)  # first-pass name -> entity ids
        for article_id, final in corpus.mentions.items():
            firsts = {(m.start, m.end): m.name for m in first_pass.get(article_id, ())}
            for m in final:
                first = firsts.get((m.start, m.end))
                if first is not None:
                    votes[first.lower()][entity_id(m.label, m.name)] += 1
        self._entity_of_first = {name: ids.most_common(1)[0][0] for name, ids in votes.items()}
        self._firsts: dict[str, set[str]] = defaultdict(set)
        for name, eid in self._entity_of_first.items():
            self._firsts[eid].add(name)
        self._by_key: dict[str, Entity] = {}
        for entity in self.entities:  # most mentioned first: a shared alias goes to the bigger one
            for text in (entity.name, *entity.aliases):
                self._by_key.setdefault(name_key(text), entity)

    def entity(self, entity_id_: str) -> Entity | None:
        return self.corpus.entity(entity_id_)

    def find(self, name: str) -> Entity | None:
        """The entity called ``name`` (its name or an alias, any case), or with that id."""
        return self.corpus.entity(name) or self._by_key.get(name_key(name))

    def mentions(self, article_id: str) -> list[Mention]:
        return self.corpus.mentions.get(article_id, [])

    def first_pass_names(self, name: str) -> list[str]:
        """The index's ``entity`` values to look for when a user asks for ``name``."""
        entity = self.find(name)
        if entity is None:
            return [name.lower()]
        return sorted(self._firsts.get(entity.id, set()) | {entity.name.lower()})

    def display_name(self, first_pass_name: str) -> str:
        """The linked entity's name for a first-pass name from the index (for facet counts)."""
        eid = self._entity_of_first.get(first_pass_name.lower())
        entity = self.corpus.entity(eid) if eid else None
        return entity.name if entity else first_pass_name

    def cooccurring(self, entity: Entity, limit: int = 15) -> list[tuple[Entity, int]]:
        """The entities found in most of the articles that mention ``entity``."""
        counts: Counter[str] = Counter()
        for article_id in entity.article_ids:
            counts.update({entity_id(m.label, m.name) for m in self.mentions(article_id)} - {entity.id})
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]  # ties by id: stable
        return [(e, n) for eid, n in ranked if (e := self.corpus.entity(eid))]
