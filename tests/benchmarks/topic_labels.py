"""Topic assignment scored against the labels of ../shared/corpus (research data, read in place).

Reuters ``section`` holds the dataset's TOPICS codes, BBC ``section`` its desk. Each code maps,
once and here only, to the taxonomy topics that agree with it; each desk to its areas. An
article's *first topic* is its best-scored assigned topic. Used by
``bench_topic_quality.py`` and by the unit test that asserts the targets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from search.analysis.enrich import masked_body
from search.analysis.tokens import terms, text_analyzer
from search.analysis.topics.assign import TopicScorer
from search.analysis.topics.taxonomy import Taxonomy, load_taxonomy
from search.corpus.loader import build_articles, read_file
from search.model import Article

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

_GRAIN = ("agriculture.grain",)
_OILSEEDS = ("agriculture.oilseeds",)
_SOFTS = ("agriculture.softs",)
_LIVESTOCK = ("agriculture.livestock",)
_METALS = ("economy.commodities",)
_OIL = ("energy.oil_gas", "economy.oil_prices")
_CURRENCY = ("economy.currency",)
_TRADE = ("trade",)  # the area: every trade subtopic agrees
_CODE_GROUPS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("earn",): ("economy.earnings",),
    ("acq",): ("economy.mergers",),
    ("crude", "nat-gas", "gas", "fuel", "heat", "propane", "pet-chem", "jet", "naphtha"): _OIL,
    ("money-fx", "dlr", "yen", "dmk", "stg"): _CURRENCY,
    ("interest",): ("economy.interest_rates",),
    ("trade", "bop"): _TRADE,
    ("ship",): ("transport.shipping",),
    ("grain", "wheat", "corn", "barley", "rice", "oat", "sorghum", "rye"): _GRAIN,
    ("oilseed", "soybean", "veg-oil", "palm-oil", "rapeseed", "sunseed", "soy-oil", "soy-meal"): _OILSEEDS,
    ("meal-feed", "groundnut", "cotton-oil", "coconut-oil", "coconut", "copra-cake", "lin-oil"): _OILSEEDS,
    ("sugar", "coffee", "cocoa", "tea", "orange", "cotton", "rubber", "potato", "wool"): _SOFTS,
    ("livestock", "carcass", "hog", "l-cattle"): _LIVESTOCK,
    ("gold", "silver", "platinum", "palladium", "copper", "alum", "zinc", "lead", "tin", "nickel"): _METALS,
    ("iron-steel", "strategic-metal", "lumber"): _METALS,
    ("gnp", "ipi", "lei", "cpu"): ("economy.growth",),
    ("money-supply", "reserves"): ("economy.money_supply", "economy.currency"),
    ("cpi", "wpi"): ("economy.inflation",),
    ("jobs",): ("labour.jobs",),
    ("income",): ("economy.consumer_spending", "labour.wages"),
    ("retail",): ("economy.consumer_spending",),
    ("housing",): ("economy.housing",),
    ("instal-debt",): ("economy.consumer_spending", "economy.debt"),
}
REUTERS_CODES: dict[str, tuple[str, ...]] = {
    code: topics for codes, topics in _CODE_GROUPS.items() for code in codes
}

_POLICY = ("governance", "diplomacy", "defence", "migration", "rights", "law", "health", "education")
BBC_DESKS: dict[str, tuple[str, ...]] = {
    "business": ("economy", "trade", "energy", "labour", "transport", "agriculture", "law.corporate_crime"),
    "entertainment": ("media", "culture"),
    "politics": (*_POLICY, "environment", "economy.taxation", "economy.public_budget", "labour"),
    "sport": ("sport",),
    "tech": ("technology", "space"),
}


def agrees(topic_id: str, allowed: tuple[str, ...], taxonomy: Taxonomy) -> bool:
    """True when a topic is one of ``allowed``, lies in an allowed area, or is the area of one."""
    area = taxonomy[topic_id].area
    return any(topic_id == a or area == a or (taxonomy[a].area == topic_id) for a in allowed)


@dataclass(slots=True)
class Scored:
    """One labelled article and its assigned topic ids, best first."""

    id: str
    title: str
    dataset: str  # "reuters21578" or "bbc"
    labels: tuple[str, ...]  # Reuters codes or the BBC desk
    topics: list[str]


@dataclass(slots=True)
class Figures:
    articles: int = 0
    without_topic: int = 0
    labelled: int = 0  # Reuters articles with a mapped code
    first_agrees: int = 0
    bbc: int = 0
    bbc_first_in_desk: int = 0
    non_sport: int = 0
    sport_on_non_sport: int = 0
    misses: Counter[tuple[str, str]] = field(default_factory=Counter)  # (label, first topic)


def scored_articles(
    corpus: Path = CORPUS, taxonomy: Taxonomy | None = None, scorer_type: type[TopicScorer] = TopicScorer
) -> Iterator[Scored]:
    """Every labelled article of ``corpus`` with the topics a ``scorer_type`` gives it."""
    taxonomy = taxonomy or load_taxonomy()
    scorer = scorer_type(taxonomy, partial(terms, text_analyzer()))
    for dataset, article in corpus_articles(corpus):
        labels = tuple(s.strip() for s in article.section.split(";") if s.strip())
        found = scorer.score(article.title, masked_body(article))
        yield Scored(article.id, article.title, dataset, labels, [t for t, _ in found])


def corpus_articles(corpus: Path = CORPUS) -> Iterator[tuple[str, Article]]:
    """Every article of ``corpus``'s Markdown files (READMEs left out), with its dataset (top folder)."""
    for path in sorted(corpus.rglob("*.md")):
        if not path.name.lower().startswith("readme"):
            rel = path.relative_to(corpus)
            for article in build_articles(read_file(corpus, str(rel))):
                yield rel.parts[0], article


def figures(articles: Iterator[Scored], taxonomy: Taxonomy | None = None) -> Figures:
    taxonomy = taxonomy or load_taxonomy()
    out = Figures()
    for a in articles:
        out.articles += 1
        first = a.topics[0] if a.topics else ""
        out.without_topic += not a.topics
        sport_desk = a.dataset == "bbc" and a.labels == ("sport",)
        if not sport_desk:
            out.non_sport += 1
            out.sport_on_non_sport += any(taxonomy[t].area == "sport" for t in a.topics)
        if a.dataset == "bbc" and a.labels and a.labels[0] in BBC_DESKS:
            out.bbc += 1
            ok = bool(first) and agrees(first, BBC_DESKS[a.labels[0]], taxonomy)
            out.bbc_first_in_desk += ok
            if not ok:
                out.misses[f"bbc:{a.labels[0]}", first or "-"] += 1
            continue
        allowed = tuple(t for code in a.labels for t in REUTERS_CODES.get(code, ()))
        if not allowed:
            continue
        out.labelled += 1
        ok = bool(first) and agrees(first, allowed, taxonomy)
        out.first_agrees += ok
        if not ok:
            out.misses["; ".join(a.labels), first or "-"] += 1
    return out
