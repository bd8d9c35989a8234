"""The topics of the query API: topics, their articles, fuzzy matching of what a user types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from search.index import topic_search
from search.library.reader import Reader
from search.library.settings import Settings
from search.model import SearchResult, TopicInfo, TopicMatch

if TYPE_CHECKING:
    from search.analysis.topics.fuzzy import TopicMatcher
    from search.analysis.topics.taxonomy import Taxonomy

PHRASE_ENTRIES = 9000  # discovered phrases offered beside the taxonomy's topics


class Topics:
    """The taxonomy's topics (from ``settings``) in the index ``reader`` shows, and what a user types
    matched to them and to the corpus's phrases."""

    def __init__(self, reader: Reader, settings: Settings) -> None:
        self._reader = reader
        self._settings = settings
        self._matcher: TopicMatcher | None = None  # built when first asked: see ``match_topics``

    def forget(self) -> None:
        """The articles or the vocabulary changed: build the matcher again when next asked."""
        self._matcher = None

    @property
    def _taxonomy(self) -> Taxonomy:
        return self._settings.enricher.taxonomy

    def topics(self) -> list[TopicInfo]:
        """Every topic with its article count, areas followed by their subtopics."""
        with self._reader.lock:
            return topic_search.topic_infos(self._reader.searcher, self._taxonomy)

    def topic(self, topic_id: str) -> TopicInfo | None:
        return next((t for t in self.topics() if t.id == topic_id), None)

    def topic_articles(self, topic_id: str, limit: int = 50) -> SearchResult:
        """A topic's articles, most strongly about it first, with the passages that matched."""
        with self._reader.lock:
            return topic_search.topic_articles(
                self._reader.searcher, self._reader.texts, self._taxonomy, topic_id, limit
            )

    def topic_query_text(self, topic_id: str) -> str:
        """A query for a topic's keywords, to mark in an article the passages that made it match."""
        if topic_id not in self._taxonomy:
            return ""
        topic = self._taxonomy[topic_id]
        topics = [topic, *self._taxonomy.children(topic_id)] if topic.parent is None else [topic]
        phrases = dict.fromkeys(phrase for t in topics for phrase, _ in t.keywords)
        return " OR ".join(f'"{p}"' for p in phrases if '"' not in p)

    def topic_name_query(self, topic_id: str) -> str:
        """A query for the articles that name a topic (its label or an alias), about it or not."""
        if topic_id not in self._taxonomy:
            return ""
        topic = self._taxonomy[topic_id]
        names = dict.fromkeys(" ".join(n.lower().split()) for n in (topic.label, *topic.aliases))
        return " OR ".join(f'"{n}"' for n in names if n and '"' not in n)

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

            top = self._reader.vocabulary().top_phrases(PHRASE_ENTRIES)
            phrases = [MatchEntry(p, p, "phrase") for p, _ in top]
            self._matcher = TopicMatcher([*taxonomy_entries(self._taxonomy), *phrases])
        infos = {t.id: t for t in self.topics()}
        return [
            TopicMatch(m.topic_id, m.text, m.kind, m.score, m.matched, infos.get(m.topic_id))
            for m in self._matcher.match(text, limit)
        ]
