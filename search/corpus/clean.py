"""Clean raw text into paragraphs and headings, find bylines and derive titles.

Article text is data: control characters and terminal escape sequences are
removed here, so nothing downstream can move a cursor or ring a bell.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from search.model import Block

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-character ESC sequences.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")  # half of a pair: JSON "\ud83d" decodes to one
_UNSAFE = re.compile(f"{_ESCAPES.pattern}|{_CONTROLS.pattern}|{_SURROGATES.pattern}")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
# a sentence ends at . ! or ?, but not after an initial or an initialism ("U.S.", "N.Y.", "John F.")
_SENTENCE_END = re.compile(
    r"(?<![\s.][A-Z]\.)(?<![\s.][A-Z]\.[\"'”’)])(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])"
)
_MD_HEADING = re.compile(r"^#{1,6}\s+(\S.*)$")
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs"}

TITLE_MAX = 90


def strip_controls(text: str) -> tuple[str, int]:
    """Remove escape sequences and control characters (tabs become spaces). Returns (text, removed)."""
    removed = 0
    if "\x1b" in text or "\x9b" in text:
        text, removed = _ESCAPES.subn("", text)
    text = text.replace("\t", " ")
    text, n = _CONTROLS.subn("", text)
    return text, removed + n


def clean_text(text: str) -> tuple[str, int, int]:
    """``strip_controls``, and lone surrogates (which cannot be written as UTF-8) made U+FFFD.

    Returns (text, controls removed, surrogates replaced)."""
    text, removed = strip_controls(text)
    replaced = 0
    if _SURROGATES.search(text):
        text, replaced = _SURROGATES.subn("\ufffd", text)
    return text, removed, replaced


def safe_text(text: str, spans: Iterable[tuple[int, int]] = ()) -> tuple[str, list[tuple[int, int]]]:
    """``text`` without escape sequences and control characters (but tab and line breaks), lone
    surrogates made U+FFFD, and ``spans`` into it moved to match: for text about to leave brief-tui."""
    if not _UNSAFE.search(text):
        return text, list(spans)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    totals: list[int] = []  # characters removed up to the end of each removed run
    pos = gone = 0
    for match in _UNSAFE.finditer(text):
        a, b = match.span()
        out.append(text[pos:a])
        if _SURROGATES.fullmatch(match.group()):
            out.append("\ufffd")
        else:
            gone += b - a
            starts.append(a)
            ends.append(b)
            totals.append(gone)
        pos = b
    out.append(text[pos:])

    def moved(i: int) -> int:
        k = bisect.bisect_right(ends, i)  # removed runs that end at or before i
        before = totals[k - 1] if k else 0
        return starts[k] - before if k < len(starts) and starts[k] < i else i - before

    return "".join(out), [(moved(a), moved(b)) for a, b in spans]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; a text with none has one paragraph a line."""
    text = text.strip()
    if not text:
        return []
    if _BLANK_LINES.search(text):
        parts = _BLANK_LINES.split(text)
        return [p.strip() for p in parts if p.strip()]
    return [line.strip() for line in text.split("\n") if line.strip()]


def normalise_line(line: str) -> str:
    """The form used to compare lines for bylines and boilerplate."""
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split())


def line_key(line: str) -> str:
    """A short hash of the normalised line, to count repeated lines across a corpus."""
    return hashlib.blake2b(normalise_line(line).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def markdown_heading(paragraph: str) -> str | None:
    """The text of a Markdown heading (``# Title``), or None when ``paragraph`` is no such line."""
    md = _MD_HEADING.match(paragraph)
    return md.group(1).strip() if md and "\n" not in paragraph else None


def heading_text(paragraph: str, is_last: bool) -> str | None:
    """The heading a short title-like line stands for, or None for ordinary text."""
    if (md := markdown_heading(paragraph)) is not None:
        return md
    if is_last or "\n" in paragraph or len(paragraph) > 40:
        return None
    words = paragraph.split()
    if not 1 <= len(words) <= 5 or paragraph[-1] in '.!?,;:"”’)' or any(c.isdigit() for c in paragraph):
        return None
    capitalised = all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)
    return paragraph if capitalised and words[0][0].isupper() else None


def headline(paragraph: str) -> str:
    """A wire headline in capitals leading ``paragraph`` ("U.S. STOCKS EX-DIVIDEND - Jun 1"), or "".

    It is the whole paragraph, or runs into a dateline ("... STRONG LONDON, Oct 20 - U.S. ...",
    the city dropped); capitals that start ordinary text ("NATO AND EU leaders met") are not one.
    """
    words = paragraph.split()
    run = 0
    while run < len(words) and not any(c.islower() for c in words[run]):
        run += 1
    caps = words[:run]
    if run < len(words):  # followed by text: only a headline if a dateline ("CITY, Month") follows it
        if not caps or not caps[-1].endswith(","):
            return ""
        caps = caps[:-1]
    if sum(any(c.isalpha() for c in w) for w in caps) < 2:
        return ""
    return " ".join(caps).rstrip(" -–—,;:")


def derive_title(paragraphs: list[str], lead: str = "") -> str:
    """A Markdown heading (``# Title``) that ``lead`` (the first paragraph) is, or the headline in
    capitals it opens with, else the first sentence of the first paragraph, trimmed at a word
    boundary."""
    if (md := markdown_heading(lead)) is not None:
        return trim(md, TITLE_MAX)
    if caps := headline(" ".join(lead.split())):
        return trim(caps, TITLE_MAX)
    for paragraph in paragraphs:
        first = _SENTENCE_END.split(" ".join(paragraph.split()), maxsplit=1)[0].strip()
        if first:
            return trim(first, TITLE_MAX)
    return ""


def trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def byline(paragraphs: list[str]) -> tuple[str, list[str]]:
    """A line repeated at the top and bottom is a byline: return it and the paragraphs without it."""
    first = paragraphs[0] if paragraphs else ""
    if len(paragraphs) >= 3 and len(first) <= 300 and normalise_line(first) == normalise_line(paragraphs[-1]):
        return first, paragraphs[1:-1]
    if paragraphs and len(paragraphs[0]) <= 80 and paragraphs[0].lower().startswith("by "):
        return paragraphs[0][3:].strip(), paragraphs[1:]
    return "", paragraphs


def build_body(paragraphs: list[str]) -> tuple[str, list[Block]]:
    """Join paragraphs with blank lines, marking which are headings."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for i, paragraph in enumerate(paragraphs):
        heading = heading_text(paragraph, is_last=i == len(paragraphs) - 1)
        text = heading if heading is not None else paragraph
        if parts:
            pos += 2
        blocks.append(Block(pos, pos + len(text), "heading" if heading is not None else "text"))
        parts.append(text)
        pos += len(text)
    return "\n\n".join(parts), blocks
