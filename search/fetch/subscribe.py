"""Download a feed's new items into a corpus folder, one Markdown file with front matter each.

A feed is asked for with the ETag / Last-Modified of the last run (a 304 costs nothing); an item
whose id was saved before, or whose file exists, is not fetched again. With ``pages``, each new
item's page is fetched and its main text (trafilatura, as for saved pages) replaces the summary.
The files land in ``INTO/<feed name>/`` with the corpus's front matter fields.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from search.atomic import write_atomic
from search.corpus.clean import split_paragraphs
from search.corpus.feeds import entry_id, entry_meta, entry_text, parse_feed
from search.corpus.formats import FormatError, read_bytes, short_reason
from search.fetch.http import Client, FetchError
from search.fetch.state import State

FRONT_MATTER = ("title", "date", "source", "url", "author")
_SLUG_MAX = 60


@dataclass(slots=True)
class FeedResult:
    url: str
    title: str = ""
    saved: list[str] = field(default_factory=list)  # paths relative to the corpus folder
    known: int = 0  # items saved by an earlier run
    not_modified: bool = False  # the server answered 304
    error: str = ""  # the feed could not be fetched or read
    page_errors: list[str] = field(default_factory=list)  # "<url>: reason", the summary was kept


def fetch_feeds(
    urls: list[str], into: Path, client: Client, pages: bool = False
) -> tuple[list[FeedResult], str]:
    """Fetch every feed in turn (one request at a time); returns the results and a state problem."""
    state = State.load(into)
    return [fetch_feed(url, into, client, state, pages) for url in urls], state.problem


def fetch_feed(url: str, into: Path, client: Client, state: State, pages: bool) -> FeedResult:
    result = FeedResult(url)
    known = state.feed(url)
    try:
        response = client.get(url, known.etag, known.last_modified)
    except FetchError as err:
        result.error = str(err)
        return result
    if response.status == 304:
        result.not_modified = True
        return result
    try:
        parsed = parse_feed(response.body, base_url=response.url)
    except Exception as err:  # feedparser on bytes from the network: a bug there must not end the run
        result.error = f"could not read the feed ({type(err).__name__}: {short_reason(err)})"
        return result
    if not parsed.get("version") and not parsed.entries:
        result.error = "not an RSS or Atom feed"
        return result
    result.title = " ".join(str(parsed.feed.get("title") or "").split())
    folder = slug(result.title) or slug(url.split("//", 1)[-1]) or "feed"
    for entry in parsed.entries:
        item_id = entry_id(entry)
        rel = f"{folder}/{_file_name(entry, item_id)}"
        if item_id in known.seen or (into / rel).exists():
            known.seen.add(item_id)
            result.known += 1
            continue
        meta = entry_meta(entry, result.title)
        text = entry_text(entry)
        if not text and not meta.get("title"):
            continue  # nothing to read: the loader would skip the file
        if pages and meta.get("url"):
            text = _page_text(client, meta, result) or text
        try:
            write_atomic(into / rel, _markdown(meta, text).encode("utf-8"))
        except OSError as err:  # a full disk, a folder that cannot be written: stop this feed, say why
            result.error = f"could not save {rel}: {err.strerror or err}"
            return result
        known.seen.add(item_id)
        result.saved.append(rel)
        _save(state, result)  # after every item: an interrupted run loses nothing it wrote
    known.etag, known.last_modified = response.etag, response.last_modified
    _save(state, result)
    return result


def _save(state: State, result: FeedResult) -> None:
    try:
        state.save()
    except OSError as err:  # the items are saved; the next run recognises them by their file names
        result.error = f"could not save {state.path.name}: {err.strerror or err}"


def _page_text(client: Client, meta: dict[str, str], result: FeedResult) -> str:
    """The main text of the item's page (and its author and date where the feed had none)."""
    try:
        [record] = read_bytes(".html", client.get(meta["url"]).body)
    except (FetchError, FormatError) as err:
        result.page_errors.append(f"{meta['url']}: {err}")
        return ""
    for key in ("author", "date"):
        if not meta.get(key) and isinstance(record.meta.get(key), str):
            meta[key] = record.meta[key]
    return record.text


def _markdown(meta: dict[str, Any], text: str) -> str:
    fields = {k: meta[k] for k in FRONT_MATTER if meta.get(k)}
    block = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{block}---\n\n" + "\n\n".join(split_paragraphs(text)) + "\n"


def _file_name(entry: Any, item_id: str) -> str:
    """A readable, stable name: the title's slug and a hash of the item's id (so names never clash)."""
    digest = hashlib.blake2b(item_id.encode("utf-8", "replace"), digest_size=4).hexdigest()
    name = slug(str(entry.get("title") or ""))
    return f"{name}-{digest}.md" if name else f"item-{digest}.md"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, at most 60 characters: safe as a file name anywhere."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = "-".join(words)[:_SLUG_MAX].rstrip("-")
    return out
