"""``brief-tui fetch FEED_URL|OPML_FILE [--into DIR] [--pages]``: save new feed items as articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from search.corpus.html import is_web_url
from search.fetch.http import HOST_DELAY, MAX_BYTES, TIMEOUT, Client, FetchError
from search.fetch.opml import feed_urls
from search.fetch.subscribe import fetch_feeds
from tui.cli.output import safe

EXIT_USAGE = 2
EXIT_FAILED = 1


def add_parsers(parsers: dict[str, argparse.ArgumentParser], make: Any) -> None:
    fetch = make(
        "fetch",
        "Download a feed's new items (or every feed of an OPML file) into a corpus folder as Markdown "
        "files with front matter. Re-running fetches only what is new.",
    )
    for action in fetch._actions:  # the shared options that mean nothing here stay out of --help
        if action.dest in ("path", "index_dir"):
            action.help = argparse.SUPPRESS
    fetch.add_argument("source", metavar="FEED_URL|OPML_FILE", help="an http(s) feed URL or an OPML file")
    fetch.add_argument(
        "--into", type=Path, metavar="DIR", help="corpus folder to save into (default: the configured corpus)"
    )
    fetch.add_argument("--pages", action="store_true", help="also fetch each new item's page (main text)")
    fetch.add_argument(
        "--timeout", type=float, default=TIMEOUT, metavar="S", help=f"per request (default {TIMEOUT:g} s)"
    )
    fetch.add_argument(
        "--delay",
        type=float,
        default=HOST_DELAY,
        metavar="S",
        help=f"between requests to one host ({HOST_DELAY:g})",
    )
    fetch.add_argument(
        "--max-mb", type=float, default=MAX_BYTES / 2**20, metavar="MB", help="size cap of a response (8)"
    )
    parsers["fetch"] = fetch


def run_fetch(args: argparse.Namespace) -> int:
    into = args.into if args.into is not None else args.path
    if into is None:
        return _usage("say where to save: --into DIR (or set corpus in config.toml)")
    into = Path(into).expanduser()
    if into.exists() and not into.is_dir():
        return _usage(f"not a folder: {into}")
    if min(args.timeout, args.max_mb) <= 0 or args.delay < 0:
        return _usage("--timeout and --max-mb must be positive, --delay not negative")
    source = Path(args.source)
    if source.is_file():
        try:
            urls = feed_urls(source.read_bytes())
        except (OSError, FetchError) as err:
            return _usage(f"{args.source}: {err}")
    elif is_web_url(args.source):
        urls = [args.source]
    else:
        return _usage(f"not an http(s) URL nor an OPML file: {args.source}")
    client = Client(timeout=args.timeout, max_bytes=int(args.max_mb * 2**20), host_delay=args.delay)
    try:
        into.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        return _usage(f"cannot create {into}: {err.strerror or err}")
    results, problem = fetch_feeds(urls, into, client, pages=args.pages)
    if problem:
        print(f"note: {safe(problem)}")
    for r in results:
        name = f"{safe(r.title)} ({safe(r.url)})" if r.title else safe(r.url)
        if r.error:
            print(f"{name}: failed: {safe(r.error)}")
        elif r.not_modified:
            print(f"{name}: not modified since the last fetch")
        else:
            print(f"{name}: {len(r.saved)} new, {r.known} already saved")
        for rel in r.saved:
            print(f"  saved {safe(rel)}")
        for error in r.page_errors:
            print(f"  page not fetched (kept the feed's text): {safe(error)}")
    print(f"into: {safe(str(into))}")
    return EXIT_FAILED if any(r.error for r in results) else 0


def _usage(message: str) -> int:
    print(f"brief-tui: error: {safe(message)}", file=sys.stderr)
    return EXIT_USAGE
