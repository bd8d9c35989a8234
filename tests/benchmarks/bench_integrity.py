"""What the index's integrity checks cost, on a built index.

Run: ``python -m tests.benchmarks.bench_integrity --index DIR [--runs 7]``

Times, in one process (best and median of ``--runs``):
- reading the data files beside the index (entity links, vocabulary, mentions) as they are saved
  (checked, compressed MessagePack: ``datafile.read``, in each file's current format), then the
  whole loaders (which also make their objects);
- opening the segments' manifest check as every open does it (sizes and times) against reading
  and checksumming every file (what a full check, ``brief-tui index``, does), warm cache.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from search.index import datafile, entity_links, integrity, mention_store, vocabulary
from search.index.entity_links import LINKS_NAME, EntityLinks
from search.index.mapped import open_folder
from search.index.mention_store import MENTIONS_NAME, MentionStore
from search.index.vocabulary import VOCAB_NAME, Vocabulary


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
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder: Path = args.index
    key = datafile.read(folder / LINKS_NAME, "links", entity_links.FORMAT)["key"]
    rows: list[tuple[str, Callable[[], object]]] = [
        (f"read {name}", lambda n=name, k=kind, f=fmt: datafile.read(folder / n, k, f))
        for name, kind, fmt in (
            (LINKS_NAME, "links", entity_links.FORMAT),
            (VOCAB_NAME, "vocabulary", vocabulary.FORMAT),
            (MENTIONS_NAME, "mentions", mention_store.FORMAT),
        )
    ]
    rows += [
        ("EntityLinks.load", lambda: EntityLinks.load(folder, key)),
        ("Vocabulary counts", lambda: Vocabulary.load(folder).counts),
        ("MentionStore.load", lambda: MentionStore(folder).load()),
    ]
    ix = open_folder(folder)
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
