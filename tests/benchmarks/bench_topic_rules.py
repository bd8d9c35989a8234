"""Candidate topic rules measured on the labelled articles of ../shared/corpus, side by side.

Run: ``python -m tests.benchmarks.bench_topic_rules [--over OLD_TAXONOMY.toml]``

Each rule is the shipped scorer with one step changed (a subclass here, never shipped). For
each: the figures of ``bench_topic_quality`` plus what a rule may cost elsewhere: sport-desk
articles left without a sport topic, and the Reuters secondary topics that agree with a code
or not. ``--over FILE`` scores with FILE's topics merged over the shipped taxonomy (as a
user's ``topics.toml`` is), e.g. the taxonomy of an earlier commit
(``git show REV:search/analysis/topics/taxonomy.toml > /tmp/old.toml``) to measure a keyword edit.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from search.analysis.topics.assign import TopicScorer
from search.analysis.topics.taxonomy import Taxonomy, load_taxonomy
from tests.benchmarks.topic_labels import CORPUS, REUTERS_CODES, Scored, agrees, figures, scored_articles


class NamesKeepTheLead(TopicScorer):
    """Before the lead rule: a topic on names alone stays first."""

    def _led(self, scored: list[tuple[str, float]], own: set[str]) -> list[tuple[str, float]]:
        return scored


class AnyShareTakesTheLead(TopicScorer):
    """The lead rule without its floor: any topic on its own keywords with 40% takes the lead."""

    lead_score = 0.0


class OwnAreaKeepsAll(TopicScorer):
    """Before the own-area share: every topic of the first topic's area stays."""

    own_area_share = 0.0


RULES: dict[str, type[TopicScorer]] = {
    "shipped": TopicScorer,
    "names keep the lead": NamesKeepTheLead,
    "no floor on the lead rule": AnyShareTakesTheLead,
    "the first topic's area keeps all its topics": OwnAreaKeepsAll,
}


def row(name: str, articles: list[Scored], taxonomy: Taxonomy) -> str:
    f = figures(iter(articles), taxonomy)
    sport_desk = [a for a in articles if a.dataset == "bbc" and a.labels == ("sport",)]
    no_sport = sum(not any(taxonomy[t].area == "sport" for t in a.topics) for a in sport_desk)
    agree = other = 0
    for a in articles:
        allowed = tuple(t for code in a.labels for t in REUTERS_CODES.get(code, ()))
        if a.dataset != "bbc" and allowed:
            hits = [agrees(t, allowed, taxonomy) for t in a.topics[1:]]
            agree, other = agree + sum(hits), other + len(hits) - sum(hits)
    return (
        f"| {name} | {f.first_agrees / f.labelled:.4f} | {f.bbc_first_in_desk / f.bbc:.4f} "
        f"| {f.sport_on_non_sport} | {f.without_topic / f.articles:.2%} | {no_sport} of {len(sport_desk)} "
        f"| {agree} / {other} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", type=Path, action="append", default=[], help="topics TOML merged over")
    parser.add_argument("--rule", choices=sorted(RULES), action="append", help="default: all")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not present")
    taxonomy = load_taxonomy(args.over)
    print(
        "| rule | Reuters first | BBC desk | non-sport with sport | no topic | sport desk without sport "
        "| Reuters secondary agree / other |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in args.rule or RULES:
        print(row(name, list(scored_articles(CORPUS, taxonomy, RULES[name])), taxonomy), flush=True)


if __name__ == "__main__":
    main()
