"""The articles of the query API: the list, one article's text, related articles and key terms."""

from __future__ import annotations

from search.library.reader import Reader
from search.library.repair import Repair
from search.model import Article, ArticleSummary

KEY_TEXT_CHARS = 50_000  # about 8,000 words: far more than a news article has


class Articles:
    """The indexed articles, read from what ``reader`` shows (a failed read reported to ``repair``)."""

    def __init__(self, reader: Reader, repair: Repair) -> None:
        self._reader = reader
        self._repair = repair

    def articles(self) -> list[ArticleSummary]:
        """Every indexed article, in path order."""
        return list(self._reader.view.articles.values())

    def article(self, article_id: str) -> Article | None:
        """The article as indexed (its text as it was then, whatever its file holds now)."""
        fields = text = None
        with self._reader.lock, self._repair.reading():
            fields = self._reader.searcher.document(id=article_id)
            if fields is None and article_id in self._reader.view.articles:  # listed, yet not found: damage
                raise LookupError(f"article {article_id} is missing from the index")
            if fields is not None:
                text = self._reader.texts.get(fields["text"])
        if fields is None or text is None:
            return None
        body, blocks = text
        return Article(
            id=fields["id"],
            path=fields["path"],
            title=fields["title"],
            body=body,
            blocks=blocks,
            date=fields.get("date", ""),
            source=fields.get("source", ""),
            url=fields.get("url", ""),
            section=fields.get("section", ""),
            author=fields.get("author", ""),
            tags=[t for t in fields.get("tags", "").split(",") if t],
            hash=fields.get("hash", ""),
        )

    def related(self, article_id: str, limit: int = 8) -> list[ArticleSummary]:
        """'More like this': the articles sharing most of this one's key terms, closest first."""
        text = self._key_text(article_id)
        ids = []
        with self._reader.lock, self._repair.reading():
            docnum = self._reader.searcher.document_number(id=article_id)
            if docnum is None or text is None:
                return []
            results = self._reader.searcher.more_like(docnum, "body", text, top=limit, numterms=12)
            ids = [hit["id"] for hit in results]
        known = self._reader.view.articles
        return [known[i] for i in ids if i in known]

    def key_terms(self, article_id: str, count: int = 8) -> list[str]:
        """The words that most set this article apart from the corpus, as written in it."""
        text = self._key_text(article_id)
        if text is None:
            return []
        from search.analysis.topics.discover import key_phrases_from_texts

        with self._reader.lock, self._repair.reading():
            found = key_phrases_from_texts(self._reader.searcher, [text], "body", count + 4)
        return [word for word, _ in found if len(word) > 2][:count]

    def _key_text(self, article_id: str) -> str | None:
        """An article's text for its key terms: a huge article's side pane costs what a long one's does."""
        article = self.article(article_id)
        return None if article is None else article.body[:KEY_TEXT_CHARS]
