"""Reading articles' texts: 12 at random (the rows of a search in view) from the packs beside an
index (``search/index/texts.py``), and 50 hits' stored fields, beside the same from an index that
kept its texts in Whoosh's stored fields (``--before``: an index built by main at 65635f0 or
earlier), interleaved in one process.

    .venv/bin/python -m tests.benchmarks.bench_texts --index DIR [--before DIR] [--runs 200]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from search.index.texts import TextStore
from tests.benchmarks.stats import percentile

ROWS, HITS = 12, 50


def _ms(read: Callable[[object], object], items: list[object]) -> float:
    started = time.perf_counter()
    for item in items:
        read(item)
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    store = TextStore(args.index)
    started = time.perf_counter()
    saved = store.keys()  # (every pack's table read, as at the first text a session shows)
    took = (time.perf_counter() - started) * 1000
    keys = sorted(saved)
    print(f"{args.index}: {len(keys)} texts; the packs' tables read in {took:.1f} ms")
    ours = whoosh_index.open_dir(str(args.index)).searcher()
    theirs: Searcher | None = whoosh_index.open_dir(str(args.before)).searcher() if args.before else None
    rng = random.Random(14)
    times: dict[str, list[float]] = {}

    def add(what: str, read: Callable[[object], object], items: list[object]) -> None:
        times.setdefault(what, []).append(_ms(read, items))

    for _ in range(args.runs):
        add(f"{ROWS} texts from the packs", store.get, rng.sample(keys, ROWS))  # type: ignore[arg-type]
        add(f"{HITS} hits' stored fields", ours.stored_fields, rng.sample(range(ours.doc_count_all()), HITS))
        if theirs is not None:
            docs: list[object] = rng.sample(range(theirs.doc_count_all()), HITS)
            add(
                f"before: {ROWS} bodies from the stored fields",
                lambda d: theirs.stored_fields(d)["body"],
                docs[:ROWS],
            )
            add(f"before: {HITS} hits' stored fields", theirs.stored_fields, docs)
    for what, found in times.items():
        print(f"{what}: p50 {percentile(found, 0.5):.2f} ms, p95 {percentile(found, 0.95):.2f} ms")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
