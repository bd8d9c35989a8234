"""Fuzzy topic search for the topic picker, fast enough to run on every keystroke.

Matching is word by word (``search.analysis.fuzzy_words``: typos, spelling variants and
unfinished words count). Each entry text is split into words once, with an inverted list
from word form to entries; only entries that contain a matching word are scored:

    score = mean over query words of the word's best match in the entry (0-100)
            x (0.9 + 0.1 x share of the entry's words that matched)

Word order does not matter, a misspelt or unfinished word still counts, and an
entry the query covers beats a longer one that merely contains it. Ties go to
labels, then aliases, then keywords, then phrases, then shorter texts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rapidfuzz import fuzz

from search.analysis.fuzzy_words import (
    COVERAGE_WEIGHT,
    FILLER,
    NO_MATCH,
    WORD,
    WordForms,
    WordMatch,
    query_tokens,
    word_forms,
)
from search.analysis.topics.taxonomy import Taxonomy

Kind = Literal["label", "alias", "keyword", "phrase"]
Span = tuple[int, int]

_KIND_ORDER: dict[str, int] = {"label": 0, "alias": 1, "keyword": 2, "phrase": 3}


class MatchEntry(NamedTuple):
    """A searchable text: ``key`` is a topic id, or a phrase key for a discovered phrase."""

    text: str
    key: str
    kind: Kind


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """The best entry of one topic for a query; ``matched`` are character spans in ``text``."""

    topic_id: str
    text: str
    kind: Kind
    score: float
    matched: tuple[Span, ...]


def taxonomy_entries(taxonomy: Taxonomy) -> list[MatchEntry]:
    """Every topic's label, aliases and keywords as match entries, without repeats."""
    entries: dict[tuple[str, str], MatchEntry] = {}
    for topic in taxonomy:
        texts: list[tuple[str, Kind]] = [(topic.label, "label")]
        texts += [(alias, "alias") for alias in topic.aliases]
        texts += [(phrase, "keyword") for phrase, _ in topic.keywords]
        for text, kind in texts:
            entries.setdefault((text.lower(), topic.id), MatchEntry(text, topic.id, kind))
    return list(entries.values())


class TopicMatcher:
    """Typo-, order- and prefix-tolerant search over topic names and phrases."""

    def __init__(self, entries: Sequence[MatchEntry]) -> None:
        self._entries = tuple(entries)
        self._vocabulary = WordForms()  # every distinct indexed word form
        self._postings: list[list[tuple[int, int]]] = []  # form -> [(entry, word position)]
        self._words: list[list[tuple[int, int, tuple[int, ...]]]] = []  # entry -> (start, end, forms)
        self._content: list[frozenset[int]] = []  # entry -> positions of its non-filler words
        for index, (text, _, _) in enumerate(self._entries):
            words: list[tuple[int, int, tuple[int, ...]]] = []
            for m in WORD.finditer(text):
                forms = tuple(self._form_id(form) for form in word_forms(m.group()))
                for form in forms:
                    self._postings[form].append((index, len(words)))
                words.append((m.start(), m.end(), forms))
            self._words.append(words)
            content = [i for i, (start, end, _) in enumerate(words) if text[start:end].lower() not in FILLER]
            self._content.append(frozenset(content or range(len(words))))

    def match(self, query: str, limit: int = 20) -> list[TopicMatch]:
        """The best-matching topics for ``query``, best first, one (its best entry) per key."""
        tokens, typing = query_tokens(query)
        if not tokens or limit <= 0:
            return []
        word_scores = [
            self._vocabulary.matches(token, typing and i == len(tokens) - 1) for i, token in enumerate(tokens)
        ]
        best: list[dict[int, float]] = [defaultdict(float) for _ in tokens]
        matched_words: dict[int, set[int]] = defaultdict(set)
        for per_entry, scores in zip(best, word_scores, strict=True):
            for form, (score, _) in scores.items():
                for index, position in self._postings[form]:
                    per_entry[index] = max(per_entry[index], score)
                    matched_words[index].add(position)
        ranked = []
        for index, positions in matched_words.items():
            entry = self._entries[index]
            mean = sum(per_entry.get(index, 0.0) for per_entry in best) / len(tokens)
            coverage = len(positions & self._content[index]) / len(self._content[index])
            score = mean * (1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * coverage)
            ranked.append((-score, _KIND_ORDER[entry.kind], len(entry.text), entry.key, entry.text, index))
        ranked.sort()
        results: list[TopicMatch] = []
        seen: set[str] = set()
        for neg_score, *_, index in ranked:
            entry = self._entries[index]
            if entry.key in seen:
                continue
            seen.add(entry.key)
            spans = self._spans(index, tokens, word_scores)
            results.append(TopicMatch(entry.key, entry.text, entry.kind, round(-neg_score, 2), spans))
            if len(results) == limit:
                break
        return results

    def _form_id(self, form: str) -> int:
        form_id = self._vocabulary.add(form)
        if form_id == len(self._postings):
            self._postings.append([])
        return form_id

    def _spans(
        self, index: int, tokens: list[str], word_scores: list[dict[int, WordMatch]]
    ) -> tuple[Span, ...]:
        """Where each query token matched in entry ``index``: the whole of its best word, or
        for a prefix match the aligned start of it (when lower case keeps the word's length)."""
        text = self._entries[index].text
        spans: list[Span] = []
        for token, scores in zip(tokens, word_scores, strict=True):
            best = max(self._words[index], key=lambda w: _best_score(scores, w[2]), default=None)
            if best is None or not any(form in scores for form in best[2]):
                continue
            start, end, forms = best
            word = text[start:end].lower()
            whole = max(fuzz.ratio(token, self._vocabulary.forms[form]) for form in forms)
            if len(word) == end - start and whole < _best_score(scores, forms):
                aligned = fuzz.partial_ratio_alignment(token, word)
                if aligned is not None:
                    end = start + max(aligned.dest_end, 1)
            spans.append((start, end))
        return _merged(spans)


def _best_score(scores: dict[int, WordMatch], forms: tuple[int, ...]) -> float:
    return max(scores.get(form, NO_MATCH).score for form in forms)


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
