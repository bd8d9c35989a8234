"""What analysis adds to each article as it is indexed: its topics and entity mentions.

Everything here depends on one article only, so indexing stays incremental. ``key``
changes when the taxonomy or the user entity file does, and re-indexes the corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from search.analysis.budget import OutOfTime, check, deadline_after
from search.analysis.entities import (
    Mention,
    RuleExtractor,
    UserEntities,
    UserEntitiesError,
    analyse_article,
    load_user_entities,
)
from search.analysis.tokens import terms, text_analyzer
from search.analysis.topics.assign import TopicScorer
from search.analysis.topics.taxonomy import DEFAULT_TAXONOMY, Taxonomy, TopicFileError, load_taxonomy
from search.model import Article, blank_headings

TOPICS_FILE = "topics.toml"
ENTITIES_FILE = "entities.toml"
ANALYSIS_VERSION = 5  # bump when the analysis code changes (entity rules, topic scoring): re-analyses
ANALYSIS_BUDGET = 5.0  # seconds an article may take; past it, it is indexed without its names


@dataclass(slots=True)
class Extras:
    facets: dict[str, list[str]] = field(default_factory=dict)
    stored: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)  # first-pass entity mentions
    terms: dict[str, list[str]] = field(default_factory=dict)  # field -> analysed terms, for the index
    notes: list[str] = field(default_factory=list)  # what analysis left out, for the load report


class Enricher:
    def __init__(self, topic_files: Sequence[Path], entity_files: Sequence[Path]) -> None:
        self.config = (tuple(topic_files), tuple(entity_files))  # enough to make the same one elsewhere
        self.notices: list[str] = []
        topic_files, entity_files = list(topic_files), list(entity_files)
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
        self._scorer: TopicScorer | None = None  # built on first use: opening needs neither
        self._extractor: RuleExtractor | None = None
        self._analyzer = text_analyzer()
        digest = hashlib.sha1(f"v{ANALYSIS_VERSION}".encode())
        for path in (DEFAULT_TAXONOMY, *topic_files, *entity_files[-1:]):
            digest.update(path.read_bytes())
        self.key = digest.hexdigest()[:16]

    def extras(self, article: Article, budget: float = ANALYSIS_BUDGET) -> Extras:
        """Topics, entity mentions and analysed terms of one article, in at most ``budget`` s.

        Past the budget the article keeps its terms (and topics, when they were done) and
        goes without names; ``notes`` says so.
        """
        deadline = deadline_after(budget)
        if self._scorer is None or self._extractor is None:
            self._scorer = TopicScorer(self.taxonomy, partial(terms, self._analyzer))
            self._extractor = RuleExtractor(self.user_entities.known())
        analysed = {
            "title": terms(self._analyzer, article.title),
            "body": terms(self._analyzer, masked_body(article)),
        }
        topics = self._scorer.score_terms(analysed["title"], analysed["body"])
        try:
            check(deadline)
            mentions = analyse_article(article.body, article.blocks, self._extractor, deadline)
        except OutOfTime:
            mentions, notes = [], [f"names not extracted: analysis stopped after {budget:g} s"]
        else:
            notes = []
        names = list(dict.fromkeys(m.name for m in mentions))
        facets = {"topic": self._scorer.facet_values(topics), "entity": names}
        return Extras(facets, {"topics": topics}, mentions, analysed, notes)


def masked_body(article: Article) -> str:
    """The body with its headings blanked out (same length, so offsets still match the article)."""
    return blank_headings(article.body, article.blocks)
