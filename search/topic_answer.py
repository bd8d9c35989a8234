"""Answer whatever a user types as a topic: the best topic's articles, else a phrase, else full text.

Shared by ``brief-tui topic`` and the TUI, so both always answer with articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.library import Library
from search.model import SearchResult, TopicMatch

GOOD_MATCH = 70.0  # fuzzy score (0-100) above which a topic or phrase is taken as meant
STRONG_MATCH = 85.0  # below this a match is shown as weak ("brexit" -> the Brit Awards: 76)


def is_weak(match: TopicMatch) -> bool:
    return match.score < STRONG_MATCH  # equivalent mutant (<=) in practice only: differs at 85.00 alone


def is_empty(match: TopicMatch) -> bool:
    """A topic no article has: never the answer, however well its name matches."""
    return match.topic is not None and match.topic.articles == 0


def opens(match: TopicMatch) -> bool:
    """The match is what the user meant: strong, and with articles to show."""
    return not is_weak(match) and not is_empty(match)


def weak_note(text: str, match: TopicMatch) -> str:
    """What a user is told about a match that does not open: what it matched, and how well."""
    if match.topic is not None and is_empty(match):
        return f"the closest topic, {match.topic.label!r}, has no articles"
    return f"weak match for {text!r}: {match.text!r} ({match.score:.0f}/100)"


@dataclass(frozen=True, slots=True)
class TopicAnswer:
    matches: list[TopicMatch]  # best first
    chosen: TopicMatch | None  # the topic or phrase whose articles these are; None: full-text search
    result: SearchResult

    @property
    def weak(self) -> bool:
        """The chosen topic or phrase is only a weak fuzzy match for the text."""
        return self.chosen is not None and is_weak(self.chosen)


def answer(library: Library, text: str, limit: int = 20) -> TopicAnswer:
    """The best topic or phrase with articles; a weak one only when the text itself finds nothing
    (as in the palette, where Enter on a weak match searches the text)."""
    matches = topic_matches(library, text, limit=10)
    # equivalent mutant (>) in practice only: the two differ at a score of exactly 70.00 alone
    best = next((m for m in matches if m.score >= GOOD_MATCH and not is_empty(m)), None)
    full_text = None  # equivalent mutant (""): as false in the `or` below
    if best is not None and is_weak(best):
        full_text = _full_text(library, text, limit)
        if full_text.hits:
            return TopicAnswer(matches, None, full_text)
    if best is not None and best.kind != "phrase":
        return TopicAnswer(matches, best, library.topic_articles(best.key, limit))
    if best is not None:
        result = library.search(f'"{best.key}"', limit=limit)
        if result.hits:
            return TopicAnswer(matches, best, result)
    return TopicAnswer(matches, None, full_text or _full_text(library, text, limit))


def topic_matches(library: Library, text: str, limit: int) -> list[TopicMatch]:
    """The topics and phrases for ``text``, best first, as the command and the palette rank them:
    a last word that is a word of the corpus is finished ("lamp"; a trailing space says so), so a
    longer word it only starts ("lampard") is the weaker prefix match; one that is not ("defen")
    may be a partial word, still being typed."""
    words = re.findall(r"\w+", text)
    finished = bool(words) and words[-1] in library.vocabulary()
    return library.match_topics(f"{text} " if finished else text, limit=limit)


def _full_text(library: Library, text: str, limit: int) -> SearchResult:
    """A full-text search of ``text``, or of its suggested spelling when that finds more."""
    result = library.search(text, limit=limit)
    # equivalent mutants: `or` (searching "" finds nothing), `<=` (a full page cannot be beaten)
    if result.suggestion and len(result.hits) < limit:
        better = library.search(result.suggestion, limit=limit)
        if len(better.hits) > len(result.hits):
            result = better
    return result
