"""Analysis speed (words/s) on hostile shapes of text, against ordinary prose.

Run: ``python tests/benchmarks/bench_analysis_speed.py [--words 300000]``

Times ``Enricher.extras`` (terms, topics and entities of one article, no time budget) on one
article of each shape: a single line of "Tokyo " repeated, names joined by "and", a titled list
("President Smith Minister Sato ..."), an ALL-CAPS press release (the seed articles in capitals),
and the same seed prose as it is. Each figure is words per CPU second, best of ``--runs``, and the
ratio of the prose rate to each shape's rate (1.0: a hostile shape costs what prose does per
word; quadratic work would make the ratio grow with ``--words``).
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from search.analysis.enrich import Enricher
from search.model import Article, Block

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_prose() -> str:
    lines = [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text("utf-8").splitlines()]
    return "\n".join(line for line in lines if line.strip())


def repeat_to(unit: str, words: int, sep: str = " ") -> str:
    per = max(1, len(unit.split()))
    return sep.join([unit] * math.ceil(words / per))


def shapes(words: int) -> dict[str, str]:
    prose = seed_prose()
    return {
        "prose (seed articles)": repeat_to(prose, words, "\n"),
        "one line of 'Tokyo'": repeat_to("Tokyo", words),
        "'Smith and Jones and ...'": repeat_to("Smith and Jones and", words),
        "titled list": repeat_to("President Smith Minister Sato", words),
        "ALL-CAPS press release": repeat_to(prose.upper(), words, "\n"),
    }


def rate(enricher: Enricher, body: str, runs: int) -> float:
    article = Article(id="a", path="a", title="t", body=body, blocks=[Block(0, len(body))])
    best = math.inf
    for _ in range(runs):
        start = time.process_time()  # CPU time: the machine may be shared
        enricher.extras(article, budget=math.inf)
        best = min(best, time.process_time() - start)
    return len(body.split()) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    enricher = Enricher([], [])
    enricher.extras(Article(id="w", path="w", title="w", body="Warm up in Tokyo.", blocks=[Block(0, 17)]))
    rates = {name: rate(enricher, body, args.runs) for name, body in shapes(args.words).items()}
    prose = rates["prose (seed articles)"]
    print(f"{args.words:,} words per article, best of {args.runs}")
    print(f"{'input':28} {'words/s':>10} {'prose/this':>10}")
    for name, value in rates.items():
        print(f"{name:28} {value:>10,.0f} {prose / value:>10.2f}")


if __name__ == "__main__":
    main()
