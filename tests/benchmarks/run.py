"""The benchmark harness: every performance figure of brief-tui on one or more corpora.

Run (about 18 minutes for both corpora on two cores)::

    python -m tests.benchmarks.make_corpus --from ../shared/corpus --count 50000 --out /tmp/corpus50k
    python -m tests.benchmarks.run --corpus ../shared/corpus --corpus /tmp/corpus50k \\
        --out tests/benchmarks/results.md

Each figure is measured over repeated runs, most in fresh processes (``probe.py``), and
reported as median and p95 (for throughput and ratios, where higher is better, the p95
column is the slow end: the 5th percentile). The table is printed and written to ``--out``.
Indexes and scratch files go to ``--work`` (default: a folder in /tmp), never to the corpus.
The project's bytecode is compiled first, as ``pip install`` does: in a checkout with
PYTHONDONTWRITEBYTECODE set, every start would otherwise compile it again.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.latency import ONE_WORD, SEARCH_LIMIT
from tests.benchmarks.stats import Figure, table

REPO = Path(__file__).resolve().parents[2]
EDITED = 1  # files changed before each incremental re-open
NEW_NAMES = (
    "Quartermaine",
    "Fotheringay",
    "Wolstenholme",
    "Pemberton",
    "Aldergrove",
    "Thistlewood",
    "Marchbanks",
)


def probe(kind: str, corpus: Path, index: Path, *extra: str) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its last output line is JSON."""
    command = [sys.executable, "-m", "tests.benchmarks.probe", kind, str(corpus), str(index), *extra]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"probe {kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def builds(corpus: Path, work: Path, runs: int) -> tuple[list[dict[str, Any]], Path]:
    """Full builds into empty folders; the last index is kept for the other figures."""
    results = []
    index = work / "index"
    for _ in range(runs):
        shutil.rmtree(index, ignore_errors=True)
        results.append(probe("build", corpus, index))
        print(f"  build: {results[-1]}", flush=True)
    return results, index


def corpus_copy(corpus: Path, target: Path) -> list[str]:
    """A copy of ``corpus`` in ``target`` (so one file can be changed); its article paths."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(corpus, target)
    rels = [p.relative_to(target).as_posix() for p in target.rglob("*.md")]
    return sorted(r for r in rels if not r.lower().endswith("readme.md"))


def incremental(corpus: Path, index: Path, work: Path, runs: int) -> list[dict[str, Any]]:
    """Re-opens after ``EDITED`` file(s) changed, on copies of the index and of the corpus."""
    linked = work / "corpus"
    rels = corpus_copy(corpus, linked)
    copy = work / "index-incremental"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(index, copy)
    results = []
    for run in range(runs):
        surname = NEW_NAMES[run % len(NEW_NAMES)] + "s" * (run // len(NEW_NAMES))
        for rel in rels[run * EDITED : (run + 1) * EDITED]:
            with (linked / rel).open("ab") as changed:
                changed.write(
                    f"\n\nTokyo welcomed Senator Zebulon {surname} on Monday. {surname} spoke.\n".encode()
                )
        results.append(probe("reopen", linked, copy, f"Zebulon {surname}"))
        print(f"  reopen: {results[-1]}", flush=True)
        if results[-1]["found"] != f"Zebulon {surname}":
            raise RuntimeError(f"the entity palette did not find the new name Zebulon {surname}")
    return results


def ripgrep(corpus: Path, runs: int) -> tuple[str, list[float]]:
    """``rg -il WORD`` over the corpus, warm cache (``grep -ril`` when ripgrep is missing)."""
    tool = ["rg", "-il"] if shutil.which("rg") else ["grep", "-ril"]
    command = [*tool, ONE_WORD, str(corpus)]
    for _ in range(2):
        subprocess.run(command, capture_output=True, check=False)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        timings.append((time.perf_counter() - start) * 1000)
    return " ".join(tool), timings


def figures(corpus: Path, work: Path, runs: int, build_runs: int) -> list[Figure]:
    """Every figure for one corpus; ``build_runs`` 0 reuses the index of an earlier run."""
    out = []
    index = work / "index"
    if build_runs or not index.is_dir():
        built, index = builds(corpus, work, max(1, build_runs))
        last = built[-1]
        out.append(
            Figure(
                "full build (entities, topics, names linked)",
                "files/s",
                [b["files"] / b["seconds"] for b in built],
                400,
                "higher",
                note=f"{last['files']} files, {last['articles']} articles, {last['entities']} entities",
            )
        )
    starts = [probe("start", corpus, index) for _ in range(runs)]
    frames = [probe("frame", corpus, index, repr(time.time())) for _ in range(runs)]
    out += [
        Figure("cold start to the article list (TUI, headless)", "s", [f["list_frame"] for f in frames], 0.6),
        Figure("cold start to the first frame", "s", [f["first_frame"] for f in frames]),
        Figure("  import search.library", "s", [s["import_search"] for s in starts]),
        Figure("  import tui.app", "s", [s["import_tui"] for s in starts]),
        Figure("  Library.open on the index as it is", "s", [s["open"] for s in starts]),
        Figure("resident memory after open + articles()", "MB", [s["rss_mb"] for s in starts], 250),
        Figure("  then in the background: folder checked, no change", "s", [s["refresh"] for s in starts]),
        Figure("  and the warm-up (entity links, matcher, vocabulary)", "s", [s["warm_up"] for s in starts]),
        Figure("  resident memory after the warm-up", "MB", [s["rss_warm_mb"] for s in starts]),
    ]
    lat = probe("latency", corpus, index)
    tool, rg = ripgrep(corpus, len(lat["one_word_ms"]))
    mentions = f"{lat['entity_name']}: {lat['entity_mentions']} mentions"
    out += [
        Figure(
            "full-text query per keystroke (top 20, snippets)",
            "ms",
            lat["search_ms"],
            50,
            gate="p95",
            note="the hits, total and highlights the search screen shows first",
        ),
        Figure(
            "  then that keystroke's facet counts",
            "ms",
            lat["facet_counts_ms"],
            note=f"the first search of a session also reads the facet table: {lat['first_search_ms']:.0f} ms",
        ),
        Figure(
            "topic palette per keystroke (match_topics)",
            "ms",
            lat["match_topics_ms"],
            16,
            gate="p95",
            note=f"{lat['topic_strings']} strings; first call {lat['first_match_topics_ms']:.0f} ms",
        ),
        Figure(
            "entity palette per keystroke (find_entities)",
            "ms",
            lat["find_entities_ms"],
            16,
            gate="p95",
            note=(
                f"{lat['entity_strings']} strings; matcher built in {lat['entity_matcher_build_ms']:.0f} ms"
                f" (in the warm-up); first call {lat['first_find_entities_ms']:.0f} ms"
            ),
        ),
        Figure("open the most mentioned entity", "ms", lat["entity_ms"], 100, note=mentions),
        Figure(
            f"one-word query ({ONE_WORD!r}, top {SEARCH_LIMIT})",
            "ms",
            lat["one_word_ms"],
            note=f"{lat['one_word_hits']} hits",
        ),
        Figure(f"`{tool} {ONE_WORD}`, warm cache", "ms", rg),
        Figure(
            f"{tool.split()[0]} time / brief-tui time",
            "x",
            [r / b for r, b in zip(rg, lat["one_word_ms"], strict=True)],
            5,
            "higher",
        ),
    ]
    incr = incremental(corpus, index, work, runs)
    reindexed = sorted({r["reindexed"] for r in incr})
    out += [
        Figure(
            f"re-open after {EDITED} changed file",
            "s",
            [r["seconds"] for r in incr],
            1.0,
            note=f"files re-indexed: {', '.join(map(str, reindexed))}",
        ),
        Figure("  then names linked again", "s", [r["links_seconds"] for r in incr], 1.0),
        Figure(
            "  then the entity palette finds the new name",
            "s",
            [r["palette_seconds"] for r in incr],
            note="from the re-open: names linked again and the palette's matcher made anew",
        ),
    ]
    return out


def header(argv: list[str]) -> str:
    command = "python -m tests.benchmarks.run " + " ".join(argv)
    return (
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}.\n"
        f"Command: `{command}`\n"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", required=True, help="a corpus folder")
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "benchmarks" / "results.md")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "brief-tui-bench")
    parser.add_argument("--runs", type=int, default=7, help="repeats of each process-level figure")
    parser.add_argument(
        "--build-runs", type=int, default=3, help="repeats of the full build (0: reuse the last index)"
    )
    args = parser.parse_args(argv)
    for package in ("search", "tui"):
        compileall.compile_dir(REPO / package, quiet=1)
    tables = []
    for given in args.corpus:
        corpus = given.resolve()
        work = args.work / corpus.name
        work.mkdir(parents=True, exist_ok=True)
        print(f"{corpus}:", flush=True)
        tables.append(table(str(given), figures(corpus, work, args.runs, args.build_runs)))
    report = header(argv) + "\n" + "\n".join(tables)
    print("\n" + report)
    args.out.write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
