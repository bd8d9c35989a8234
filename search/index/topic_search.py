"""Topics over the index: article counts, a topic's articles ranked by its weighted query."""

from __future__ import annotations

from dataclasses import replace

from whoosh import query as wq
from whoosh.searching import Searcher

from search.analysis.topics.query import topic_query
from search.analysis.topics.taxonomy import Taxonomy
from search.index.query import execute
from search.index.texts import TextStore
from search.model import SearchResult, TopicInfo

RANK_FIELDS = ("title", "body")


def topic_infos(searcher: Searcher, taxonomy: Taxonomy) -> list[TopicInfo]:
    """Every topic of the taxonomy with its article count, in taxonomy order."""
    return [
        TopicInfo(t.id, t.label, t.description, t.parent, searcher.doc_frequency("topic", t.id))
        for t in taxonomy
    ]


def topic_articles(
    searcher: Searcher, texts: TextStore, taxonomy: Taxonomy, topic_id: str, limit: int = 50
) -> SearchResult:
    """The articles assigned ``topic_id``, ranked by how strongly its keywords match them,
    with the passages that made them match highlighted."""
    if topic_id not in taxonomy:
        return SearchResult(topic_id, [], 0, f"No topic {topic_id!r}.")
    topic = taxonomy[topic_id]
    keywords = topic_query(topic, searcher.schema, RANK_FIELDS)
    if topic.parent is None:  # an area: its subtopics' keywords rank its articles too
        parts = [keywords] + [
            topic_query(t, searcher.schema, RANK_FIELDS) for t in taxonomy.children(topic_id)
        ]
        keywords = wq.Or([p for p in parts if p is not wq.NullQuery])
    assigned = wq.Term("topic", topic_id)
    if searcher.doc_frequency("topic", topic_id) == 0:
        if keywords is wq.NullQuery:
            return SearchResult(topic.label, [], 0, "No article has this topic.")
        result = execute(searcher, texts, keywords, topic.label, limit)
        return replace(result, notice="No article is about this topic; these mention its keywords.")
    ranked = wq.AndMaybe(assigned, keywords) if keywords is not wq.NullQuery else assigned
    return execute(searcher, texts, ranked, topic.label, limit)
