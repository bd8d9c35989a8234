"""Snippets of a hit: the passages that best match a query, with the matched words as spans.

This is Whoosh's highlighting (``ContextFragmenter``, ``WholeFragmenter``, its fragment
scorer and order), made fast for per-keystroke search: instead of running the analyser
chain over every word of every hit, the text is cut with the analyser's own tokenizer
and each distinct word is analysed once and remembered. Every step of the chain works
on one word at a time, so the result is the same.

Unlike Whoosh's, a word the query only has inside a phrase ("missile defence") is marked
only where the whole phrase stands (stop words between its words allowed, as the index
skips them), and words next to each other are marked as one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from itertools import takewhile

from whoosh.analysis import Analyzer, RegexTokenizer, Token
from whoosh.highlight import (
    DEFAULT_CHARLIMIT,
    FIRST,
    BasicFragmentScorer,
    Formatter,
    Fragment,
    mkfrag,
    top_fragments,
)

from search.model import Snippet, Span

SNIPPET_CHARS = 180  # a passage's length at most
SURROUND = 60  # context kept before the first and after the last matched word of a passage
CACHE_WORDS = 500_000  # analysed words remembered (then forgotten all at once)

_SCORER = BasicFragmentScorer()
Word = tuple[int, int, str | None]  # (start, end, analysed text; None for a stop word) of one word
Marked = tuple[int, int, str, bool]  # (start, end, analysed text, whether the query matched it)
Phrase = tuple[str, ...]  # a phrase of the query, as analysed words


class SpanFormatter(Formatter):
    """Formats fragments into ``Snippet`` values instead of marked-up strings."""

    def format(self, fragments: Sequence[Fragment], replace: bool = False) -> list[Snippet]:  # type: ignore[override]
        return [self._snippet(f) for f in fragments]

    @staticmethod
    def _snippet(fragment: Fragment) -> Snippet:
        start, end = fragment.startchar, fragment.endchar
        text = fragment.text[start:end]
        spans: list[Span] = []
        for t in sorted(fragment.matches, key=lambda t: (t.startchar, -t.endchar)):
            if t.startchar is None or (spans and t.startchar < spans[-1][1] + start):
                continue
            span = (t.startchar - start, min(t.endchar, end) - start)
            if spans and not text[spans[-1][1] : span[0]].strip():  # next to the last: one mark
                spans[-1] = (spans[-1][0], span[1])
            else:
                spans.append(span)
        return collapse_spaces(text, spans)


_FORMATTER = SpanFormatter()


def collapse_spaces(text: str, spans: Sequence[Span]) -> Snippet:
    """Fold runs of white space (paragraph breaks too) into one space, keeping the spans on their words."""
    out: list[str] = []
    where: list[int] = []  # where[i]: the position in ``out`` of original character i
    for ch in text.strip():
        if ch.isspace():
            if out and out[-1] == " ":
                where.append(len(out) - 1)
                continue
            ch = " "
        where.append(len(out))
        out.append(ch)
    lead = len(text) - len(text.lstrip())
    where.append(len(out))
    limit = len(where) - 1
    mapped = tuple(
        (where[max(0, min(a - lead, limit))], where[max(0, min(b - lead, limit))]) for a, b in spans
    )
    return Snippet("".join(out), tuple((a, b) for a, b in mapped if a < b))


class Highlighter:
    """Snippets of texts analysed with ``analyzer`` (whose first step is a ``RegexTokenizer``)."""

    def __init__(self, analyzer: Analyzer) -> None:
        tokenizer = analyzer.items[0]  # type: ignore[attr-defined]
        assert isinstance(tokenizer, RegexTokenizer), "highlighting needs a regex tokenizer"
        self._analyzer = analyzer
        self._finditer = tokenizer.expression.finditer
        self._terms: dict[str, str | None] = {}

    def passages(
        self, text: str, words: frozenset[str], top: int, phrases: Sequence[Phrase] = ()
    ) -> list[Snippet]:
        """The ``top`` passages of ``text`` with most of the query's ``words`` and ``phrases`` (as
        Whoosh's ``ContextFragmenter`` cuts them), in text order."""
        fragments = _context_fragments(text, self._marked(text, words, phrases))
        return _FORMATTER.format(top_fragments(fragments, top, _SCORER, FIRST, minscore=1))

    def whole(self, text: str, words: frozenset[str], phrases: Sequence[Phrase] = ()) -> tuple[Span, ...]:
        """The spans of the query's ``words`` and ``phrases`` in a short text (a title), as
        ``WholeFragmenter`` finds them."""
        marked = takewhile(_within_limit, self._marked(text, words, phrases))
        matches = [_token(start, end, term) for start, end, term, hit in marked if hit]
        if not matches:
            return ()
        best = top_fragments([Fragment(text, matches)], 1, _SCORER, FIRST, minscore=1)
        return _FORMATTER.format(best)[0].highlights if best else ()

    def _marked(self, text: str, words: frozenset[str], phrases: Sequence[Phrase]) -> Iterator[Marked]:
        """Each word of ``text`` (as far as Whoosh looks), and whether the query matched it."""
        if not phrases:
            for start, end, term in self._words(text):
                yield start, end, term or "", term in words
            return
        listed: list[Word] = []
        for word in self._words(text):
            listed.append(word)
            if not _within_limit(word):  # (the fragmenter stops at this one)
                break
        hits = [term in words for _, _, term in listed]
        content = [i for i, (_, _, term) in enumerate(listed) if term is not None]
        terms = [listed[i][2] for i in content]
        for phrase in phrases:
            n = len(phrase)
            for k in range(len(terms) - n + 1):
                if terms[k] == phrase[0] and tuple(terms[k : k + n]) == phrase:
                    hits[content[k] : content[k + n - 1] + 1] = [True] * (content[k + n - 1] + 1 - content[k])
        for (start, end, term), hit in zip(listed, hits, strict=True):
            yield start, end, term or "", hit

    def _words(self, text: str) -> Iterator[Word]:
        terms = self._terms
        if len(terms) > CACHE_WORDS:
            terms.clear()
        for m in self._finditer(text):
            word = m.group()  # Word: every step of the analyser works on one word alone
            if word in terms:
                term = terms[word]
            else:
                found = next(iter(self._analyzer(word, mode="index")), None)  # None: a stop word
                term = terms[word] = found.text if found is not None else None
            yield m.start(), m.end(), term


def _within_limit(word: Word | Marked) -> bool:
    return word[1] <= DEFAULT_CHARLIMIT


def _token(start: int, end: int, term: str) -> Token:
    return Token(text=term, startchar=start, endchar=end, matched=True)


def _context_fragments(text: str, tokens: Iterator[Marked]) -> Iterator[Fragment]:
    """``ContextFragmenter(SNIPPET_CHARS, SURROUND).fragment_tokens``, step for step, over words."""
    first: int | None = None  # start of the current fragment
    firsts: deque[int] = deque()  # starts of the words before it, within SURROUND
    countdown = -1  # >= 0: inside a fragment
    matched: list[Token] = []
    end = 0
    length = 0
    for start, end, term, hit in tokens:
        if end > DEFAULT_CHARLIMIT:  # Whoosh stops here, this word's end closing the last fragment
            break
        size = end - start
        if countdown < 0 and not hit:
            firsts.append(start)
            while firsts and end - firsts[0] > SURROUND:
                firsts.popleft()
        elif length + size > SNIPPET_CHARS:
            countdown = 0
        elif hit:
            countdown = SURROUND
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = start
                    countdown += SURROUND
            matched.append(_token(start, end, term))
        if countdown >= 0:
            length += size
            countdown -= size
            if countdown <= 0:
                yield mkfrag(text, matched, startchar=first, endchar=end)
                matched, firsts, first, length = [], deque(), None, 0
    if matched:
        yield mkfrag(text, matched, startchar=first, endchar=end)
