"""Discovered topics: key terms of a set of articles and frequent phrases of a corpus.

Key terms come from Whoosh's expansion model (``Searcher.key_terms``), which
needs the field stored or vectored in the index; for a field that is neither,
pass the texts themselves. Phrases are frequent two-word sequences found without
any NLP library: words are split at punctuation and numbers, and a pair counts
only when neither word is a stop word, a common verb or adverb, or a newswire
abbreviation (``mln dlrs``, ``pct``, ``cts``, ``shr`` never become phrases).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from whoosh.analysis import Analyzer
from whoosh.searching import Searcher

# fmt: off
# Newswire shorthand, company suffixes and the corpus' placeholder text.
WIRE_ABBREVIATIONS = frozenset(
    [
        "mln", "bln", "dlrs", "dlr", "pct", "cts", "ct", "shr", "shrs", "avg", "qtr", "qtly", "div", "vs",
        "revs", "rev", "oper", "mths", "mth", "yr", "stg", "prev", "inc", "corp", "co", "ltd", "plc", "llc",
        "reuter", "reuters", "blah", "nil"
    ]
)

STOPWORDS = frozenset(
    [
        "a", "about", "above", "after", "again", "against", "all", "almost", "along", "already", "also",
        "although", "am", "among", "an", "and", "another", "any", "are", "around", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "cannot",
        "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "ever", "every",
        "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
        "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "least", "less", "like", "made", "make", "makes", "many", "may", "me", "might",
        "more", "most", "much", "must", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off",
        "often", "on", "once", "one", "only", "or", "other", "others", "our", "ours", "ourselves", "out",
        "over", "own", "per", "perhaps", "put", "quite", "rather", "same", "several", "shall", "she",
        "should", "since", "so", "some", "still", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "though", "through", "thus", "to",
        "together", "too", "toward", "towards", "under", "until", "up", "upon", "very", "via", "was",
        "we", "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose",
        "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself",
        "said", "says", "say", "saying", "told", "tell", "added", "adding", "according", "asked",
        "announced", "reported", "expected", "going", "get", "got", "go", "goes", "went", "see", "seen",
        "take", "taken", "think", "thought", "want", "wanted", "know", "known", "new", "last", "next",
        "year", "years", "month", "months", "week", "weeks", "day", "days", "today", "yesterday", "time",
        "times", "ago", "first", "second", "third", "fourth", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "hundred", "thousand", "million", "billion", "percent", "mr",
        "mrs", "ms", "dr", "currently", "recently", "previously", "nearly", "really", "likely", "largely",
        "mainly", "mostly", "probably", "possibly", "particularly", "especially", "simply", "actually",
        "clearly", "fully", "greatly", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december"
    ]
)
# fmt: on

_KEY_TERMS_ALL = sys.maxsize  # key_terms sorts every candidate anyway; we filter, then cut
_CLAUSE_BREAK = re.compile(r"[^\w\s'’-]+|\s-+\s|\n")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


def key_phrases_from_texts(
    searcher: Searcher, texts: Iterable[str], fieldname: str = "body", n: int = 10
) -> list[tuple[str, float]]:
    """The ``n`` most characteristic words of these texts, weighed against the index, best first.

    Terms are shown as the word that most often produced them in the texts
    (``maternity`` rather than the stem ``matern``).
    """
    docs = list(texts)
    terms = searcher.key_terms_from_text(fieldname, "\n\n".join(docs), numterms=_KEY_TERMS_ALL)
    return _readable(searcher.schema[fieldname].analyzer, terms, docs, n)


def frequent_phrases(texts: Iterable[str], n: int = 20, min_count: int = 2) -> list[tuple[str, int]]:
    """The ``n`` two-word phrases found in the most texts, with those counts.

    A phrase's count is the number of texts it occurs in, so one article repeating
    it does not dominate. Ties are ordered alphabetically.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(text_phrases(text)))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(phrase, count) for phrase, count in ranked[:n] if count >= min_count]


def text_phrases(text: str) -> list[str]:
    """The candidate two-word phrases of one text, lower case, in order."""
    phrases: list[str] = []
    for clause in _CLAUSE_BREAK.split(text.lower()):
        for run in _content_runs(clause):
            phrases.extend(f"{a} {b}" for a, b in pairwise(run))
    return phrases


def _content_runs(clause: str) -> list[list[str]]:
    """Runs of adjacent content words; stop words, numbers and wire shorthand end a run."""
    runs: list[list[str]] = [[]]
    for token in clause.split():
        word = _content_word(token)
        if word:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return runs


@lru_cache(maxsize=1 << 16)  # called for every token of every article at index time
def _content_word(token: str) -> str | None:
    match = _WORD.fullmatch(token.strip("'’-"))
    if not match:
        return None
    word = _POSSESSIVE.sub("", match.group())
    if len(word) < 2 or word in STOPWORDS or word in WIRE_ABBREVIATIONS:
        return None
    return word


def _readable(
    analyzer: Analyzer, terms: list[tuple[str, float]], texts: list[str], n: int
) -> list[tuple[str, float]]:
    """The first ``n`` of ``terms`` that are words (no numbers, stop words or wire
    shorthand), each shown in its most common surface form in ``texts``."""
    noise = {t.text for word in STOPWORDS | WIRE_ABBREVIATIONS for t in analyzer(word)}
    surfaces: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for token in analyzer(text, chars=True):
            surfaces[token.text][text[token.startchar : token.endchar].lower()] += 1
    words = [
        (_most_common(surfaces[term]) if term in surfaces else term, weight)
        for term, weight in terms
        if term.isalpha() and term not in noise
    ]
    return words[:n]


def _most_common(counts: Counter[str]) -> str:
    """The most frequent key of ``counts``; the alphabetically first among equals."""
    return min(counts, key=lambda word: (-counts[word], word))
