"""Per-keystroke latency and ranking of the fuzzy entity search (``Library.find_entities``).

Run: ``python tests/benchmarks/bench_entity_fuzzy.py [--pickle FILE | --index DIR --corpus DIR] [--compare]``

The entity names come from ``/tmp/entities50k.pickle`` (``{"entities": [(id, name, label,
aliases, mention_count), ...], "choices": [...], "choice_owner": [...]}``, the linked
entities of a 50,000-article corpus), or from an index opened without an update. Every
prefix of a few typed queries ("u", "un", ... "united states") is one keystroke, asked
for 500 entities as the entity index screen does. The script builds ``EntityMatcher``
``PASSES`` times and types every keystroke into each (the matcher keeps the previous
keystroke's word matches, as when typing), then prints the build time, p50/p95/p99 of
``EntityMatcher.match`` per keystroke, and the top names for the typed queries and some
typos. ``--compare`` also times, and shows the ranking of, the rapidfuzz ``WRatio`` scan
over every name that ``find_entities`` used before.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from search.analysis.entities.matcher import EntityMatcher

PICKLE = Path("/tmp/entities50k.pickle")
TYPED = ["united states", "reagan", "opec", "bank of japan", "volcker", "thatcher", "tokyo"]
CHECKS = [*TYPED, "uni", "bank of ja", "thatchr", "reagn", "volker", "bank of japn", "abe shinzo", "U.S."]
LIMIT = 500
PASSES = 5


@dataclass(frozen=True)
class Names:
    """What ``find_entities`` searches: names and aliases (processed), whose entity each is."""

    names: list[str]  # entity names, most mentioned first
    mentions: list[int]
    choices: list[str]
    owners: Sequence[int]


def from_pickle(path: Path) -> Names:
    data = pickle.loads(path.read_bytes())
    entities = data["entities"]
    return Names([e[1] for e in entities], [e[4] for e in entities], data["choices"], data["choice_owner"])


def from_index(index: Path, corpus: Path) -> Names:
    from search.library import Library

    with Library.open(corpus, index_dir=index, refresh=False) as library:
        links = library.entity_links()
        entities = links.entities
        names = [e.name for e in entities]
        return Names(names, [e.mention_count for e in entities], links.choices, links.choice_owner)


def wratio(names: Names) -> Callable[[str], list[int]]:
    """The scan ``find_entities`` did before ``EntityMatcher``: entity indexes, best first."""

    def run(text: str) -> list[int]:
        found = process.extract(
            utils.default_process(text), names.choices, scorer=fuzz.WRatio, processor=None,
            limit=LIMIT * 4, score_cutoff=60,
        )  # fmt: skip
        best: dict[int, float] = {}
        for _, score, index in found:
            owner = names.owners[index]
            best[owner] = max(score, best.get(owner, 0.0))
        ranked = sorted(best.items(), key=lambda m: (-round(m[1]), -names.mentions[m[0]]))
        return [owner for owner, _ in ranked[:LIMIT]]

    return run


def keystrokes() -> list[str]:
    return [typed[:n] for typed in TYPED for n in range(1, len(typed) + 1) if typed[:n].strip()]


def percentiles(timings_ms: list[float]) -> str:
    cuts = statistics.quantiles(timings_ms, n=100, method="inclusive")
    p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    return f"p50 {p50:.2f} ms  p95 {p95:.2f} ms  p99 {p99:.2f} ms  max {max(timings_ms):.2f} ms"


def timed(run: Callable[[str], object], queries: list[str]) -> list[float]:
    timings = []
    for query in queries:
        start = time.perf_counter()
        run(query)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def built(names: Names) -> tuple[EntityMatcher, float]:
    start = time.perf_counter()
    matcher = EntityMatcher(names.choices, names.owners)
    return matcher, (time.perf_counter() - start) * 1000


def measure(names: Names, queries: list[str]) -> EntityMatcher:
    """Print the build time and the latency per keystroke of fresh matchers; return the last one."""
    timings: list[float] = []
    builds: list[float] = []
    for _ in range(PASSES):
        matcher, build_ms = built(names)
        builds.append(build_ms)
        timings += timed(partial(matcher.match, limit=LIMIT), queries)
    build = f"median {statistics.median(builds):.0f} ms, max {max(builds):.0f} ms"
    print(f"EntityMatcher built {PASSES} times: {build}")
    print(f"EntityMatcher.match, {PASSES} passes: {percentiles(timings)}")
    return matcher


def show(names: Names, run: Callable[[str], list[int]]) -> None:
    for query in CHECKS:
        top = [f"{names.names[i]} ({names.mentions[i]})" for i in run(query)[:3]]
        print(f"  {query!r:16} -> {', '.join(top)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pickle", type=Path, default=PICKLE, help="entity names saved as a pickle")
    parser.add_argument("--index", type=Path, help="an index folder (with --corpus) instead of the pickle")
    parser.add_argument("--corpus", type=Path, help="the corpus of --index")
    parser.add_argument("--compare", action="store_true", help="also time the WRatio scan used before")
    args = parser.parse_args()
    if (args.index is None) != (args.corpus is None):
        parser.error("--index and --corpus go together")
    names = from_index(args.index, args.corpus) if args.index else from_pickle(args.pickle)
    queries = keystrokes()
    print(f"{len(names.choices)} names and aliases of {len(names.names)} entities")
    print(f"{len(queries)} keystrokes over {len(TYPED)} typed queries, limit {LIMIT}")
    matcher = measure(names, queries)
    show(names, lambda text: [owner for owner, _ in matcher.match(text, LIMIT)])
    if args.compare:
        old = wratio(names)
        print(f"\nWRatio scan (before), 2 passes: {percentiles(timed(old, queries * 2))}")
        show(names, old)
    return 0


if __name__ == "__main__":
    sys.exit(main())
