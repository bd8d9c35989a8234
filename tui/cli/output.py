"""What the script-friendly subcommands print: plain text for people, JSON for scripts."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from search.export import (
    FORMATS,
    ExportError,
    ExportView,
    Format,
    export,
    fmt_for_path,
    search_view,
    snippet_json,
    write_export,
)
from search.library import BUSY_NOTICE, IndexBusy, Library
from search.model import INDEXING, MERGING, Hit

_BOLD, _RESET = "\x1b[1;33m", "\x1b[0m"
LISTED_ISSUES = 25  # odd files listed by name after the counts by reason
# json.dumps escapes C0 controls only: DEL and C1 reach a terminal too, and a lone surrogate (an
# index built before the loader replaced them) cannot be written as UTF-8 at all
_C1 = re.compile("[\x7f-\x9f\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")  # an export keeps \t, \n, \r\n


BUSY_RETRY = 1.0  # seconds between tries while another process updates the index


def _use_colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def open_library(
    args: argparse.Namespace, progress: bool = False, rebuild: bool = False, full_check: bool = False
) -> Library:
    """The corpus, its index brought up to date; says on stderr when another brief-tui is updating
    it (the answers then come from the index as last saved). ``rebuild``, ``full_check``: see
    ``Library.open``."""
    shown = _Bar() if progress else None
    library = Library.open(
        args.path, index_dir=args.index_dir, progress=shown, rebuild=rebuild, full_check=full_check
    )
    if library.busy and not progress:
        print(f"brief-tui: note: {BUSY_NOTICE}", file=sys.stderr)
    return library


class _Bar:
    """Indexing progress on stderr, when it is a terminal: a bar of files, then the merge."""

    def __init__(self) -> None:
        self._merging = False

    def __call__(self, done: int, total: int, stage: str = INDEXING) -> None:
        if not sys.stderr.isatty():
            return
        if stage == MERGING:
            if not self._merging:
                sys.stderr.write("merging the index\n")
            self._merging = True
            return
        self._merging = False
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\rindexing [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def run_index(args: argparse.Namespace) -> int:
    """Build or update the index (every file of it checksummed first; ``--rebuild``: anew)."""
    try:
        library = open_library(args, progress=True, rebuild=args.rebuild, full_check=not args.rebuild)
    except IndexBusy as err:
        print(f"brief-tui: {safe(str(err))}", file=sys.stderr)
        return 1
    with library:
        if library.busy:
            print("waiting for another brief-tui to finish updating this index…", file=sys.stderr)
        while library.busy:  # this command's job is an index up to date: wait for the other writer
            time.sleep(BUSY_RETRY)
            library.refresh(_Bar())
        report = library.load_report
        for notice in [*library.notices, *(library.stats.notices if library.stats else ())]:
            print(f"note: {safe(notice)}")
        if library.read_only:
            where = safe(str(library.index_dir))
            print(f"brief-tui: the index in {where} cannot be written", file=sys.stderr)
            return 1
        stats = library.stats
        if stats is not None:
            print(
                f"indexed {stats.reindexed} file(s), removed {stats.deleted}, "
                f"{stats.unchanged} unchanged, in {stats.seconds:.1f} s"
            )
        print(report.summary())
        print(f"index: {safe(str(library.index_dir))}")
        if report.issues:
            print("\nfiles with problems:")
            for reason, n in report.reasons().most_common():
                print(f"  {n:6d}  {safe(reason)}")
            odd = [i for i in report.issues if i.kind != "duplicate"]
            for issue in odd[:LISTED_ISSUES]:
                print(f"  {issue.kind:9s} {safe(issue.path)}: {safe(issue.reason)}")
            if len(odd) > LISTED_ISSUES:
                print(f"  … and {len(odd) - LISTED_ISSUES} more")
        return _watch(library) if args.watch else 0


def _watch(library: Library) -> int:
    """Index what changes in the corpus until ctrl+c, a line per update (status 0 when stopped)."""
    from search.watch import WatchUpdate, watch

    def updated(update: WatchUpdate) -> None:
        if not update.files:  # (only the count of other files changed)
            return
        print(f"{time.strftime('%H:%M:%S')} {update.summary()}; {library.load_report.summary()}", flush=True)
        for issue in update.skipped:
            print(f"  {issue.kind:9s} {safe(issue.path)}: {safe(issue.reason)}", flush=True)

    def failed(reason: str) -> None:
        print(f"brief-tui: the update failed: {safe(reason)}", file=sys.stderr, flush=True)

    print(f"\nwatching {safe(str(library.corpus_path))} for changes (ctrl+c stops)", flush=True)
    try:
        watch(library, updated, failed, progress=_Bar())
    except KeyboardInterrupt:
        print("stopped watching", flush=True)
    except Exception as err:  # watchfiles could not watch the folder (e.g. the system's limit of watches)
        print(f"brief-tui: cannot watch {safe(str(library.corpus_path))}: {safe(str(err))}", file=sys.stderr)
        return 1
    return 0


def run_search(args: argparse.Namespace) -> int:
    query = args.query  # (bytes that are not UTF-8 are read by the query, with a notice)
    with open_library(args) as library:
        result = library.search(query, limit=None if args.limit == 0 else max(1, args.limit))
    if args.export:
        return emit_export(search_view(query, result), args.export, args.output)
    if args.json:
        root = library.root
        write_json([hit_json(h, root) for h in result.hits])
        return 0
    if result.notice:
        print(f"note: {safe(result.notice)}", file=sys.stderr)
    if not result.hits:
        print(f"no articles match {args.query!r}")
        if result.suggestion:
            print(f"did you mean: {safe(result.suggestion)}")
        return 0
    shown = f"best {len(result.hits)}" if len(result.hits) < result.total else "all shown"
    print(f"{result.total} article(s) match; {shown}:\n")
    colour = _use_colour()
    for rank, hit in enumerate(result.hits, start=1):
        print(f"{rank:2d}. {mark(hit.title, hit.title_highlights, colour)}  [{hit.score:.2f}]")
        meta = " · ".join(x for x in (hit.id, hit.source, hit.date[:10]) if x)
        print(f"    {safe(meta)}")
        for snippet in hit.snippets:
            print(f"    …{mark(snippet.text, snippet.highlights, colour)}…")
        print()
    return 0


def write_json(data: object) -> None:
    """Print ``data`` as JSON; C1 controls, DEL and lone surrogates are escaped too."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def hit_json(hit: Hit, root: Path) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "score": round(hit.score, 4),
        "path": str(root / hit.path),
        "source": hit.source,
        "date": hit.date,
        "section": hit.section,
        "snippets": [snippet_json(s) for s in hit.snippets],
    }


def add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, help="export as a Markdown brief, JSON or CSV (to stdout unless -o)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the export to FILE (format from .md, .json or .csv)"
    )


def export_format(args: argparse.Namespace) -> Format | None:
    """The export format asked for (None: the usual output); ExportError for a bad one."""
    if args.json and (args.format or args.output):
        raise ExportError("--json cannot be combined with --format or -o")
    if args.output is not None and args.format is None:
        return fmt_for_path(args.output)
    return args.format


def emit_export(view: ExportView, fmt: Format, output: str | None) -> int:
    """Write ``view`` to ``output``, or print it with control characters escaped."""
    text = export(view, fmt)
    if output is None:
        sys.stdout.write(_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return 0
    try:
        write_export(output, text)
    except OSError as err:
        print(f"brief-tui: error: cannot write {safe(output)}: {err.strerror or err}", file=sys.stderr)
        return 1
    n = len(view.rows)
    print(f"wrote {n} result{'' if n == 1 else 's'} to {safe(output)}")
    return 0


def safe(text: str) -> str:
    """Text with control characters made visible, so nothing printed can drive the terminal."""
    return "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in text)


def mark(text: str, spans: Any, colour: bool) -> str:
    """The text with its highlight spans in bold (a terminal) or between ** (a pipe)."""
    start, end = (_BOLD, _RESET) if colour else ("**", "**")
    parts, pos = [], 0
    for a, b in spans:
        parts += [safe(text[pos:a]), start, safe(text[a:b]), end]
        pos = b
    parts.append(safe(text[pos:]))
    return "".join(parts)
