"""Plain data types shared by the corpus, analysis, index and query layers.

Nothing here knows about Whoosh or Textual: these are the values that cross the
query API into the TUI and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

Span = tuple[int, int]

INDEXING, MERGING = "indexing", "merging"  # what an update is doing, as its progress is told


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph or heading of an article body, as character offsets into ``Article.body``."""

    start: int
    end: int
    kind: str = "text"  # "text" or "heading"


def blank_headings(body: str, blocks: Iterable[Block]) -> str:
    """``body`` with its headings blanked out (same length, so offsets still match the article)."""
    for b in blocks:
        if b.kind == "heading":
            body = body[: b.start] + " " * (b.end - b.start) + body[b.end :]
    return body


@dataclass(slots=True)
class Article:
    """A cleaned article. ``body`` is the paragraphs (and headings) joined by blank lines."""

    id: str
    path: str
    title: str
    body: str
    blocks: list[Block] = field(default_factory=list)
    date: str = ""
    source: str = ""
    url: str = ""
    section: str = ""
    author: str = ""
    tags: list[str] = field(default_factory=list)
    hash: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [self.body[b.start : b.end] for b in self.blocks if b.kind == "text"]

    @property
    def headings(self) -> list[str]:
        return [self.body[b.start : b.end] for b in self.blocks if b.kind == "heading"]

    @property
    def text_spans(self) -> list[Span]:
        return [(b.start, b.end) for b in self.blocks if b.kind == "text"]


class ArticleSummary(NamedTuple):
    """What a list row needs: cheap to hold (and to make, at every start) for every article of a
    large corpus."""

    id: str
    title: str
    source: str = ""
    date: str = ""
    section: str = ""
    path: str = ""


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of text with the matched terms as character spans into ``text``."""

    text: str
    highlights: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    score: float
    path: str
    source: str = ""
    date: str = ""
    section: str = ""
    snippets: tuple[Snippet, ...] = ()
    title_highlights: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    notice: str = ""  # e.g. "could not parse ...; searched for the plain words"
    suggestion: str = ""  # "did you mean" query, when a term looks misspelt
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # facet -> (value, count)


@dataclass(frozen=True, slots=True)
class TopicInfo:
    id: str
    label: str
    description: str = ""
    parent: str | None = None  # the area a subtopic belongs to
    articles: int = 0  # how many articles have the topic


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """A topic (or a phrase found in the corpus) for what the user typed, with the matched characters."""

    key: str  # a topic id, or the phrase itself when ``kind`` is "phrase"
    text: str  # what matched: the topic's label, an alias, a keyword, or the phrase
    kind: str  # "label", "alias", "keyword" or "phrase"
    score: float
    matched: tuple[Span, ...] = ()
    topic: TopicInfo | None = None


@dataclass(frozen=True, slots=True)
class MentionContext:
    """One mention of an entity, with the sentence around it (the mention highlighted in it)."""

    article_id: str
    title: str
    start: int  # offsets of the mention in the article body
    end: int
    text: str
    context: Snippet
