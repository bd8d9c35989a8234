"""Fuzzy topic search: typos, word order, prefixes, spelling variants, highlight spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis.topics.fuzzy import MatchEntry, TopicMatch, TopicMatcher, taxonomy_entries
from search.analysis.topics.taxonomy import load_taxonomy

PHRASES = [
    MatchEntry("defending champion", "phrase:defending champion", "phrase"),
    MatchEntry("lower tariffs", "phrase:lower tariffs", "phrase"),
    MatchEntry("us military", "phrase:us military", "phrase"),
    MatchEntry("monetary policy", "phrase:monetary policy", "phrase"),
]


@pytest.fixture(scope="module")
def matcher() -> TopicMatcher:
    return TopicMatcher([*taxonomy_entries(load_taxonomy()), *PHRASES])


def top_ids(matcher: TopicMatcher, query: str, n: int = 3) -> list[str]:
    return [m.topic_id for m in matcher.match(query, limit=n)]


def highlighted(match: TopicMatch) -> list[str]:
    return [match.text[start:end] for start, end in match.matched]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("defence spnding", "defence.spending"),
        ("defense spending", "defence.spending"),
        ("spending defence", "defence.spending"),
        ("military expenditure", "defence.spending"),
        ("missle defence", "defence.missile_defence"),
        ("missile defense", "defence.missile_defence"),
        ("tarrifs", "trade.tariffs"),
        ("intrest rates", "economy.interest_rates"),
        ("climat chang", "environment.climate_change"),
        ("m&a", "economy.mergers"),
        ("nato", "defence.alliances"),
    ],
)
def test_typos_word_order_and_variants_rank_the_topic_first(
    matcher: TopicMatcher, query: str, expected: str
) -> None:
    assert top_ids(matcher, query)[0] == expected


def test_misspelt_military_finds_defence_topics(matcher: TopicMatcher) -> None:
    assert top_ids(matcher, "milatary")[0].startswith("defence")


def test_partial_words_match_prefixes(matcher: TopicMatcher) -> None:
    results = matcher.match("defen", limit=5)
    assert [m.topic_id for m in results[:3]] == ["defence", "defence.missile_defence", "defence.spending"]
    assert all(text.lower() == "defen" for m in results[:3] for text in highlighted(m))
    assert top_ids(matcher, "tarif", 1) == ["trade.tariffs"]


def test_whole_words_beat_prefixes_of_longer_words(matcher: TopicMatcher) -> None:
    labour = matcher.match("labour", limit=10)
    ids = [m.topic_id for m in labour]
    assert ids[0] == "labour"
    assert ids.index("labour") < ids.index("technology.science")  # "laboratory"


def test_british_and_american_spellings_find_each_other(matcher: TopicMatcher) -> None:
    program = matcher.match("programme", limit=10)
    assert any(m.text == "nuclear program" for m in program)
    defense = matcher.match("defense budget", limit=1)[0]
    assert defense.topic_id == "defence.spending"
    assert defense.score == 100.0


def test_one_result_per_topic_best_first(matcher: TopicMatcher) -> None:
    for query in ("d", "defence"):
        results = matcher.match(query, limit=20)
        ids = [m.topic_id for m in results]
        assert len(ids) == len(set(ids)) >= 5
        scores = [m.score for m in results]
        assert scores == sorted(scores, reverse=True)
    assert len(matcher.match("d", limit=20)) == 20
    assert len(matcher.match("defence", limit=3)) == 3


def test_label_wins_a_tie_with_its_aliases(matcher: TopicMatcher) -> None:
    best = matcher.match("defence spending", limit=1)[0]
    assert (best.topic_id, best.kind, best.text, best.score) == (
        "defence.spending",
        "label",
        "Defence spending",
        100.0,
    )


def test_matched_spans_cover_the_matching_words(matcher: TopicMatcher) -> None:
    best = matcher.match("defence spnding", limit=1)[0]
    assert highlighted(best) == ["Defence", "spending"]
    missile = matcher.match("missle defence", limit=1)[0]
    assert highlighted(missile) == ["Missile", "defence"]
    reordered = matcher.match("spending defence", limit=1)[0]
    assert reordered.matched == ((0, 7), (8, 16))


def test_discovered_phrases_are_matched_too(matcher: TopicMatcher) -> None:
    results = matcher.match("defending champ", limit=1)
    assert [(m.topic_id, m.kind) for m in results] == [("phrase:defending champion", "phrase")]


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-", "\x00"])
def test_queries_without_words_match_nothing(matcher: TopicMatcher, query: str) -> None:
    assert matcher.match(query) == []


def test_limit_zero_and_no_entries() -> None:
    assert TopicMatcher([MatchEntry("trade", "trade", "label")]).match("trade", limit=0) == []
    assert TopicMatcher([]).match("trade") == []
    assert TopicMatcher([MatchEntry("--", "x", "phrase")]).match("x") == []


def test_matching_is_deterministic(matcher: TopicMatcher) -> None:
    assert matcher.match("d", limit=20) == matcher.match("d", limit=20)


KEYS = st.sampled_from(["a", "b", "c.d"])
KINDS = st.sampled_from(["label", "alias", "keyword", "phrase"])
ENTRIES = st.lists(st.builds(MatchEntry, st.text(max_size=40), KEYS, KINDS), max_size=12)


def check(results: list[TopicMatch], limit: int) -> None:
    assert len(results) <= limit
    assert len({m.topic_id for m in results}) == len(results)
    for m in results:
        previous_end = 0
        for start, end in m.matched:
            assert previous_end <= start < end <= len(m.text)
            previous_end = end


@settings(max_examples=200, deadline=None)
@given(query=st.text(max_size=60), limit=st.integers(min_value=0, max_value=25))
def test_match_never_raises_and_spans_lie_in_the_text(matcher: TopicMatcher, query: str, limit: int) -> None:
    check(matcher.match(query, limit=limit), limit)


@settings(max_examples=200, deadline=None)
@given(entries=ENTRIES, query=st.text(max_size=30))
def test_any_entries_and_query(entries: list[MatchEntry], query: str) -> None:
    check(TopicMatcher(entries).match(query, limit=5), 5)
