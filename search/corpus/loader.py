"""Turn one file into articles: read, decode, parse, clean; report every problem.

Loading happens in two steps so corpus-wide boilerplate (a line shared by many
articles, such as a wire sign-off) can be found before articles are built:
``read_file`` gives paragraphs and the lines at their edges, ``build_articles``
builds the articles once the boilerplate set is known.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.corpus import clean
from search.corpus.decode import NotText, decode
from search.corpus.discover import is_inside
from search.corpus.formats import BYTES_SUFFIXES, META_FIELDS, FormatError, Record, read_bytes, read_records
from search.corpus.report import REPAIRED, SKIPPED, LoadIssue
from search.model import Article

MAX_FILE_BYTES = 8 * 1024 * 1024
EDGE = 2  # paragraphs at each end of an article that may be boilerplate
META_MAX_CHARS = 10_000  # a longer metadata value is cut
MAX_TAGS = 100
# A text this short ("Blah blah blah." under a wire headline) says too little to call two articles
# the same story: their titles must match too for one to be a duplicate of the other.
SAME_STORY_WORDS = 20


@dataclass(slots=True)
class RawArticle:
    id: str
    meta: dict[str, Any]
    paragraphs: list[str]


@dataclass(slots=True)
class LoadedFile:
    rel: str
    raw: list[RawArticle] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)
    digest: str = ""  # of the file's bytes: tells copies of one file apart from other files

    def edge_keys(self) -> set[str]:
        """Keys of the short lines at the start and end of each article (boilerplate candidates)."""
        keys: set[str] = set()
        for art in self.raw:
            for p in art.paragraphs[:EDGE] + art.paragraphs[-EDGE:]:
                if len(p) <= 200:
                    keys.add(clean.line_key(p))
        return keys


def read_file(root: Path, rel: str) -> LoadedFile:
    """Read one file; never raises for a bad file, it reports it instead."""
    out = LoadedFile(rel)
    path = root / rel
    if os.path.islink(path) and not is_inside(root, path):
        return _skip(out, "a link to a place outside the corpus folder; not followed")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (discover skips them; this closes the race)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return _skip(out, "not a regular file (a pipe, device or socket)")
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return _skip(out, f"not readable ({err.strerror or err})")
    if len(data) > MAX_FILE_BYTES:
        return _skip(out, f"larger than the {MAX_FILE_BYTES // (1024 * 1024)} MB size cap")
    if not data.strip():
        return _skip(out, "empty file")
    out.digest = hashlib.blake2b(data, digest_size=8).hexdigest()
    try:
        records, notes = _records(path.suffix.lower(), data)
    except (NotText, FormatError) as err:
        return _skip(out, str(err))
    removed = replaced = 0
    for record in records:
        notes.extend(record.notes)
        body, gone, swapped = clean.clean_text(record.text)  # JSON escapes ("\u001b") decode here
        meta, meta_gone, meta_swapped = _clean_meta(record.meta)
        removed, replaced = removed + gone + meta_gone, replaced + swapped + meta_swapped
        paragraphs = clean.split_paragraphs(body)
        if not paragraphs and not _text(meta.get("title")):
            notes.append(f"article{record.key} has no text; skipped it")
            continue
        out.raw.append(RawArticle(rel + record.key, meta, paragraphs))
    if removed:
        notes.append(f"removed {removed} control character(s) or escape sequence(s) written as \\u escapes")
    if replaced:
        notes.append(f"replaced {replaced} lone surrogate(s) (half of a character) with U+FFFD")
    if not out.raw:
        return _skip(out, "; ".join(notes) or "no text")
    out.issues.extend(LoadIssue(rel, REPAIRED, n) for n in notes)
    return out


def _clean_meta(meta: dict[str, Any]) -> tuple[dict[str, Any], int, int]:
    """``meta`` with its text values (and lists of them) cleaned; (meta, removed, replaced)."""
    removed = replaced = 0

    def cleaned(value: object) -> object:
        nonlocal removed, replaced
        if not isinstance(value, str):
            return value
        text, gone, swapped = clean.clean_text(value[:META_MAX_CHARS])
        removed, replaced = removed + gone, replaced + swapped
        return text

    out: dict[str, Any] = {}
    for name in META_FIELDS:  # only what an article uses: YAML may hold any other keys
        if name not in meta:
            continue
        value = meta[name]
        if isinstance(value, list | tuple):
            out[name] = [cleaned(v) for v in value[:MAX_TAGS]]
        else:
            out[name] = cleaned(value)
    return out, removed, replaced


def _records(suffix: str, data: bytes) -> tuple[list[Record], list[str]]:
    """The file's records and the repairs made; raises NotText or FormatError for nothing usable."""
    if suffix in BYTES_SUFFIXES:  # web pages, feeds, PDF: decoded by their own parsers
        records, notes, removed = read_bytes(suffix, data), [], 0
        for record in records:
            record.text, n = clean.strip_controls(record.text)
            removed += n
    else:
        decoded = decode(data)
        notes = [decoded.note] if decoded.note else []
        text, removed = clean.strip_controls(decoded.text)
        records = read_records(suffix, text)
    if removed:
        notes.append(f"removed {removed} control character(s) or escape sequence(s)")
    return records, notes


def _skip(out: LoadedFile, reason: str) -> LoadedFile:
    out.raw.clear()
    out.issues.append(LoadIssue(out.rel, SKIPPED, reason))
    return out


def build_articles(loaded: LoadedFile, boilerplate: frozenset[str] = frozenset()) -> list[Article]:
    """The file's articles, without bylines and without edge lines whose key is in ``boilerplate``."""
    articles = []
    for raw in loaded.raw:
        author, paragraphs = clean.byline(raw.paragraphs)
        if boilerplate:
            paragraphs = _drop_boilerplate(paragraphs, boilerplate)
        body, blocks = clean.build_body(paragraphs)
        meta = raw.meta
        text_paragraphs = [body[b.start : b.end] for b in blocks if b.kind == "text"]
        title = " ".join(_text(meta.get("title")).split()) or clean.derive_title(
            text_paragraphs, paragraphs[0] if paragraphs else ""
        )
        articles.append(
            Article(
                id=raw.id,
                path=loaded.rel,
                title=clean.trim(title, 200) or raw.id,
                body=body,
                blocks=blocks,
                date=_text(meta.get("date")),
                source=_text(meta.get("source")),
                url=_text(meta.get("url")),
                section=_text(meta.get("section")),
                author=_text(meta.get("author")) or author,
                tags=_tags(meta.get("tags")),
                hash=text_hash(body if len(body.split()) >= SAME_STORY_WORDS else f"{title}\n{body}"),
            )
        )
    return articles


def text_hash(body: str) -> str:
    """Tells texts apart by their words: the same text with other paragraph breaks or spacing
    (a story filed twice) has the same hash, so it is indexed once."""
    words = " ".join(body.split())
    return hashlib.blake2b(words.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _drop_boilerplate(paragraphs: list[str], boilerplate: frozenset[str]) -> list[str]:
    start, end = 0, len(paragraphs)
    while start < min(EDGE, end) and clean.line_key(paragraphs[start]) in boilerplate:
        start += 1
    while end > max(start, len(paragraphs) - EDGE) and clean.line_key(paragraphs[end - 1]) in boilerplate:
        end -= 1
    return paragraphs[start:end]


def _text(value: object, nested: bool = False) -> str:
    """A metadata value as text: a scalar, or a flat list of scalars joined by commas.

    Bounded, because front matter is untrusted: YAML aliases can make a small block stand for a
    huge nested structure, and ``str`` of an integer of thousands of digits raises.
    """
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        if nested:
            return ""
        parts: list[str] = []
        size = 0
        for v in value:
            if size > META_MAX_CHARS:
                break
            if part := _text(v, nested=True):
                parts.append(part)
                size += len(part) + 2
        value = ", ".join(parts)
    try:
        text = str(value)[:META_MAX_CHARS]
    except ValueError:
        return ""
    text, _ = clean.strip_controls(text)
    return text.strip()


def _tags(value: object) -> list[str]:
    if isinstance(value, str):
        value = value[:META_MAX_CHARS].split(",")
    if not isinstance(value, list | tuple):
        return []
    return [t for t in (_text(v, nested=True) for v in value[:MAX_TAGS]) if t]
