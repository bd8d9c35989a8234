"""Export a view (search results, a topic's articles, an entity's mentions, bookmarks) as a
Markdown brief, JSON or CSV.

Pure: builds strings from the query API's data types; only ``write_export`` touches the disk.
Build a view with ``search_view``, ``topic_view``, ``entity_view`` or ``bookmarks_view``, then
``export(view, "md" | "json" | "csv")``.

JSON (one object; field names as in the CLI's ``--json`` output where they overlap)::

    {"kind": "search" | "topic" | "entity" | "bookmarks", "title": str, "generated": ISO 8601,
     search: "query": str, "filters": {facet: [value, ...]}, "total": int, "notice": str,
     topic: "topic": {"id", "label", "description", "articles"}, "query": str, "total", "notice",
     entity: "entity": {"id", "name", "type", "aliases", "articles", "mentions"},
     bookmarks: "total": int,
     and the rows under "articles", "mentions" or "bookmarks":
       article: {"id", "title", "score", "source", "date", "section",
                 "snippets": [{"text", "highlights": [[start, end], ...]}]}
       mention: {"article", "title", "start", "end", "text", "context"}
       bookmark: {"kind", "key", "label", "note", "created"}}

CSV: a header row of the row fields above, then one row per article, mention or bookmark; an
article's snippets are one ``snippet`` column of plain text on one line, joined by " … ". A cell
that starts with = + - or @ gets a leading ' so that no spreadsheet runs it as a formula.

Every format: escape sequences and control characters (but tab and line breaks) are removed from
all text, file names too, and lone surrogates become U+FFFD.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from search.analysis.entities import Entity
from search.atomic import write_atomic
from search.corpus.clean import safe_text
from search.index.query_syntax import readable
from search.model import Hit, MentionContext, SearchResult, Snippet, Span, TopicInfo

Format = Literal["md", "json", "csv"]
FORMATS: tuple[Format, ...] = ("md", "json", "csv")
EXTENSIONS: dict[str, Format] = {".md": "md", ".markdown": "md", ".json": "json", ".csv": "csv"}
BOOKMARK_KINDS = ("article", "entity", "search", "topic")
ARTICLE_COLUMNS = ("id", "title", "score", "source", "date", "section")
MENTION_COLUMNS = ("article", "title", "start", "end", "text", "context")

Filters = Mapping[str, str | Sequence[str]]
Scalar = str | int | float

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")  # what could start Markdown structure mid-line
_MD_LEAD = re.compile(r"^(\d{0,9})([-+=.)])")  # and at the start of a line: lists, setext rules
_SPACE = re.compile(r"\s+")  # a line break in article text must not end the Markdown line
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """An export format, or a file name whose extension names none."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    kind: str  # one of BOOKMARK_KINDS
    key: str  # the article id, entity id, query text or topic id
    label: str
    note: str = ""
    created: str = ""  # ISO 8601

    def __post_init__(self) -> None:
        if self.kind not in BOOKMARK_KINDS:
            raise ValueError(f"bookmark kind {self.kind!r} is not one of {', '.join(BOOKMARK_KINDS)}")


@dataclass(frozen=True, slots=True)
class ExportRow:
    heading: str  # Markdown: the item's bold lead (an article title, a bookmark label)
    meta: tuple[str, ...]  # Markdown: after the heading, joined by " · "; empty parts dropped
    fields: dict[str, Scalar]  # the data: a JSON object, a CSV row; keys are ExportView.columns
    snippets: tuple[Snippet, ...] = ()  # Markdown: one line each, highlights in bold


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class ExportView:
    kind: str  # "search", "topic", "entity" or "bookmarks"
    title: str
    subtitle: str  # one line: the query, filters, counts
    header: dict[str, Any]  # the subtitle as JSON fields
    items: str  # the JSON key of the rows: "articles", "mentions" or "bookmarks"
    columns: tuple[str, ...]
    rows: tuple[ExportRow, ...]
    passages: bool = False  # row snippets are article passages: JSON "snippets", CSV "snippet", …
    generated: str = field(default_factory=_now)


# -- views -------------------------------------------------------------------------------------


def search_view(query: str, result: SearchResult, filters: Filters | None = None) -> ExportView:
    query = readable(query)  # (what was searched: bytes that are not UTF-8 read as the search read them)
    facets = {k: [v] if isinstance(v, str) else list(v) for k, v in (filters or {}).items()}
    shown = [f"{k}: {', '.join(v)}" for k, v in facets.items()]
    subtitle = _join([f"Query: {query}", *shown, _count(result), result.notice])
    header = {"query": query, "filters": facets, "total": result.total, "notice": result.notice}
    return _articles_view("search", f"Search: {query}", subtitle, header, result.hits)


def topic_view(topic: TopicInfo, result: SearchResult, asked: str = "") -> ExportView:
    """A topic's articles; ``asked`` is what the user typed to find the topic."""
    subtitle = _join([f"Topic {topic.id}", asked and f"asked: {asked}", _count(result), result.notice])
    info = {key: getattr(topic, key) for key in ("id", "label", "description", "articles")}
    header = {"topic": info, "query": asked, "total": result.total, "notice": result.notice}
    return _articles_view("topic", f"Topic: {topic.label}", subtitle, header, result.hits)


def entity_view(entity: Entity, mentions: Sequence[MentionContext]) -> ExportView:
    counts = f"{_plural(entity.mention_count, 'mention')} in {_plural(len(entity.article_ids), 'article')}"
    also = f"also: {', '.join(entity.aliases)}" if entity.aliases else ""
    subtitle = _join([entity.label, also, counts, entity.description])
    rows = tuple(
        ExportRow(
            m.title,
            (m.article_id, f"characters {m.start}–{m.end}"),
            _fields(MENTION_COLUMNS, m.article_id, m.title, m.start, m.end, m.text, m.context.text),
            (m.context,),
        )
        for m in mentions
    )
    header = {"entity": entity_json(entity)}
    return ExportView("entity", f"Entity: {entity.name}", subtitle, header, "mentions", MENTION_COLUMNS, rows)


def bookmarks_view(bookmarks: Iterable[Bookmark | Mapping[str, str]], title: str = "Bookmarks") -> ExportView:
    """Bookmarks as ``Bookmark``s or plain dicts with the same keys (a missing one is blank)."""
    names = tuple(f.name for f in fields(Bookmark))
    marks = [
        b if isinstance(b, Bookmark) else Bookmark(*(str(b.get(n) or "") for n in names)) for b in bookmarks
    ]
    rows = tuple(
        ExportRow(b.label, (b.kind, b.key, b.created), _fields(names, *astuple(b)), _note(b.note))
        for b in marks
    )
    header = {"total": len(marks)}
    return ExportView("bookmarks", title, _plural(len(marks), "bookmark"), header, "bookmarks", names, rows)


def _articles_view(kind: str, title: str, sub: str, header: dict[str, Any], hits: list[Hit]) -> ExportView:
    rows = tuple(
        ExportRow(
            h.title,
            (h.id, h.source, h.date[:10], f"score {h.score:.2f}"),
            _fields(ARTICLE_COLUMNS, h.id, h.title, round(h.score, 4), h.source, h.date, h.section),
            h.snippets,
        )
        for h in hits
    )
    return ExportView(kind, title, sub, header, "articles", ARTICLE_COLUMNS, rows, passages=True)


def _fields(columns: tuple[str, ...], *values: Scalar) -> dict[str, Scalar]:
    return dict(zip(columns, values, strict=True))


def _note(note: str) -> tuple[Snippet, ...]:
    return (Snippet(note),) if note else ()


def entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.label,
        "aliases": list(entity.aliases),
        "articles": list(entity.article_ids),
        "mentions": entity.mention_count,
    }


def snippet_json(snippet: Snippet) -> dict[str, Any]:
    return {"text": snippet.text, "highlights": [list(span) for span in snippet.highlights]}


def _count(result: SearchResult) -> str:
    return f"{len(result.hits)} of {_plural(result.total, 'article')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _join(parts: Iterable[str]) -> str:
    return " · ".join(p for p in parts if p)


# -- formats -----------------------------------------------------------------------------------


def export(view: ExportView, fmt: Format) -> str:
    """``view`` in format ``fmt``, with no escape sequence or control character in any text."""
    renderers = {"md": to_markdown, "json": to_json, "csv": to_csv}
    if fmt not in renderers:
        raise ExportError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    return renderers[fmt](safe_view(view))


def safe_view(view: ExportView) -> ExportView:
    """``view`` with every text cleaned for leaving brief-tui (``clean.safe_text``)."""
    rows = tuple(
        ExportRow(
            _safe(row.heading),
            tuple(_safe(m) for m in row.meta),
            {k: _safe(v) for k, v in row.fields.items()},
            tuple(Snippet(*safe_text(s.text, s.highlights)) for s in row.snippets),
        )
        for row in view.rows
    )
    header = {k: _safe(v) for k, v in view.header.items()}
    return replace(view, title=_safe(view.title), subtitle=_safe(view.subtitle), header=header, rows=rows)


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)[0]
    if isinstance(value, dict):
        return {_safe(k): _safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_safe(v) for v in value]
    return value


def csv_cell(value: Scalar) -> Scalar:
    """A text starting with = + - @ (or a tab or CR) would be a formula in a spreadsheet: quote it."""
    if isinstance(value, str) and value[:1] in _FORMULA_LEADS:
        return "'" + value
    return value


def fmt_for_path(path: str | Path) -> Format:
    """The format a file name asks for, from its extension."""
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot tell the export format of {str(path)!r}: name it .md, .json or .csv")
    return fmt


NEW_FILE_MODE = 0o644  # an export is a document to share, not a secret


def write_export(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, keeping the mode of a file it replaces."""
    target = Path(path)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    write_atomic(target, text.encode("utf-8"))
    os.chmod(target, mode)  # write_atomic's temporary file is private (0600)


def to_json(view: ExportView) -> str:
    rows = [
        {**row.fields, **({"snippets": [snippet_json(s) for s in row.snippets]} if view.passages else {})}
        for row in view.rows
    ]
    head = {"kind": view.kind, "title": view.title, "generated": view.generated, **view.header}
    return json.dumps({**head, view.items: rows}, ensure_ascii=False, indent=2) + "\n"


def to_csv(view: ExportView) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # "\r\n" rows: a field holding "\r" or "\n" is quoted
    writer.writerow([*view.columns, *(["snippet"] if view.passages else [])])
    for row in view.rows:
        cells: list[Scalar] = [row.fields[c] for c in view.columns]
        if view.passages:
            cells.append(" … ".join(_SPACE.sub(" ", s.text).strip() for s in row.snippets))
        writer.writerow([csv_cell(cell) for cell in cells])
    return buffer.getvalue()


def to_markdown(view: ExportView) -> str:
    subtitle = md_text(_join([view.subtitle, f"Generated {view.generated}"]))
    lines = [f"# {md_text(view.title)}", "", subtitle, ""]
    for rank, row in enumerate(view.rows, start=1):
        marker = f"{rank}. "
        meta = md_text(_join(row.meta))
        lines.append(f"{marker}**{md_text(row.heading) or '(untitled)'}**" + (meta and f" — {meta}"))
        for s in row.snippets:
            text = md_text(s.text, s.highlights)
            lines.append(" " * len(marker) + (f"- …{text}…" if view.passages else f"- {text}"))
    if not view.rows:
        lines.append(f"No {view.items}.")
    return "\n".join(lines) + "\n"


def md_text(text: str, highlights: Iterable[Span] = ()) -> str:
    """Article text as one line of Markdown that shows it literally, with ``highlights`` in bold:
    every character that could make a link, emphasis, code, HTML, a heading or a list is escaped."""
    parts: list[str] = []
    pos = 0
    for a, b in _merged(highlights, len(text)):
        word = text[a:b]
        core = word.strip()  # "** abe**" would not be bold
        i = word.find(core)
        bold = f"**{_escape(core)}**" if core else ""
        parts += [_escape(text[pos:a] + word[:i]), bold, _escape(word[i + len(core) :])]
        pos = b
    parts.append(_escape(text[pos:]))
    return _MD_LEAD.sub(r"\1\\\2", "".join(parts).strip(), count=1)


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text))


def _merged(spans: Iterable[Span], size: int) -> list[Span]:
    """Spans in order, clipped to the text, overlapping or touching ones joined (no ``****``)."""
    out: list[Span] = []
    for a, b in sorted((max(0, a), min(size, b)) for a, b in spans):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out
