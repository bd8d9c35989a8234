"""What analysis adds to each article as it is indexed: its topics and entity mentions.

Everything here depends on one article only, so indexing stays incremental. ``key``
changes when the taxonomy or the user entity file does, and re-indexes the corpus.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.analysis import Analyzer

from search.analysis.entities import (
    Mention,
    RuleExtractor,
    UserEntities,
    UserEntitiesError,
    analyse_article,
    load_user_entities,
)
from search.analysis.topics.assign import TopicScorer
from search.analysis.topics.taxonomy import DEFAULT_TAXONOMY, Taxonomy, TopicFileError, load_taxonomy
from search.model import Article

TOPICS_FILE = "topics.toml"
ENTITIES_FILE = "entities.toml"
ANALYSIS_VERSION = 2


@dataclass(slots=True)
class Extras:
    facets: dict[str, list[str]] = field(default_factory=dict)
    stored: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)  # first-pass entity mentions


class Enricher:
    def __init__(self, analyzer: Analyzer, topic_files: list[Path], entity_files: list[Path]) -> None:
        self.notices: list[str] = []
        try:
            self.taxonomy: Taxonomy = load_taxonomy(topic_files)
        except TopicFileError as err:
            self.notices.append(f"Topics file ignored: {err}")
            self.taxonomy, topic_files = load_taxonomy(), []
        self.user_entities = UserEntities()
        for path in entity_files[-1:]:  # the corpus's file, else the config folder's
            try:
                self.user_entities = load_user_entities(path)
            except UserEntitiesError as err:
                self.notices.append(f"Entities file ignored: {err}")
                entity_files = []
        self._scorer = TopicScorer(self.taxonomy, lambda text: [t.text for t in analyzer(text)])
        self._extractor = RuleExtractor(self.user_entities.known())
        digest = hashlib.sha1(f"v{ANALYSIS_VERSION}".encode())
        for path in (DEFAULT_TAXONOMY, *topic_files, *entity_files[-1:]):
            digest.update(path.read_bytes())
        self.key = digest.hexdigest()[:16]

    def extras(self, article: Article) -> Extras:
        topics = self._scorer.score(article.title, "\n\n".join(article.paragraphs))
        mentions = analyse_article(article.body, article.blocks, self._extractor)
        facets = {
            "topic": self._scorer.facet_values(topics),
            "entity": list(dict.fromkeys(m.name for m in mentions)),
        }
        return Extras(facets=facets, stored={"topics": topics}, mentions=mentions)
