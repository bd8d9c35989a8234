"""How soon a watched folder's changes are searchable, against re-running ``brief-tui index`` by hand.

Run: ``python -m tests.benchmarks.bench_watch --corpus ../shared/corpus/bbc [--count 1000] [--runs 5]``

``--count`` articles of the research corpus are copied to a scratch folder and indexed. Then, with
``search.watch`` running (as ``brief-tui index --watch`` and the TUI run it), one new article is
written ``--runs`` times: the time from writing it to its words being searchable. The same change
made with nobody watching, then ``brief-tui index`` in a fresh process (what a user does instead),
is timed alternately in the same run. Last, a burst of 400 articles (as a checkout writes them):
how many updates it took and when the last article was searchable.
"""

from __future__ import annotations

import argparse
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from search.library import Library
from search.watch import WatchUpdate, watch

BURST = 400


def article(n: int) -> str:
    return f"Watched article {n}.\n\nIt is the only one that says benchword{n}x.\n"


def searchable(library: Library, n: int, deadline: float = 60.0) -> float:
    start = time.monotonic()
    while not library.search(f"benchword{n}x").hits:
        if time.monotonic() - start > deadline:
            raise TimeoutError(f"benchword{n}x not indexed after {deadline} s")
        time.sleep(0.01)
    return time.monotonic()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-watch-"))
    try:
        corpus, index = scratch / "corpus", scratch / "index"
        corpus.mkdir()
        for path in sorted(args.corpus.rglob("*.md"))[: args.count]:
            shutil.copy(path, corpus / path.name)
        library = Library.open(corpus, index_dir=index)
        updates: queue.Queue[WatchUpdate] = queue.Queue()
        stop = threading.Event()
        thread = threading.Thread(target=watch, args=(library, updates.put, print), kwargs={"stop": stop})
        thread.start()
        time.sleep(2)  # (its catch-up update is done)
        watched, by_hand = [], []
        command = [sys.executable, "-m", "tui.cli", "index", str(corpus), "--index-dir", str(index)]
        for run in range(args.runs):
            written = time.monotonic()
            (corpus / f"watched-{run}.txt").write_text(article(run))
            watched.append(searchable(library, run) - written)
            updates.get(timeout=10)
            stop.set()
            thread.join()
            n = 1000 + run
            written = time.monotonic()
            (corpus / f"by-hand-{run}.txt").write_text(article(n))
            subprocess.run(command, check=True, capture_output=True)
            by_hand.append(time.monotonic() - written)
            stop = threading.Event()
            thread = threading.Thread(target=watch, args=(library, updates.put, print), kwargs={"stop": stop})
            thread.start()
            searchable(library, n)  # (its catch-up update sees the other process's)
            time.sleep(1)
            while not updates.empty():
                updates.get()
        written = time.monotonic()
        for n in range(BURST):
            (corpus / f"burst-{n:03d}.txt").write_text(article(2000 + n))
        last = searchable(library, 2000 + BURST - 1, deadline=300) - written
        time.sleep(2)
        stop.set()
        thread.join()
        library.close()
        burst_updates = [updates.get() for _ in range(updates.qsize())]
        w, h = statistics.median(watched), statistics.median(by_hand)
        spread = lambda xs: f"{min(xs):.2f}-{max(xs):.2f}"  # noqa: E731
        print(f"corpus: {args.count} articles of {args.corpus}; {args.runs} runs each, alternating")
        print(f"one file added, watched: searchable after {w:.2f} s (median; {spread(watched)})")
        print(f"one file added, then `brief-tui index` by hand: {h:.2f} s (median; {spread(by_hand)})")
        print(f"by hand / watched: {h / w:.2f} x")
        summaries = ", ".join(u.summary() for u in burst_updates)
        print(f"burst of {BURST} files: {len(burst_updates)} update(s) ({summaries}); all in {last:.1f} s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
