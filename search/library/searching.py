"""The full-text search of the query API: search, its snippets and facet counts, where a query
matches an article."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from search.index import query
from search.library.entities import Entities
from search.library.reader import Reader
from search.library.repair import Repair
from search.model import Article, SearchResult, Snippet, Span

Filters = Mapping[str, str | Sequence[str]]  # facet filters, e.g. {"source": "Reuters"}


class Searching:
    """Queries run on the index ``reader`` shows (a failed read reported to ``repair``), with the
    corpus's vocabulary for suggestions and the ``entities``' links for the entity facet."""

    def __init__(self, reader: Reader, repair: Repair, entities: Entities) -> None:
        self._reader = reader
        self._repair = repair
        self._entities = entities

    def search(
        self,
        text: str,
        limit: int | None = 20,
        filters: Filters | None = None,
        snippets: int = 2,
        with_facets: bool = True,
        offset: int = 0,
    ) -> SearchResult:
        """Ranked hits ``offset`` to ``offset + limit`` (``limit`` None: every match) for a query
        (see ``search.index.query_syntax``: words ANDed, OR, NOT, -word, field filters), narrowed by
        facet ``filters`` (e.g. ``{"source": "Reuters"}``), with facet counts over all matches
        (unless ``with_facets`` is False: ``facet_counts`` gives them apart); never raises for a
        bad query (see ``SearchResult.notice``)."""
        # Never wait for an update to finish: meanwhile a search goes without spelling
        # suggestions and uses the entity links as they were (if any).
        links = self._entities.entity_links() if not self._reader.updating else self._entities.linked
        words = self._reader.vocabulary() if not self._reader.updating else None
        with self._reader.lock:
            found = (limit, filters, snippets, words, links, with_facets, offset)
            with self._repair.reading():  # (a query that cannot be read is searched as words: see query.run)
                return query.run(self._reader.searcher, self._reader.parser, self._reader.texts, text, *found)
            return SearchResult(text, [], 0, notice=self._repair.read_failure)

    def snippets(self, text: str, ids: Sequence[str]) -> dict[str, tuple[Snippet, ...]]:
        """The snippets ``search(text)`` gives the articles ``ids``, by id (hits asked for without)."""
        with self._reader.lock, self._repair.reading():
            return query.snippets(self._reader.searcher, self._reader.parser, self._reader.texts, text, ids)
        return {}

    def facet_counts(self, text: str, filters: Filters | None = None) -> dict[str, list[tuple[str, int]]]:
        """The facet counts of ``search(text, filters=filters)``, alone."""
        links = self._entities.entity_links() if not self._reader.updating else self._entities.linked
        with self._reader.lock, self._repair.reading():
            return query.facet_counts(self._reader.searcher, self._reader.parser, text, filters, links)
        return {}

    def match_spans(self, text: str, article: Article) -> list[Span]:
        """Where ``article``'s body matches the query ``text``: the spans a reader highlights."""
        with self._reader.lock, self._repair.reading():
            return query.match_spans(self._reader.searcher, self._reader.parser, text, article.body)
        return []
