"""RSS and Atom feeds (.rss, .atom, and .xml files that are feeds): one article per item, by feedparser.

Each item gives its link as URL, its date, author and content (or summary), HTML converted to
text. feedparser is handed a file object, never a string or bytes: it fetches a string that is a
URL and opens one that names a file. Its SAX parser does not load external entities.
"""

from __future__ import annotations

import io
import time
from typing import Any

from search.corpus.formats import FormatError, Record, short_reason
from search.corpus.html import html_to_text, is_web_url

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_feed(data: bytes, base_url: str = "") -> Any:
    """feedparser's result for the bytes of a feed (``.entries``, ``.feed``, ``.bozo``); relative
    links are resolved against ``base_url`` (where the feed was fetched from), if given."""
    import feedparser

    headers = {"content-location": base_url} if base_url else None
    return feedparser.parse(
        io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True, response_headers=headers
    )


def read_feed(data: bytes) -> list[Record]:
    """One record per item; ids ``file#N`` like a JSON list's, N counted from 1 in the feed's order."""
    parsed = parse_feed(data)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({short_reason(problem)})" if problem is not None and parsed.get("bozo") else ""
        raise FormatError(f"not an RSS or Atom feed{why}")
    source = _clean(parsed.feed.get("title"))
    records: list[Record] = []
    empty = 0
    for i, entry in enumerate(parsed.entries, start=1):
        meta = entry_meta(entry, source)
        text = entry_text(entry)
        if not text and not meta.get("title"):
            empty += 1
            continue
        records.append(Record(text, meta, key=f"#{i}" if len(parsed.entries) > 1 else ""))
    if not records:
        raise FormatError("feed has no items" if not parsed.entries else "feed items have no title or text")
    if parsed.get("bozo"):
        records[0].notes.append(
            f"feed is not well-formed ({short_reason(parsed.get('bozo_exception'))}); read leniently"
        )
    if empty:
        records[0].notes.append(f"skipped {empty} item(s) with neither title nor text")
    return records


def entry_meta(entry: Any, source: str) -> dict[str, str]:
    """title, date (YYYY-MM-DD), source (the feed's title), url (the item's link), author."""
    meta = {
        "title": _title(entry),
        "date": _date(entry),
        "source": source,
        "url": entry.get("link") if is_web_url(entry.get("link")) else "",
        "author": _clean(entry.get("author")),
    }
    return {k: v for k, v in meta.items() if v}


def entry_text(entry: Any) -> str:
    """The item's content, or its summary when it has none, as plain text."""
    parts = entry.get("content") or []
    detail = next((c for c in parts if c.get("value")), None) or entry.get("summary_detail")
    if not detail or not detail.get("value"):
        return ""
    value = str(detail.get("value"))
    return html_to_text(value) if detail.get("type") in _HTML_TYPES else value.strip()


def entry_id(entry: Any) -> str:
    """A stable identity of an item: its id (guid), else its link, else its title and date."""
    return str(entry.get("id") or entry.get("link") or f"{entry.get('title', '')}|{_date(entry)}")


def _date(entry: Any) -> str:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else ""


def _title(entry: Any) -> str:
    """The item's title as text (a title of type HTML has its markup removed)."""
    title = entry.get("title")
    detail = entry.get("title_detail") or {}
    if isinstance(title, str) and detail.get("type") in _HTML_TYPES:
        title = html_to_text(title)
    return _clean(title)


def _clean(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
