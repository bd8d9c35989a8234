"""Names linked again after one changed file, in a fresh process: a new name written into one
article, then a new process opens the index (which indexes the file), links names again
(``entity_links``: the saved links updated for what changed) and asks the entity palette for
the new name; then the links are saved (as the TUI does once the palette is up to date). It
writes in the corpus: run it on a copy (``make_corpus``'s), never on ../shared/corpus; the
files are put back at the end (and indexed and linked again, untimed). Then, for the load time,
the same process is timed with nothing changed (``--still`` times, alternating): the saved links
loaded, and the entity palette's first answer.

    .venv/bin/python -m tests.benchmarks.bench_relink --corpus COPY --index DIR [--runs 5]
        [--before SRC --before-index DIR2] [--as-tui]

``DIR`` is an index of the corpus already built, its names linked (e.g. ``bench_vs_whoosh``'s
``--work``/brief). With ``--before``, the same edits are timed, alternately, with the code of
the source folder ``SRC`` (e.g. an export of main) on its own index ``DIR2`` of the same corpus.
With ``--as-tui``, each process opens the index as the TUI does: the list first, then the update
and the warm-up (which asks for the links meanwhile) at once; "re-open" is then up to the end of
the update, and the links are timed from there.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.benchmarks.stats import child_run, percentile

ROOT = Path(__file__).resolve().parents[2]
SURNAMES = ("Gainsborough", "Hollingworth", "Ingleby", "Jessop", "Kettleborough", "Lindqvist", "Mortlake")
FIGURES = ("open", "links", "links_cpu", "palette", "save")

# What each child times once the library is open (``opened``, ``cpu``): the names linked again,
# the palette's answer for the new name, and the links saved.
MEASURED = """
library.entity_links()
linked, linked_cpu = time.perf_counter(), time.process_time()
found = library.find_entities(name, 1)
palette = time.perf_counter()
library.save_links()
saved = time.perf_counter()
print(json.dumps({"open": opened - started, "links": linked - opened, "links_cpu": linked_cpu - cpu,
                  "palette": palette - opened,
                  "save": saved - palette, "found": found[0][0].name if found else "",
                  "notices": library.notices}))
library.close()
"""


CHILD = (
    """
import json, sys, time
from pathlib import Path
from search.library import Library
corpus, index, name = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
started = time.perf_counter()
library = Library.open(corpus, index_dir=index)
opened, cpu = time.perf_counter(), time.process_time()
"""
    + MEASURED
)


# As the TUI does it: the library opened without an update, the list shown, then the update and
# the warm-up (which asks for the links, and waits for the update to link what it changed) at once.
TUI_CHILD = (
    """
import json, sys, threading, time
from pathlib import Path
from search.library import Library
corpus, index, name = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
started = time.perf_counter()
library = Library.open(corpus, index_dir=index, refresh=False)
library.articles()
warm_up = threading.Thread(target=library.entity_links)
warm_up.start()
library.refresh()
opened, cpu = time.perf_counter(), time.process_time()
warm_up.join()
"""
    + MEASURED
)


def timed(code: Path, corpus: Path, index: Path, name: str, child: str = CHILD) -> dict[str, object]:
    return child_run(code, child, str(corpus), str(index), name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--still", type=int, default=5, help="re-opens with nothing changed")
    parser.add_argument("--before", type=Path, help="a source folder of the code to compare with")
    parser.add_argument("--before-index", type=Path)
    parser.add_argument("--as-tui", action="store_true", help="open, update and warm up as the TUI does")
    args = parser.parse_args(argv)
    child = TUI_CHILD if args.as_tui else CHILD
    systems = [("now", ROOT, args.index)]
    if args.before is not None:
        systems.append(("before", args.before, args.before_index or args.index))
    files = sorted(p for p in args.corpus.rglob("*.md") if p.name != "README.md")
    for _, code, index in systems:  # (links saved and up to date before the first edit)
        timed(code, args.corpus, index, "")
    originals: dict[Path, bytes] = {}
    times: dict[str, dict[str, list[float]]] = {label: {f: [] for f in FIGURES} for label, _, _ in systems}
    try:
        for n in range(args.runs):
            surname = SURNAMES[n % len(SURNAMES)] + ("" if n < len(SURNAMES) else str(n))
            target = files[(n * 7919 + 13) % len(files)]
            originals.setdefault(target, target.read_bytes())
            with target.open("a", encoding="utf-8") as out:
                out.write(
                    f"\n\nTokyo welcomed Senator Zebulon {surname} on Monday. {surname} spoke of trade.\n"
                )
            order = systems if n % 2 == 0 else systems[::-1]
            for label, code, index in order:
                got = timed(code, args.corpus, index, f"Zebulon {surname}", child)
                for figure in FIGURES:
                    times[label][figure].append(float(got[figure]))  # type: ignore[arg-type]
                shown = " ".join(f"{f} {float(got[f]):.2f} s" for f in FIGURES)  # type: ignore[arg-type]
                print(f"edit {n + 1} ({target.name}), {label}: {shown}; found {got['found']!r}", flush=True)
                if got["notices"]:
                    print(f"  notices: {got['notices']}")
    finally:
        for path, original in originals.items():
            path.write_bytes(original)
        for _, code, index in systems:  # (the files as they were, indexed and linked again)
            timed(code, args.corpus, index, "")
    still: dict[str, dict[str, list[float]]] = {label: {f: [] for f in FIGURES} for label, _, _ in systems}
    for n in range(args.still):
        for label, code, index in systems if n % 2 == 0 else systems[::-1]:
            got = timed(code, args.corpus, index, "Zebulon", child)
            for figure in FIGURES:
                still[label][figure].append(float(got[figure]))  # type: ignore[arg-type]
    print()
    print(
        f"| nothing changed, fresh process ({args.still} each) | "
        + " | ".join(s for s, _, _ in systems)
        + " |"
    )
    print("|---|" + "---:|" * len(systems))
    for figure, what in (
        ("open", "open"),
        ("links", "then the saved links loaded"),
        ("links_cpu", "  of which CPU time"),
        ("palette", "open to palette"),
    ):
        print(f"| {what} | " + " | ".join(_cell(still[label][figure]) for label, _, _ in systems) + " |")
    print()
    print("| 1 file changed, fresh process | " + " | ".join(label for label, _, _ in systems) + " |")
    print("|---|" + "---:|" * len(systems))
    for figure, what in zip(
        FIGURES,
        (
            "re-open (the file indexed)",
            "then names linked again",
            "  of which CPU time",
            "from the re-open to the palette finding it",
            "then the links saved",
        ),
        strict=True,
    ):
        print(f"| {what} | " + " | ".join(_cell(times[label][figure]) for label, _, _ in systems) + " |")
    return 0


def _cell(samples: list[float]) -> str:
    """Median (lowest-highest), in seconds."""
    found = sorted(samples)
    return f"{percentile(found, 0.5):.2f} s ({found[0]:.2f}-{found[-1]:.2f})" if found else "–"


if __name__ == "__main__":
    raise SystemExit(main())
