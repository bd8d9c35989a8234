"""The topic half of the query API (a part of ``Library``): topics, their articles, fuzzy matching."""

from __future__ import annotations

from typing import TYPE_CHECKING

from search.index import topic_search
from search.index.vocabulary import Vocabulary
from search.library.reader import Reader
from search.model import SearchResult, TopicInfo, TopicMatch

if TYPE_CHECKING:
    from search.analysis.enrich import Enricher
    from search.analysis.topics.fuzzy import TopicMatcher

PHRASE_ENTRIES = 9000  # discovered phrases offered beside the taxonomy's topics


class TopicsMixin:
    _reader: Reader
    _matcher: TopicMatcher | None
    enricher: Enricher

    def vocabulary(self) -> Vocabulary:
        raise NotImplementedError

    def topics(self) -> list[TopicInfo]:
        """Every topic with its article count, areas followed by their subtopics."""
        with self._reader.lock:
            return topic_search.topic_infos(self._reader.searcher, self.enricher.taxonomy)

    def topic(self, topic_id: str) -> TopicInfo | None:
        return next((t for t in self.topics() if t.id == topic_id), None)

    def topic_articles(self, topic_id: str, limit: int = 50) -> SearchResult:
        """A topic's articles, most strongly about it first, with the passages that matched."""
        with self._reader.lock:
            return topic_search.topic_articles(self._reader.searcher, self.enricher.taxonomy, topic_id, limit)

    def topic_query_text(self, topic_id: str) -> str:
        """A query for a topic's keywords, to mark in an article the passages that made it match."""
        if topic_id not in self.enricher.taxonomy:
            return ""
        topic = self.enricher.taxonomy[topic_id]
        topics = [topic, *self.enricher.taxonomy.children(topic_id)] if topic.parent is None else [topic]
        phrases = dict.fromkeys(phrase for t in topics for phrase, _ in t.keywords)
        return " OR ".join(f'"{p}"' for p in phrases if '"' not in p)

    def article_topics(self, article_id: str) -> list[tuple[TopicInfo, float]]:
        """The topics assigned to an article, best first."""
        with self._reader.lock:
            fields = self._reader.searcher.document(id=article_id) or {}
        infos = {t.id: t for t in self.topics()}
        return [(infos[tid], score) for tid, score in fields.get("topics", []) if tid in infos]

    def match_topics(self, text: str, limit: int = 20) -> list[TopicMatch]:
        """Topics (and phrases found in the corpus) for what a user typed, typos and all, best first."""
        if self._matcher is None:
            from search.analysis.topics.fuzzy import MatchEntry, TopicMatcher, taxonomy_entries

            phrases = [MatchEntry(p, p, "phrase") for p, _ in self.vocabulary().top_phrases(PHRASE_ENTRIES)]
            self._matcher = TopicMatcher([*taxonomy_entries(self.enricher.taxonomy), *phrases])
        infos = {t.id: t for t in self.topics()}
        return [
            TopicMatch(m.topic_id, m.text, m.kind, m.score, m.matched, infos.get(m.topic_id))
            for m in self._matcher.match(text, limit)
        ]
