"""What the index's integrity checks cost, on a built index.

Run: ``python -m tests.benchmarks.bench_integrity --index DIR [--old-index DIR] [--runs 7]``

Times, in one process (best and median of ``--runs``):
- reading the data files beside the index (entity links, vocabulary, mentions) as they are saved
  now (checked MessagePack: ``datafile.read``), and, with ``--old-index`` (an index built before,
  whose files were pickles), ``pickle.loads`` of those pickles: what a user had before; then the
  whole loaders (which also make their objects, as before);
- opening the segments' manifest check as every open does it (sizes and times) against reading
  and checksumming every file (what a full check, ``brief-tui index``, does), warm cache.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index

from search.index import integrity
from search.index.entity_links import LINKS_NAME, EntityLinks
from search.index.mention_store import MentionStore
from search.index.vocabulary import Vocabulary


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--old-index", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder: Path = args.index
    from search.index import datafile

    key = datafile.read(folder / LINKS_NAME, "links", 2)["key"]
    rows: list[tuple[str, Callable[[], object]]] = []
    for name, kind, fmt in (
        ("links", "links", 2),
        ("vocabulary", "vocabulary", 1),
        ("mentions", "mentions", 3),
    ):
        rows.append(
            (
                f"read {name}.msgpack",
                lambda n=name, k=kind, f=fmt: datafile.read(folder / f"{n}.msgpack", k, f),
            )
        )
        if args.old_index is not None:
            old = args.old_index / f"{name}.pickle"
            rows.append((f"  before: pickle.loads {old.name}", lambda p=old: pickle.loads(p.read_bytes())))
    rows += [
        ("EntityLinks.load", lambda: EntityLinks.load(folder, key)),
        ("Vocabulary counts", lambda: Vocabulary.load(folder).counts),
        ("MentionStore.load", lambda: MentionStore(folder).load()),
    ]
    ix = whoosh_index.open_dir(str(folder))
    size = sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith(("MAIN_", "_MAIN_")))
    rows += [
        ("segments: sizes and times (every open)", lambda: integrity.verify(folder, ix)),
        (f"segments: every checksum ({size / 1e6:.0f} MB)", lambda: integrity.verify(folder, ix, full=True)),
    ]
    for label, fn in rows:
        best, median = timed(fn, args.runs)
        print(f"{label:48s} best {best * 1e3:8.1f} ms  median {median * 1e3:8.1f} ms")


if __name__ == "__main__":
    main()
