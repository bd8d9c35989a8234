"""The entity half of the query API (a part of ``Library``): entities, their mentions, links."""

from __future__ import annotations

import re
import threading

from rapidfuzz import fuzz, process, utils

from search.analysis.enrich import Enricher
from search.analysis.entities import Entity, Mention, link_corpus
from search.index.entity_links import EntityLinks
from search.index.mention_store import MentionStore
from search.index.store import OpenIndex
from search.model import Article, MentionContext, Snippet

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
CONTEXT_CHARS = 240


class EntitiesMixin:
    _lock: threading.RLock
    _links_lock: threading.RLock  # linking takes a while: it must not hold up searches and reads
    _opened: OpenIndex
    _mentions: MentionStore | None
    _links: EntityLinks | None
    enricher: Enricher

    def article(self, article_id: str) -> Article | None:
        raise NotImplementedError

    def mention_store(self) -> MentionStore:
        """Every article's first-pass mentions (loaded on first use)."""
        with self._links_lock:
            if self._mentions is None:
                stored = MentionStore.load(self._opened.folder)
                if stored is None and self._opened.catalog.articles:
                    self._opened.notices.append(
                        "Entity data was missing; the next update re-reads the articles."
                    )
                    self._opened.catalog.analysis = ""  # forces re-analysis on the next refresh
                self._mentions = stored or MentionStore()
            return self._mentions

    def entity_links(self) -> EntityLinks:
        """The corpus's linked entities (computed on first use, about 1 s per 7,500 articles)."""
        with self._links_lock:
            if self._links is None:
                first = self.mention_store().data
                self._links = EntityLinks(link_corpus(first, self.enricher.user_entities), first)
            return self._links

    @property
    def links_ready(self) -> bool:
        """Whether ``entity_links`` would answer at once (the TUI warms it up in the background)."""
        return self._links is not None

    def entities(self, label: str | None = None) -> list[Entity]:
        """Every entity (or those of one type), most mentioned first."""
        found = self.entity_links().entities
        return [e for e in found if e.label == label.upper()] if label else list(found)

    def entity(self, name_or_id: str) -> Entity | None:
        """An entity by id ("person:shinzo-abe"), name or alias, any case."""
        return self.entity_links().find(name_or_id)

    def find_entities(self, text: str, limit: int = 20) -> list[tuple[Entity, float]]:
        """Entities whose name or an alias is close to ``text`` (typos, partial names), best first."""
        entities = self.entity_links().entities
        if not text.strip():
            return [(e, 0.0) for e in entities[:limit]]
        choices = [(i, text) for i, e in enumerate(entities) for text in (e.name, *e.aliases)]
        found = process.extract(
            text, [c[1] for c in choices], scorer=fuzz.WRatio, processor=utils.default_process,
            limit=limit * 4, score_cutoff=60,
        )  # fmt: skip
        best: dict[int, float] = {}
        for _, score, index in found:
            entity_index = choices[index][0]
            best[entity_index] = max(score, best.get(entity_index, 0.0))
        ranked = sorted(best.items(), key=lambda m: (-round(m[1]), -entities[m[0]].mention_count))
        return [(entities[i], score) for i, score in ranked[:limit]]

    def article_mentions(self, article_id: str) -> list[Mention]:
        """An article's entity mentions after linking, in text order."""
        return self.entity_links().mentions(article_id)

    def cooccurring(self, entity: Entity, limit: int = 15) -> list[tuple[Entity, int]]:
        return self.entity_links().cooccurring(entity, limit)

    def entity_mentions(self, entity: Entity) -> list[MentionContext]:
        """Every mention of ``entity``, grouped by article (most mentioned first), with its sentence."""
        links = self.entity_links()
        out: list[MentionContext] = []
        for article_id in entity.article_ids:
            article = self.article(article_id)
            if article is None:
                continue
            for m in links.mentions(article_id):
                if links.corpus.entity_of(m) is entity:
                    out.append(
                        MentionContext(
                            article_id, article.title, m.start, m.end, m.text, sentence(article.body, m)
                        )
                    )
        return out


def sentence(body: str, mention: Mention) -> Snippet:
    """The sentence around a mention (trimmed to about ``CONTEXT_CHARS``), the mention highlighted."""
    start = max((m.end() for m in _SENTENCE_END.finditer(body, 0, mention.start)), default=0)
    end_match = _SENTENCE_END.search(body, mention.end)
    end = end_match.start() + 1 if end_match else len(body)
    if mention.start - start > CONTEXT_CHARS // 2:  # a long sentence: cut at a word boundary
        start = body.find(" ", mention.start - CONTEXT_CHARS // 2, mention.start) + 1 or mention.start
    if end - mention.end > CONTEXT_CHARS // 2:
        cut = body.rfind(" ", mention.end, mention.end + CONTEXT_CHARS // 2)
        end = cut if cut > mention.end else mention.end
    text = body[start:end].replace("\n", " ")
    return Snippet(text, ((mention.start - start, mention.end - start),))
