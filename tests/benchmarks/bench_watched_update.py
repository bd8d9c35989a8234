"""One changed file while the folder is watched: the update as the watcher runs it (told which
path changed: only that path is read again) beside the same update walking the whole folder (as
at opening), alternating in one process. It writes in the corpus: run it on a copy
(``make_corpus``'s), never on ../shared/corpus.

    .venv/bin/python -m tests.benchmarks.bench_watched_update --corpus /tmp/corpus50k --index DIR [--runs 20]

``DIR`` is an index of the corpus already built (e.g. ``bench_vs_whoosh``'s ``--work``/brief).
Wall time is what the user waits; CPU time is what the machine's load does not inflate.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from search.library import Library

KINDS = ("whole folder walked", "watcher's paths")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    files = sorted(p for p in args.corpus.rglob("*.md") if p.name != "README.md")
    wall: dict[str, list[float]] = {k: [] for k in KINDS}
    cpu: dict[str, list[float]] = {k: [] for k in KINDS}
    with Library.open(args.corpus, index_dir=args.index) as library:
        for n in range(args.runs):
            target = files[(n * 7919) % len(files)]
            original, rel = target.read_bytes(), target.relative_to(args.corpus).as_posix()
            try:
                for kind in KINDS if n % 2 else reversed(KINDS):
                    target.write_bytes(original + f"\n\nAdded {n} ({kind}): zanzibarite.\n".encode())
                    started, started_cpu = time.perf_counter(), time.process_time()
                    library.refresh(changed=None if kind == KINDS[0] else {rel})
                    wall[kind].append(time.perf_counter() - started)
                    cpu[kind].append(time.process_time() - started_cpu)
                    if library.search("zanzibarite").total != 1:
                        raise SystemExit(f"the change to {rel} was not found")
            finally:
                target.write_bytes(original)
                library.refresh(changed={rel})
    print(f"corpus: {args.corpus} ({len(files):,} files); {args.runs} changes, each updated both ways")
    print("| 1 file changed | wall median (max) | CPU median (max) |\n|---|---:|---:|")
    for kind in KINDS:
        print(
            f"| {kind} | {statistics.median(wall[kind]):.2f} s ({max(wall[kind]):.2f}) "
            f"| {statistics.median(cpu[kind]):.2f} s ({max(cpu[kind]):.2f}) |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
