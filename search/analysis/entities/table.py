"""The corpus entity table: one row per canonical name, built from linked mentions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from search.analysis.entities.linking import PLACE_LABELS, Vote, best_label, company_keys, relabel, vote_label
from search.analysis.entities.types import Entity, Mention, entity_id, name_key

# Each article votes once per entity. Evidence in one article outweighs four articles
# without any ("Chelsea, who ..." once does not make the club a person everywhere).
_WEIGHT_EVIDENCE, _WEIGHT_GUESS, _WEIGHT_MISC = 1.0, 0.5, 0.25
# An article's vote for a name it wrote with a company form ("Philip Morris Inc"): proof that no
# number of articles with the short form ("Philip Morris") outweighs, unless they name a place
# (a town's name is also its firm's: "MINNETONKA, Minn." and "Minnetonka Inc"; then it is evidence).
COMPANY_VOTE: Vote = ("company", False)
_PLACE_VOTES = frozenset((label, False) for label in PLACE_LABELS)


def corpus_vote(votes: Mapping[Vote, int]) -> Vote:
    """The label of an entity from its ``(label, guessed)`` votes, one per article (vote -> articles)."""
    if votes.get(COMPANY_VOTE) and not any(n and vote in _PLACE_VOTES for vote, n in votes.items()):
        return "ORG", False
    scores: dict[str, float] = defaultdict(float)
    evidence: set[str] = set()
    for (label, guessed), n in votes.items():
        label = "ORG" if label == COMPANY_VOTE[0] else label
        if label == "MISC":
            scores[label] += _WEIGHT_MISC * n
        elif guessed:
            scores[label] += _WEIGHT_GUESS * n
        else:
            scores[label] += _WEIGHT_EVIDENCE * n
            evidence.add(label)
    label = best_label(scores)
    return label, label != "MISC" and label not in evidence


def article_votes(mentions: Sequence[Mention]) -> dict[str, Vote]:
    """One article's vote for the label of each name key it mentions."""
    in_article: dict[str, list[Vote]] = defaultdict(list)
    for m in mentions:
        in_article[name_key(m.name)].append((m.label, m.guessed))
    votes = {key: vote_label(group) for key, group in in_article.items()}
    votes.update(dict.fromkeys(company_keys(mentions), COMPANY_VOTE))
    return votes


def unify_corpus_labels(articles: Mapping[str, Sequence[Mention]]) -> dict[str, list[Mention]]:
    """Give every mention of a name, in all articles, the label of :func:`corpus_vote`."""
    votes: dict[str, Counter[Vote]] = defaultdict(Counter)
    for mentions in articles.values():
        for key, vote in article_votes(mentions).items():
            votes[key][vote] += 1
    labels = {key: corpus_vote(group) for key, group in votes.items()}
    return {aid: [relabel(m, labels[name_key(m.name)]) for m in ms] for aid, ms in articles.items()}


def _most_common(counter: Mapping[str, int]) -> str:
    return min(counter, key=lambda text: (-counter[text], text))


def entity_row(
    label: str, names: Mapping[str, int], texts: Mapping[str, int], where: Iterable[str], description: str
) -> Entity:
    """One entity from its mentions' spellings and texts (-> mentions) and its articles."""
    name = _most_common(names)
    seen = sorted((t for t in texts if t != name), key=lambda t: (-texts[t], t))
    return Entity(
        id=entity_id(label, name),
        name=name,
        label=label,
        aliases=tuple(seen),
        description=description,
        article_ids=tuple(sorted(where)),
        mention_count=sum(names.values()),
    )


def table_order(entity: Entity) -> tuple[int, str, str]:
    """Most mentioned first."""
    return -entity.mention_count, entity.name, entity.id


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
    rows = [
        entity_row(labels[key], spellings, texts[key], where[key], descriptions.get(key, ""))
        for key, spellings in names.items()
    ]
    rows.sort(key=table_order)
    return rows
