"""Entity labels on ../shared/corpus, and how a change of rules moves them.

Run: ``python -m tests.benchmarks.bench_entity_labels --save before.json`` on the code before a
change, then ``python -m tests.benchmarks.bench_entity_labels --against before.json`` on the code
after it (e.g. ``git stash`` or ``git checkout COMMIT~1 -- search`` for the first run).

Both passes run as the index runs them (``analyse_corpus``). ``--save`` writes each entity's label,
articles and first context; ``--against`` prints the entities whose label changed, the names that
went and came (a span that changed), by label pair, and a seeded random sample of the label changes
with a context each, for judging by hand.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from search.analysis.entities import CorpusEntities, analyse_corpus
from search.analysis.entities.types import name_key
from tests.benchmarks.topic_labels import CORPUS, corpus_articles

Table = dict[str, dict[str, object]]  # name key -> {"name", "label", "articles", "context"}


def linked_corpus(corpus: Path = CORPUS) -> tuple[CorpusEntities, dict[str, str]]:
    """The entities of ``corpus`` (linked as the index links them) and each article's text."""
    articles = [article for _, article in corpus_articles(corpus)]
    linked = analyse_corpus((a.id, a.body, a.blocks) for a in articles)
    return linked, {a.id: a.body for a in articles}


def entity_table(corpus: Path = CORPUS) -> Table:
    linked, bodies = linked_corpus(corpus)
    table: Table = {}
    for entity in linked.entities:
        first = entity.article_ids[0]
        mention = next(m for m in linked.mentions[first] if linked.entity_of(m) == entity)
        body = bodies[first]
        context = " ".join(body[max(0, mention.start - 60) : mention.end + 40].split())
        table[name_key(entity.name)] = {
            "name": entity.name,
            "label": entity.label,
            "articles": len(entity.article_ids),
            "context": f"{first}: {context}",
        }
    return table


def compare(before: Table, after: Table, sample: int, seed: int) -> None:
    both = sorted(before.keys() & after.keys())
    changed = [k for k in both if before[k]["label"] != after[k]["label"]]
    pairs = Counter((before[k]["label"], after[k]["label"]) for k in changed)
    gone, new = len(before.keys() - after.keys()), len(after.keys() - before.keys())
    print(f"label changed: {len(changed)} of {len(both)} entities in both; names gone: {gone}, new: {new}")
    for (old, new), n in pairs.most_common():
        print(f"  {old:>7} -> {new:<7} {n}")
    for k in sorted(random.Random(seed).sample(changed, min(sample, len(changed)))):
        e = after[k]
        change = f"{before[k]['label']} -> {e['label']}"
        print(f"{e['name']!r}: {change} ({e['articles']} articles)  {e['context']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write the entity table (JSON) to this file")
    parser.add_argument("--against", type=Path, help="compare with a table saved before")
    parser.add_argument("--sample", type=int, default=30, help="label changes shown for judging")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not present")
    table = entity_table()
    print(
        f"{len(table)} entities; by label: {dict(Counter(e['label'] for e in table.values()).most_common())}"
    )
    if args.save is not None:
        args.save.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    if args.against is not None:
        compare(json.loads(args.against.read_text(encoding="utf-8")), table, args.sample, args.seed)


if __name__ == "__main__":
    main()
