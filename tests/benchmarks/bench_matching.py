"""The document-number pass of a search per keystroke, with and without the kept word sets.

Run: ``python -m tests.benchmarks.bench_matching --corpus DIR --index DIR [--passes N]``

Every prefix of the benchmark's typed queries (``latency.SEARCH_TYPED``) is one keystroke;
``matches.matching`` runs on each, in alternating passes with ``KEPT_WORDS`` at 0 (every
word's posting list read again) and at its default, in one process so that both see the
same machine. Prints the mean time a keystroke of each.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from search.index import matches, query
from search.library import Library
from tests.benchmarks.latency import SEARCH_TYPED, prefixes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--passes", type=int, default=6)
    args = parser.parse_args(argv)
    library = Library.open(args.corpus, index_dir=args.index, refresh=False)
    reader = library._reader  # (the searcher and parser the library's searches use)
    searcher, parsed = reader.searcher, [query.parse(reader.parser, t)[0] for t in prefixes(SEARCH_TYPED)]
    typed = [q for q in parsed if q is not None]
    default = matches.KEPT_WORDS
    totals = dict.fromkeys((0, default), 0.0)
    for _ in range(args.passes):
        for kept in totals:
            matches.KEPT_WORDS = kept
            matches._kept.clear()
            start = time.perf_counter()
            for q in typed:
                matches.matching(searcher, q)
            totals[kept] += time.perf_counter() - start
    for kept, total in totals.items():
        print(f"KEPT_WORDS={kept:3d}: {1000 * total / (args.passes * len(typed)):.2f} ms a keystroke")
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
