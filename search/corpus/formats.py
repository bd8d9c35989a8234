"""Read each supported file format into raw records: a dict of metadata plus the text.

``.txt`` is plain text; ``.md``/``.markdown`` may open with YAML front matter;
``.json`` holds one article object or a list of them; ``.jsonl`` one object a line.
Web pages, feeds and PDF are read from their bytes (they carry their own encoding) by
the modules html.py, feeds.py and pdf.py, imported only when such a file is read.
Problems that leave something usable are returned as notes; a file with nothing
usable raises ``FormatError``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
PDF_SUFFIXES = {".pdf"}
BYTES_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | PDF_SUFFIXES
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | BYTES_SUFFIXES

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
META_FIELDS = ("title", "date", "source", "url", "section", "author", "tags")
BODY_KEYS = ("body", "text", "content", "article")


class FormatError(Exception):
    """Nothing usable could be read from the file."""


@dataclass(slots=True)
class Record:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    key: str = ""  # suffix for records inside one file, e.g. "#3" for a JSON list item
    notes: list[str] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """Return (metadata, body, note). A malformed block keeps the body and says why."""
    if not text.startswith("---\n"):
        return {}, text, ""
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4 : end + 5] not in ("", "\n"):
        end = text.find("\n---", end + 4)
    if end == -1:
        return {}, text, "front matter has no closing '---'; read the whole file as body"
    block, body = text[4:end], text[end + 4 :].lstrip("\n")
    try:
        meta = yaml.load(block, Loader=_YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        return {}, body, f"malformed front matter{where}; kept the body"
    except Exception:  # constructors raise more than YAMLError: 2024-02-30, !!timestamp x, 5000 digits
        return {}, body, "malformed front matter (a value could not be read); kept the body"
    if meta is None:
        return {}, body, ""
    if not isinstance(meta, dict):
        return {}, body, "front matter is not a mapping; kept the body"
    return meta, body, ""


def _json_record(obj: object, key: str) -> Record:
    if isinstance(obj, str):
        return Record(obj, key=key)
    if not isinstance(obj, dict):
        raise FormatError(f"item{key or ''} is not an object")
    body = next((obj[k] for k in BODY_KEYS if isinstance(obj.get(k), str)), None)
    if body is None:
        raise FormatError(f"item{key or ''} has no text field ({', '.join(BODY_KEYS)})")
    meta = {k: obj[k] for k in META_FIELDS if k in obj}
    return Record(body, meta, key=key)


def read_records(suffix: str, text: str) -> list[Record]:
    """Parse ``text`` (already decoded) of a file with the given suffix."""
    if suffix in TEXT_SUFFIXES:
        return [Record(text)]
    if suffix in MARKDOWN_SUFFIXES:
        meta, body, note = split_front_matter(text)
        return [Record(body, meta, notes=[note] if note else [])]
    if suffix in JSON_SUFFIXES:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise FormatError(f"malformed JSON at line {err.lineno}, column {err.colno}") from None
        except (ValueError, RecursionError):  # nested too deeply, or an integer of thousands of digits
            raise FormatError("malformed JSON (nested too deeply or a number too long)") from None
        items = data if isinstance(data, list) else [data]
        if len(items) == 1:
            return [_json_record(items[0], "")]
        return _collect(((f"#{i + 1}", item) for i, item in enumerate(items)))
    if suffix in JSONL_SUFFIXES:
        return _jsonl(text)
    raise FormatError(f"unsupported format {suffix!r}")


def read_bytes(suffix: str, data: bytes) -> list[Record]:
    """Parse the bytes of a web page, feed or PDF (a suffix in ``BYTES_SUFFIXES``)."""
    try:
        if suffix in HTML_SUFFIXES:
            from search.corpus.html import read_html

            return read_html(data)
        if suffix in FEED_SUFFIXES:
            from search.corpus.feeds import read_feed

            return read_feed(data)
        if suffix in PDF_SUFFIXES:
            from search.corpus.pdf import read_pdf

            return read_pdf(data)
    except (FormatError, ImportError):  # an ImportError is a broken install, not a bad file
        raise
    except (RecursionError, MemoryError):
        raise FormatError("too deeply nested or too large to read") from None
    except Exception as err:  # third-party parsers on untrusted bytes: a bug there must not stop a build
        raise FormatError(f"could not be read ({type(err).__name__}: {short_reason(err)})") from None
    raise FormatError(f"unsupported format {suffix!r}")


def short_reason(problem: object) -> str:
    """An exception (or any problem) as one short line for the load report."""
    return " ".join(str(problem).split())[:120] or type(problem).__name__


def _jsonl(text: str) -> list[Record]:
    def items() -> Any:
        for lineno, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                try:
                    yield f"#{lineno}", json.loads(line)
                except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
                    yield f"#{lineno}", FormatError(f"line {lineno} is not valid JSON")

    return _collect(items())


def _collect(items: Any) -> list[Record]:
    records: list[Record] = []
    problems: list[str] = []
    for key, item in items:
        try:
            if isinstance(item, FormatError):
                raise item
            records.append(_json_record(item, key))
        except FormatError as err:
            problems.append(str(err))
    if not records:
        raise FormatError("; ".join(problems[:3]) or "no articles in file")
    if problems:
        shown = "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else "")
        records[0].notes.append(f"skipped {len(problems)} bad item(s): {shown}")
    return records
