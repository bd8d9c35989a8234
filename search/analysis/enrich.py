"""What analysis adds to each article as it is indexed: its topics (and facet values).

Everything here depends on one article only, so indexing stays incremental. ``key``
changes when the taxonomy does, and a changed key re-indexes the corpus.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.analysis import Analyzer

from search.analysis.topics.assign import TopicScorer
from search.analysis.topics.taxonomy import DEFAULT_TAXONOMY, Taxonomy, TopicFileError, load_taxonomy
from search.model import Article

TOPICS_FILE = "topics.toml"
ANALYSIS_VERSION = 1


@dataclass(slots=True)
class Extras:
    facets: dict[str, list[str]] = field(default_factory=dict)
    stored: dict[str, Any] = field(default_factory=dict)


class Enricher:
    def __init__(self, analyzer: Analyzer, topic_files: list[Path]) -> None:
        self.notices: list[str] = []
        try:
            self.taxonomy: Taxonomy = load_taxonomy(topic_files)
        except TopicFileError as err:
            self.notices.append(f"Topics file ignored: {err}")
            self.taxonomy, topic_files = load_taxonomy(), []
        self._scorer = TopicScorer(self.taxonomy, lambda text: [t.text for t in analyzer(text)])
        digest = hashlib.sha1(f"v{ANALYSIS_VERSION}".encode())
        for path in (DEFAULT_TAXONOMY, *topic_files):
            digest.update(path.read_bytes())
        self.key = digest.hexdigest()[:16]

    def extras(self, article: Article) -> Extras:
        topics = self._scorer.score(article.title, "\n\n".join(article.paragraphs))
        return Extras(facets={"topic": self._scorer.facet_values(topics)}, stored={"topics": topics})
