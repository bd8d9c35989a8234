"""Fuzzy topic search for the topic picker, fast enough to run on every keystroke.

Matching is word by word. Each entry text is split into words once; every word
is indexed in lower case and in American spelling (so ``defence`` and
``defense`` find each other, and a half-typed ``defenc`` still finds
``defence``). The distinct words form a vocabulary with an inverted list from
word to entries. Per query word, rapidfuzz scores the whole vocabulary (a few
thousand short strings rather than every entry): against each whole word, and
against each word's prefix, so ``defen`` and ``spnd`` count. Only entries that
contain a matching word are then scored:

    score = mean over query words of the word's best match in the entry (0-100)
            x (0.9 + 0.1 x share of the entry's words that matched)

A prefix match counts 0.9 of a whole-word match for the word being typed (0.8 for
a finished word), so ``labour`` ranks "labour party" above "laboratory".
Filler words (``and``, ``of``) match but do not count towards that share.

Word order does not matter, a misspelt or unfinished word still counts, and an
entry the query covers beats a longer one that merely contains it. Ties go to
labels, then aliases, then keywords, then phrases, then shorter texts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rapidfuzz import fuzz, process

from search.analysis.topics.taxonomy import Taxonomy
from search.analysis.variants import americanize

Kind = Literal["label", "alias", "keyword", "phrase"]
Span = tuple[int, int]

_KIND_ORDER: dict[str, int] = {"label": 0, "alias": 1, "keyword": 2, "phrase": 3}
_WORD = re.compile(r"[^\W_]+")
_FILLER = frozenset({"a", "an", "and", "of", "the", "to", "in", "on", "for", "or"})
_PREFIX_WEIGHT_TYPING = 0.9  # the word under the cursor may be a prefix of the word meant
_PREFIX_WEIGHT = 0.8  # a finished word that only matches the start of an entry word
_COVERAGE_WEIGHT = 0.1


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
        self._forms: list[str] = []  # vocabulary: every distinct indexed word form
        self._form_ids: dict[str, int] = {}
        self._postings: list[list[tuple[int, int]]] = []  # form -> [(entry, word position)]
        self._words: list[list[tuple[int, int, tuple[int, ...]]]] = []  # entry -> (start, end, forms)
        self._content: list[frozenset[int]] = []  # entry -> positions of its non-filler words
        self._prefixes: dict[int, list[str]] = {}
        for index, (text, _, _) in enumerate(self._entries):
            words: list[tuple[int, int, tuple[int, ...]]] = []
            for m in _WORD.finditer(text):
                lower = m.group().lower()
                forms = tuple(self._form_id(form) for form in dict.fromkeys((lower, americanize(lower))))
                for form in forms:
                    self._postings[form].append((index, len(words)))
                words.append((m.start(), m.end(), forms))
            self._words.append(words)
            content = [i for i, (start, end, _) in enumerate(words) if text[start:end].lower() not in _FILLER]
            self._content.append(frozenset(content or range(len(words))))

    def match(self, query: str, limit: int = 20) -> list[TopicMatch]:
        """The best-matching topics for ``query``, best first, one (its best entry) per key."""
        typing = bool(re.search(r"[^\W_]$", query))
        tokens = _query_tokens(query, typing)
        if not tokens or limit <= 0:
            return []
        word_scores = [
            self._word_scores(token, typing and i == len(tokens) - 1) for i, token in enumerate(tokens)
        ]
        best: list[dict[int, float]] = [defaultdict(float) for _ in tokens]
        matched_words: dict[int, set[int]] = defaultdict(set)
        for per_entry, scores in zip(best, word_scores, strict=True):
            for form, score in scores.items():
                for index, position in self._postings[form]:
                    per_entry[index] = max(per_entry[index], score)
                    matched_words[index].add(position)
        ranked = []
        for index, positions in matched_words.items():
            entry = self._entries[index]
            mean = sum(per_entry.get(index, 0.0) for per_entry in best) / len(tokens)
            coverage = len(positions & self._content[index]) / len(self._content[index])
            score = mean * (1 - _COVERAGE_WEIGHT + _COVERAGE_WEIGHT * coverage)
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
        if form not in self._form_ids:
            self._form_ids[form] = len(self._forms)
            self._forms.append(form)
            self._postings.append([])
        return self._form_ids[form]

    def _word_scores(self, token: str, typing: bool) -> dict[int, float]:
        """Vocabulary form -> similarity of ``token`` (0-100), for forms that pass the cut-off."""
        # Short tokens are too ambiguous for typos: only exact words and prefixes count.
        cutoff = 100.0 if len(token) <= 3 else 75.0 if len(token) <= 5 else 70.0
        scores = {
            form: score
            for _, score, form in process.extract(
                token, self._forms, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
            )
        }
        weight = _PREFIX_WEIGHT_TYPING if typing else _PREFIX_WEIGHT
        for length in (len(token), len(token) + 1):
            for _, score, form in process.extract(
                token, self._prefix_list(length), scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
            ):
                if score * weight > scores.get(form, 0.0):
                    scores[form] = score * weight
        return scores

    def _prefix_list(self, length: int) -> list[str]:
        if length not in self._prefixes:
            self._prefixes[length] = [form[:length] for form in self._forms]
        return self._prefixes[length]

    def _spans(self, index: int, tokens: list[str], word_scores: list[dict[int, float]]) -> tuple[Span, ...]:
        """Where each query token matched in entry ``index``: the whole of its best word, or
        for a prefix match the aligned start of it (when lower case keeps the word's length)."""
        text = self._entries[index].text
        spans: list[Span] = []
        for token, scores in zip(tokens, word_scores, strict=True):
            best = max(self._words[index], key=lambda w: max(scores.get(f, 0.0) for f in w[2]), default=None)
            if best is None or not any(form in scores for form in best[2]):
                continue
            start, end, forms = best
            word = text[start:end].lower()
            whole = max(fuzz.ratio(token, self._forms[form]) for form in forms)
            if len(word) == end - start and whole < max(scores.get(form, 0.0) for form in forms):
                aligned = fuzz.partial_ratio_alignment(token, word)
                if aligned is not None:
                    end = start + max(aligned.dest_end, 1)
            spans.append((start, end))
        return _merged(spans)


def _query_tokens(query: str, typing: bool) -> list[str]:
    """Lower-case, American-spelling query words without filler words, except a last word
    still being typed (``an`` may become ``antitrust``)."""
    words = [americanize(w.lower()) for w in _WORD.findall(query)]
    return [w for i, w in enumerate(words) if w not in _FILLER or (typing and i == len(words) - 1)]


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
