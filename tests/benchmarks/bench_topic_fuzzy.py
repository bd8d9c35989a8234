"""Per-keystroke latency and ranking of the fuzzy topic picker over 10,000 entries.

Run: ``python tests/benchmarks/bench_topic_fuzzy.py [--compare]``

Entries are the default taxonomy's labels, aliases and keywords plus the most
frequent two-word phrases of the shared test corpus (``../shared/corpus``),
10,000 in all. Every prefix of a few typed queries ("d", "de", ... "defence
spnding") is one keystroke; the script prints p50/p95/p99 of ``TopicMatcher.match``
over the first (cold) pass and over warm passes, then the top results of the
ranking checks. ``--compare`` also times plain ``rapidfuzz.process.extract`` over
the whole entry texts with other scorers, and shows what each ranks first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, process

from search.analysis.topics.discover import frequent_phrases
from search.analysis.topics.fuzzy import MatchEntry, TopicMatcher, taxonomy_entries
from search.analysis.topics.taxonomy import load_taxonomy
from search.corpus.loader import read_file

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
ENTRIES = 10_000
WARM_PASSES = 5
TYPED = [
    "defence spnding",
    "missle defence",
    "milatary",
    "tarrifs",
    "spending defence",
    "interest rates",
    "climate change",
    "labour market",
    "oil prices opec",
    "nuclear weapons",
    "trade deficit with japan",
]
CHECKS = ["defence spnding", "missle defence", "milatary", "tarrifs", "spending defence", "defen"]


def corpus_texts(root: Path) -> list[str]:
    texts = []
    for path in sorted(root.glob("*/*.md")):
        for raw in read_file(root, str(path.relative_to(root))).raw:
            texts.append("\n\n".join(raw.paragraphs))
    return texts


def build_entries() -> list[MatchEntry]:
    entries = taxonomy_entries(load_taxonomy())
    known = {entry.text.lower() for entry in entries}
    phrases = frequent_phrases(corpus_texts(CORPUS), n=2 * ENTRIES)
    fresh = [phrase for phrase, _ in phrases if phrase not in known]
    entries += [MatchEntry(phrase, f"phrase:{phrase}", "phrase") for phrase in fresh]
    return entries[:ENTRIES]


def keystrokes() -> list[str]:
    return [typed[:n] for typed in TYPED for n in range(1, len(typed) + 1)]


def percentiles(timings_ms: list[float]) -> str:
    cuts = statistics.quantiles(timings_ms, n=100, method="inclusive")
    p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    return f"p50 {p50:.2f} ms  p95 {p95:.2f} ms  p99 {p99:.2f} ms  max {max(timings_ms):.2f} ms"


def timed(run: Callable[[str], object], queries: list[str], passes: int) -> list[float]:
    timings = []
    for _ in range(passes):
        for query in queries:
            start = time.perf_counter()
            run(query)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def compare(entries: list[MatchEntry], queries: list[str]) -> None:
    """Whole-text rapidfuzz scorers over the same entries, for reference."""
    choices = [entry.text.lower() for entry in entries]
    for scorer in (fuzz.token_set_ratio, fuzz.partial_ratio, fuzz.WRatio):

        def run(query: str, scorer: Callable[..., float] = scorer) -> list[tuple[str, float, int]]:
            return process.extract(query.lower(), choices, scorer=scorer, limit=20)

        print(f"\nprocess.extract, {scorer.__name__}: {percentiles(timed(run, queries, 2))}")
        for query in CHECKS:
            print(f"  {query!r:20} -> {[entries[i].key for _, _, i in run(query)[:3]]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also time whole-text rapidfuzz scorers")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"the shared corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    entries = build_entries()
    start = time.perf_counter()
    matcher = TopicMatcher(entries)
    print(f"{len(entries)} entries, index built in {(time.perf_counter() - start) * 1000:.0f} ms")
    queries = keystrokes()
    print(f"{len(queries)} keystrokes over {len(TYPED)} typed queries")
    print(f"cold pass:      {percentiles(timed(matcher.match, queries, 1))}")
    print(f"warm, {WARM_PASSES} passes: {percentiles(timed(matcher.match, queries, WARM_PASSES))}")
    for query in CHECKS:
        top = [(m.topic_id, m.text, m.score) for m in matcher.match(query, limit=3)]
        print(f"  {query!r:20} -> {top}")
    if args.compare:
        compare(entries, queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
