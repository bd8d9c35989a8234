"""First run on a folder, as a user meets it, beside what they would use instead, in one run.

Three figures on the same folder, each from an empty index:
- plain Whoosh as its tutorial builds an index (StemmingAnalyzer on title and body, one
  writer, one commit): the baseline;
- ``brief-tui index PATH``, the installed command (entities, topics, names linked);
- the installed TUI in a real pseudo-terminal: when the first articles show, and when the
  list is complete (the status line's "N articles from M files").

    .venv/bin/python -m tests.benchmarks.bench_first_run --corpus ../shared/corpus
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema

from tests.acceptance.terminal import Terminal, empty_home, installed_command


def plain_whoosh(corpus: Path, folder: Path) -> tuple[float, int]:
    """The tutorial's index of every article file: (seconds, files)."""
    started = time.perf_counter()
    schema = Schema(
        path=ID(stored=True, unique=True),
        title=TEXT(stored=True, analyzer=StemmingAnalyzer()),
        body=TEXT(stored=True, analyzer=StemmingAnalyzer()),
    )
    ix = whoosh_index.create_in(str(folder), schema)
    writer = ix.writer()
    files = 0
    for path in sorted(corpus.rglob("*.md")):
        if path.name == "README.md":
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        title = ""
        if text.startswith("---\n"):
            _, head, text = text.split("---\n", 2)
            found = re.search(r'^title: "(.*)"$', head, re.M)
            title = found.group(1) if found else ""
        writer.add_document(path=str(path), title=title, body=text)
        files += 1
    writer.commit()
    return time.perf_counter() - started, files


def cli_index(corpus: Path, home: Path) -> float:
    started = time.perf_counter()
    env = empty_home(home)
    subprocess.run([str(installed_command()), "index", str(corpus)], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def tui_first_run(corpus: Path, home: Path, timeout: float = 900) -> tuple[float, float, str]:
    """Seconds to the first article in the list, to the complete list; the final status line."""
    started = time.perf_counter()
    term = Terminal([str(corpus)], empty_home(home))
    try:
        first = 0.0
        indexing = False
        while time.perf_counter() - started < timeout:
            term.pump(0.05)
            lines = term.lines
            if not first and any(source in term.text for source in ("BBC News", "Reuters")):
                first = time.perf_counter() - started  # a row of the list (these articles have a source)
            indexing = indexing or any(line.startswith(" Indexing ") for line in lines)
            done = r"^ ?[1-9]\d* articles from \d+ files"
            status = next((line for line in lines if re.match(done, line)), "")
            if indexing and status and "still to index" not in status:
                return first, time.perf_counter() - started, status.strip()
        raise SystemExit(f"the TUI did not finish within {timeout} s:\n{term.text}")
    finally:
        term.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        (root / "plain").mkdir()
        whoosh_s, files = plain_whoosh(args.corpus, root / "plain")
        cli_s = cli_index(args.corpus, root / "cli")
        first, complete, status = tui_first_run(args.corpus, root / "tui")
    print(f"corpus: {args.corpus} ({files} article files)")
    print("| figure | seconds | files/s | against plain Whoosh |")
    print("|---|---:|---:|---:|")
    rows = [
        ("plain Whoosh, tutorial build", whoosh_s),
        ("`brief-tui index` (entities, topics, links)", cli_s),
        ("TUI: first articles in the list", first),
        ("TUI: the whole list, indexed", complete),
    ]
    for label, seconds in rows:
        rate = "" if label.startswith("TUI: first") else f"{files / seconds:.0f}"
        ratio = "" if label.startswith("TUI: first") else f"{whoosh_s / seconds:.2f} x"
        print(f"| {label} | {seconds:.1f} | {rate} | {ratio} |")
    print(f"status line at the end: {status}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
