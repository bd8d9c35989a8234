"""The corpus entity table: one row per canonical name, built from linked mentions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from search.analysis.entities.linking import Vote, best_label, relabel, vote_label
from search.analysis.entities.types import Entity, Mention, entity_id, name_key

# Each article votes once per entity. Evidence in one article outweighs four articles
# without any ("Chelsea, who ..." once does not make the club a person everywhere).
_WEIGHT_EVIDENCE, _WEIGHT_GUESS, _WEIGHT_MISC = 1.0, 0.5, 0.25


def corpus_vote(votes: Iterable[Vote]) -> Vote:
    """The label of an entity from one ``(label, guessed)`` vote per article."""
    scores: dict[str, float] = defaultdict(float)
    evidence: set[str] = set()
    for label, guessed in votes:
        if label == "MISC":
            scores[label] += _WEIGHT_MISC
        elif guessed:
            scores[label] += _WEIGHT_GUESS
        else:
            scores[label] += _WEIGHT_EVIDENCE
            evidence.add(label)
    label = best_label(scores)
    return label, label != "MISC" and label not in evidence


def unify_corpus_labels(articles: Mapping[str, Sequence[Mention]]) -> dict[str, list[Mention]]:
    """Give every mention of a name, in all articles, the label of :func:`corpus_vote`."""
    votes: dict[str, list[Vote]] = defaultdict(list)
    for mentions in articles.values():
        in_article: dict[str, list[Vote]] = defaultdict(list)
        for m in mentions:
            in_article[name_key(m.name)].append((m.label, m.guessed))
        for key, group in in_article.items():
            votes[key].append(vote_label(group))
    labels = {key: corpus_vote(group) for key, group in votes.items()}
    return {aid: [relabel(m, labels[name_key(m.name)]) for m in ms] for aid, ms in articles.items()}


def _most_common(counter: Counter[str]) -> str:
    return min(counter, key=lambda text: (-counter[text], text))


def build_table(articles: Mapping[str, Sequence[Mention]], descriptions: Mapping[str, str]) -> list[Entity]:
    """Entities of label-unified ``articles``, most mentioned first.

    ``descriptions`` maps a name key to a description (from the user entity file).
    """
    names: dict[str, Counter[str]] = defaultdict(Counter)
    texts: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for article_id, mentions in articles.items():
        for m in mentions:
            key = name_key(m.name)
            names[key][m.name] += 1
            texts[key][m.text] += 1
            where[key].add(article_id)
            labels[key] = m.label
    rows = []
    for key, spellings in names.items():
        name = _most_common(spellings)
        seen = sorted((t for t in texts[key] if t != name), key=lambda t: (-texts[key][t], t))
        rows.append(
            Entity(
                id=entity_id(labels[key], name),
                name=name,
                label=labels[key],
                aliases=tuple(seen),
                description=descriptions.get(key, ""),
                article_ids=tuple(sorted(where[key])),
                mention_count=sum(spellings.values()),
            )
        )
    rows.sort(key=lambda e: (-e.mention_count, e.name, e.id))
    return rows
