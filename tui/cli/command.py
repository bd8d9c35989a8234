"""The ``brief-tui`` command: launch the TUI, or run one of the script-friendly subcommands.

Subcommands never import Textual, so ``brief-tui search`` starts fast.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from search.export import ExportError
from tui import __version__
from tui.cli import entities as cli_entities
from tui.cli import fetch as cli_fetch
from tui.cli import output as out
from tui.cli import topics as cli_topics
from tui.state.bookmarks import Bookmarks, BookmarksError
from tui.state.config import default_path as default_config_path
from tui.state.config import load_config

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error on one line and exits with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"brief-tui: error: {message} (see --help)\n")


def _common(p: argparse.ArgumentParser, corpus_positional: bool = False) -> None:
    if corpus_positional:
        p.add_argument("path", nargs="?", help="corpus folder or file (default: the bundled seeds)")
    else:
        p.add_argument("--corpus", dest="path", metavar="PATH", help="corpus folder or file (default: seeds)")
    p.add_argument("--index-dir", metavar="DIR", help="where to keep the index (default: user cache dir)")
    p.add_argument(
        "--config", metavar="FILE", type=Path, help="settings file (default: the user config dir's)"
    )


def _subcommand(name: str, description: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"brief-tui {name}", description=description)
    _common(parser)
    return parser


def build_parser() -> dict[str, argparse.ArgumentParser]:
    main = _Parser(
        prog="brief-tui",
        description="Explore a folder of news and policy articles from the keyboard.",
        epilog="subcommands: index PATH | search QUERY | topics | topic QUERY | entities | entity NAME"
        " | fetch FEED_URL|OPML_FILE"
        "  (brief-tui SUBCOMMAND --help for more)",
    )
    main.add_argument("--version", action="version", version=f"brief-tui {__version__}")
    _common(main, corpus_positional=True)

    index = _Parser(prog="brief-tui index", description="Build or update the index of a corpus.")
    _common(index, corpus_positional=True)
    index.add_argument(
        "--watch", action="store_true", help="then keep indexing what changes in the folder until ctrl+c"
    )
    index.add_argument("--rebuild", action="store_true", help="discard the index and build it anew")

    search = _Parser(
        prog="brief-tui search",
        description='Full-text search: every word must match; OR, NOT or -word, "phrases", (brackets), '
        "field filters (entity:, topic:, source:, section:, year:) narrow.",
    )
    search.add_argument(
        "query", help='e.g. abe, "missile defense", blair -brown, entity:"Alan Greenspan" inflation, tarif*'
    )
    _common(search)
    search.add_argument(
        "--limit", type=int, default=10, metavar="N", help="number of hits (default 10; 0: all)"
    )
    search.add_argument("--json", action="store_true", help="print a JSON array (a stable contract)")
    out.add_export_options(search)
    parsers = {"": main, "index": index, "search": search}
    cli_topics.add_parsers(parsers, _subcommand)
    cli_entities.add_parsers(parsers, _subcommand)
    cli_fetch.add_parsers(parsers, _subcommand)
    return parsers


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parsers = build_parser()
    command = args_list[0] if args_list and args_list[0] in parsers else ""
    if not command and args_list and (guess := _mistyped_command(args_list[0], parsers)):
        print(
            f"brief-tui: error: no command {args_list[0]!r}: did you mean {guess!r}? (see --help)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    args = parsers[command].parse_args(args_list[1:] if command else args_list)
    if args.config is not None and not args.config.is_file():
        print(f"brief-tui: error: no such config file: {args.config}", file=sys.stderr)
        return EXIT_USAGE
    args.settings, args.problems = load_config(args.config)
    for problem in args.problems if command else ():
        print(f"brief-tui: warning: {out.safe(problem)}", file=sys.stderr)
    args.path = args.path if args.path is not None else args.settings.corpus
    from_config = args.index_dir is None and args.settings.index_dir is not None
    args.index_dir = args.index_dir if args.index_dir is not None else args.settings.index_dir
    if args.path is not None and not Path(args.path).exists():
        print(f"brief-tui: error: no such file or folder: {args.path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        args.export = out.export_format(args) if "format" in args else None
    except ExportError as err:
        print(f"brief-tui: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    refusal = _check_index_dir(args)
    if refusal:
        where = f"{args.config or default_config_path()}: index_dir: " if from_config else ""
        print(f"brief-tui: error: {out.safe(where + refusal)}", file=sys.stderr)
        return EXIT_USAGE
    runners: dict[str, Callable[[argparse.Namespace], int]] = {
        "": _run_tui,
        "index": out.run_index,
        "search": out.run_search,
        "topics": cli_topics.run_topics,
        "topic": cli_topics.run_topic,
        "entities": cli_entities.run_entities,
        "entity": cli_entities.run_entity,
        "fetch": cli_fetch.run_fetch,
    }
    try:
        return runners[command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _check_index_dir(args: argparse.Namespace) -> str | None:
    """Why ``--index-dir`` (or the config's ``index_dir``) must not be used (said before anything
    starts, naming the config file when it comes from there; ``Library.open`` refuses it too)."""
    if args.index_dir is None:
        return None
    from search.library import bundled_seeds, check_index_dir

    folder = Path(args.index_dir).expanduser()
    return check_index_dir(folder, Path(args.path) if args.path is not None else bundled_seeds())


def _mistyped_command(word: str, commands: Iterable[str]) -> str:
    """The subcommand ``word`` is a typo of ("searhc" -> "search"), unless it names a file or folder."""
    if word.startswith("-") or Path(word).exists():
        return ""
    close = difflib.get_close_matches(word, [c for c in commands if c], n=1, cutoff=0.7)
    return close[0] if close else ""


def _run_tui(args: argparse.Namespace) -> int:
    from tui.app import BriefApp  # Textual is imported only when the TUI runs
    from tui.terminal_input import read_bad_bytes_as_cp1252

    read_bad_bytes_as_cp1252()
    app = BriefApp(
        corpus=args.path,
        index_dir=args.index_dir,
        config=args.settings,
        config_path=args.config or default_config_path(),
        config_problems=args.problems,
    )
    app.run()
    return tell_unsaved(app.bookmarks)


def tell_unsaved(bookmarks: Bookmarks) -> int:
    """Try once more to save the bookmark changes; say which were lost (status 1) if that fails."""
    try:
        bookmarks.save()
    except BookmarksError as err:
        lost = bookmarks.unsaved()
        print(
            f"brief-tui: {len(lost)} bookmark change(s) were not saved: {out.safe(str(err))}", file=sys.stderr
        )
        for line in lost:
            print(f"  {out.safe(line)}", file=sys.stderr)
        return 1
    finally:
        bookmarks.close()
    return 0
