"""Topic quality on the labelled articles of ../shared/corpus (Reuters codes, BBC desks).

Run: ``python tests/benchmarks/bench_topic_quality.py [--misses 20]``

Prints, from the labels (mapped to the taxonomy in ``topic_labels.py``): the share of mapped
Reuters articles whose first topic agrees with a code, the share of BBC articles whose first
topic lies in the desk's areas, non-sport articles with a sport topic, articles without a
topic, and the most frequent disagreements.
"""

from __future__ import annotations

import argparse
import time

from tests.benchmarks.topic_labels import CORPUS, figures, scored_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=20)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not present")
    start = time.perf_counter()
    f = figures(scored_articles())
    seconds = time.perf_counter() - start
    print(f"{f.articles} articles scored in {seconds:.1f} s")
    print(f"Reuters first topic agrees with a code: {f.first_agrees / f.labelled:.3f} ({f.labelled} mapped)")
    print(f"BBC first topic in the desk's areas:   {f.bbc_first_in_desk / f.bbc:.3f} ({f.bbc} articles)")
    print(f"non-sport articles with a sport topic: {f.sport_on_non_sport} of {f.non_sport}")
    print(f"articles without a topic:              {f.without_topic / f.articles:.3%}")
    for (label, first), n in f.misses.most_common(args.misses):
        print(f"  {n:4}  {label:30} -> {first}")


if __name__ == "__main__":
    main()
