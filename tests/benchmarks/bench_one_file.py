"""Re-open after one changed file: a line appended to a file, then ``Library.open`` (which
indexes it) timed; the file is put back after each run (and indexed again by the next). It
writes in the corpus: run it on a copy (``make_corpus``'s), never on ../shared/corpus.

    .venv/bin/python -m tests.benchmarks.bench_one_file --corpus /tmp/corpus50k --index DIR [--runs 3]

``DIR`` is an index of the corpus already built (e.g. ``bench_vs_whoosh``'s ``--work``/brief).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from search.library import Library


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    files = sorted(p for p in args.corpus.rglob("*.md") if p.name != "README.md")
    for n in range(args.runs):
        target = files[(n * 7919) % len(files)]
        original = target.read_bytes()
        try:
            target.write_bytes(original + f"\n\nAn added line {n} about zanzibarite.\n".encode())
            started = time.perf_counter()
            library = Library.open(args.corpus, index_dir=args.index)
            took = time.perf_counter() - started
            found = library.search("zanzibarite").total
            library.close()
        finally:
            target.write_bytes(original)
        print(f"re-open after 1 changed file: {took:.2f} s ({found} hit for the added word)")
    Library.open(args.corpus, index_dir=args.index).close()  # (the file as it was, indexed again)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
