"""Re-open after one changed file, in a fresh process: a line appended to a file, then a new
process times ``Library.open`` (which indexes it: wall and CPU time) and searches for the added
word; the file is put back after each run (and indexed again, untimed). It writes in the corpus:
run it on a copy (``make_corpus``'s), never on ../shared/corpus.

    .venv/bin/python -m tests.benchmarks.bench_one_file --corpus /tmp/corpus50k --index DIR [--runs 5]
        [--before SRC --before-index DIR2]

``DIR`` is an index of the corpus already built (e.g. ``bench_vs_whoosh``'s ``--work``/brief). With
``--before``, the same edits are timed, alternately, with the code of the source folder ``SRC``
(e.g. an export of main) on its own index ``DIR2`` of the same corpus.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.benchmarks.bench_relink import ROOT, _cell
from tests.benchmarks.stats import child_run

CHILD = """
import json, sys, time
from pathlib import Path
from search.library import Library
corpus, index, word = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
started, cpu = time.perf_counter(), time.process_time()
library = Library.open(corpus, index_dir=index)
opened, opened_cpu = time.perf_counter(), time.process_time()
found = library.search(word).total if word else 0
library.close()
print(json.dumps({"open": opened - started, "cpu": opened_cpu - cpu, "found": found}))
"""


def timed(code: Path, corpus: Path, index: Path, word: str) -> dict[str, float]:
    return child_run(code, CHILD, str(corpus), str(index), word)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="a source folder of the code to compare with")
    parser.add_argument("--before-index", type=Path)
    args = parser.parse_args(argv)
    systems = [("now", ROOT, args.index)]
    if args.before is not None:
        systems.append(("before", args.before, args.before_index or args.index))
    files = sorted(p for p in args.corpus.rglob("*.md") if p.name != "README.md")
    for _, code, index in systems:  # (the index up to date before the first edit)
        timed(code, args.corpus, index, "")
    times: dict[str, dict[str, list[float]]] = {label: {"open": [], "cpu": []} for label, _, _ in systems}
    for n in range(args.runs):
        target = files[(n * 7919) % len(files)]
        original = target.read_bytes()
        word = f"zanzibarite{n}"
        try:
            target.write_bytes(original + f"\n\nAn added line about {word}.\n".encode())
            for label, code, index in systems if n % 2 == 0 else systems[::-1]:
                got = timed(code, args.corpus, index, word)
                times[label]["open"].append(got["open"])
                times[label]["cpu"].append(got["cpu"])
                print(
                    f"edit {n + 1} ({target.name}), {label}: re-open {got['open']:.2f} s "
                    f"(CPU {got['cpu']:.2f} s), {got['found']:g} hit for the added word",
                    flush=True,
                )
        finally:
            target.write_bytes(original)
            for _, code, index in systems:  # (the file as it was, indexed again)
                timed(code, args.corpus, index, "")
    print()
    print("| 1 file changed, fresh process | " + " | ".join(label for label, _, _ in systems) + " |")
    print("|---|" + "---:|" * len(systems))
    for figure, what in (("open", "re-open (the file indexed)"), ("cpu", "  of which CPU time")):
        print(f"| {what} | " + " | ".join(_cell(times[label][figure]) for label, _, _ in systems) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
