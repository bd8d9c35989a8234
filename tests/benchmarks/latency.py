"""Per-keystroke and per-action latency of the query API, on an opened corpus.

Run in a fresh process by ``probe.py latency``. The corpus is opened and warmed up as the
TUI does it (names linked, vocabulary loaded) before anything is timed; each typed query
is timed one keystroke (one prefix) at a time, through the calls the screens make.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from search.analysis.topics.fuzzy import taxonomy_entries
from search.library import Library
from search.library.topics import PHRASE_ENTRIES
from tests.benchmarks.bench_topic_fuzzy import TYPED as TOPIC_TYPED
from tests.benchmarks.stats import timed_ms

SEARCH_TYPED = [
    "trade deficit",
    "oil prices",
    "minister",
    "tariffs on japanese",
    "interest rates",
    "election campaign",
    "bank of england",
    '"stock market"',
]
ENTITY_TYPED = ["united states", "reagan", "opec", "bank of japan", "volcker", "thatcher", "tokyo"]
ONE_WORD = "minister"  # the word of the ripgrep comparison
PASSES = 3  # each typed query is typed this many times
ACTION_RUNS = 7  # repeats of a single action (open an entity, one-word query)
SEARCH_LIMIT = 20
ENTITY_ROWS = 50  # mention rows a screen shows at once


def prefixes(typed: list[str]) -> list[str]:
    """Every keystroke of every typed query: "o", "oi", "oil", ..."""
    return [text[:n] for text in typed for n in range(1, len(text) + 1) if text[:n].strip()]


def keystrokes(action: Any, typed: list[str]) -> list[float]:
    timings = []
    for _ in range(PASSES):
        for text in prefixes(typed):
            timings.append(timed_ms(lambda text=text: action(text)))
    return timings


def entity_screen(library: Library) -> tuple[str, int, list[float]]:
    """Opening the most mentioned entity: its mentions, and the contexts of a screenful of them."""
    entity = library.entities()[0]
    count = 0

    def open_entity() -> None:
        nonlocal count
        mentions = library.entity_mentions(entity)
        count = len(mentions)
        for m in mentions[:ENTITY_ROWS]:
            _ = m.context

    timings = [timed_ms(open_entity) for _ in range(ACTION_RUNS)]
    return entity.name, count, timings


def measure(corpus: Path, index: Path) -> dict[str, Any]:
    library = Library.open(corpus, index_dir=index)
    library.entity_links()  # what the TUI warms up before anyone types
    matcher_build = timed_ms(lambda: library.find_entities(""))  # (the warm-up builds the matcher)
    library.vocabulary()
    first_search = timed_ms(lambda: library.search("market", limit=SEARCH_LIMIT))  # reads the facet table
    first_topics = timed_ms(lambda: library.match_topics("t"))
    first_entities = timed_ms(lambda: library.find_entities("t"))
    # as the search screen does: the hits (what it shows first), then the facet counts
    search, facet_counts = [], []
    for text in prefixes(SEARCH_TYPED) * PASSES:
        search.append(timed_ms(lambda t=text: library.search(t, limit=SEARCH_LIMIT, with_facets=False)))
        facet_counts.append(timed_ms(lambda t=text: library.facet_counts(t)))
    topics = keystrokes(lambda text: library.match_topics(text, limit=30), TOPIC_TYPED)
    entities = keystrokes(lambda text: library.find_entities(text, limit=500), ENTITY_TYPED)
    name, mentions, entity = entity_screen(library)
    one_word = [timed_ms(lambda: library.search(ONE_WORD, limit=SEARCH_LIMIT)) for _ in range(ACTION_RUNS)]
    links = library.entity_links()
    return {
        "first_search_ms": first_search,
        "first_match_topics_ms": first_topics,
        "first_find_entities_ms": first_entities,
        "search_ms": search,
        "facet_counts_ms": facet_counts,
        "match_topics_ms": topics,
        "find_entities_ms": entities,
        "entity_matcher_build_ms": matcher_build,
        "entity_name": name,
        "entity_mentions": mentions,
        "entity_ms": entity,
        "one_word_ms": one_word,
        "one_word_hits": library.search(ONE_WORD, limit=SEARCH_LIMIT).total,
        "topic_strings": len(taxonomy_entries(library.enricher.taxonomy))
        + len(library.vocabulary().top_phrases(PHRASE_ENTRIES)),
        "entity_strings": sum(1 + len(e.aliases) for e in links.entities),
    }
