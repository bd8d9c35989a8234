"""Command-palette providers: topics ranked by brief-tui's own rapidfuzz matcher."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from search.model import TopicMatch
from tui.widgets.topic_list import match_label


class TopicCommands(Provider):
    """Policy topics and corpus phrases, typo-tolerant (not Textual's default subsequence matcher)."""

    async def search(self, query: str) -> Hits:
        library = getattr(self.app, "library", None)
        if library is None or not query.strip():
            return
        for match in library.match_topics(query, limit=12):
            count = f"{match.topic.articles} articles" if match.topic else "phrase in the articles"
            yield Hit(
                match.score / 100,
                match_label(match, "bold underline"),
                partial(self.app.open_topic_choice, match),  # type: ignore[attr-defined]
                text=match.text,
                help=f"Topic · {count}",
            )

    async def discover(self) -> Hits:
        library = getattr(self.app, "library", None)
        if library is None:
            return
        topics = sorted(
            (t for t in library.topics() if t.articles and t.parent is None), key=lambda t: -t.articles
        )
        for topic in topics[:12]:
            match = TopicMatch(topic.id, topic.label, "label", 0.0, (), topic)
            yield DiscoveryHit(
                f"Topic: {topic.label}",
                partial(self.app.open_topic_choice, match),  # type: ignore[attr-defined]
                help=f"{topic.articles} articles",
            )
