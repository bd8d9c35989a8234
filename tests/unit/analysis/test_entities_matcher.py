"""Fuzzy entity search: exact names, typos, prefixes while typing, aliases, word order, ties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.utils import default_process

from search.analysis.entities.matcher import EntityMatcher

ENTITIES = [  # (name, aliases, mentions): most mentioned first, as the entity links keep them
    ("United States", ("U.S.", "US", "American", "America"), 900),
    ("Japan", ("Japanese", "Nippon"), 600),
    ("United Kingdom", ("UK", "Britain"), 500),
    ("Tokyo Stock Exchange", ("TSE",), 300),
    ("Margaret Thatcher", ("Thatcher", "Mrs Thatcher"), 250),
    ("Ronald Reagan", ("Reagan",), 240),
    ("United Nations", ("UN",), 200),
    ("Bank of Japan", ("BOJ",), 150),
    ("Paul Volcker", ("Volcker",), 120),
    ("Adam Smith", (), 90),
    ("Tokyo", (), 80),
    ("Unilever", (), 60),
    ("Shinzo Abe", ("Abe",), 50),
    ("John Smith", (), 40),
    ("Bank of Jamaica", (), 20),
    ("Thatcher Glass", (), 10),
    ("Reagan Administration", (), 8),
    ("J J Abrams", (), 4),
]
NAMES = [name for name, _, _ in ENTITIES]


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    return build(ENTITIES)


def build(entities: list[tuple[str, tuple[str, ...], int]]) -> EntityMatcher:
    """As ``Library.find_entities`` builds it: processed names and aliases, with their entity's number."""
    texts = [
        (default_process(text), i)
        for i, (name, aliases, _) in enumerate(entities)
        for text in (name, *aliases)
    ]
    return EntityMatcher([text for text, _ in texts], [owner for _, owner in texts])


def top(matcher: EntityMatcher, query: str, n: int = 3) -> list[str]:
    return [NAMES[owner] for owner, _ in matcher.match(query, limit=n)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("japan", "Japan"),
        ("Bank of Japan", "Bank of Japan"),
        ("tokyo", "Tokyo"),  # the exact name beats a more mentioned longer one
        ("thatcher glass", "Thatcher Glass"),
        ("reagan administration", "Reagan Administration"),
    ],
)
def test_the_exact_name_comes_first(matcher: EntityMatcher, query: str, expected: str) -> None:
    assert top(matcher, query)[0] == expected
    assert matcher.match(query, limit=1)[0][1] == 100.0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thatchr", "Margaret Thatcher"),
        ("reagn", "Ronald Reagan"),
        ("volker", "Paul Volcker"),
        ("bank of japn", "Bank of Japan"),
        ("untied kingdom", "United Kingdom"),
        ("margret thacher", "Margaret Thatcher"),
    ],
)
def test_a_misspelt_name_is_found(matcher: EntityMatcher, query: str, expected: str) -> None:
    assert top(matcher, query)[0] == expected


@pytest.mark.parametrize("typed", ["thatcher", "reagan", "volcker", "united kingdom"])
def test_every_keystroke_of_a_name_finds_it(matcher: EntityMatcher, typed: str) -> None:
    entity = top(matcher, typed, 1)[0]
    for n in range(3, len(typed) + 1):
        assert entity in top(matcher, typed[:n]), typed[:n]


def test_a_word_being_typed_matches_as_a_prefix(matcher: EntityMatcher) -> None:
    assert top(matcher, "bank of ja", 2) == ["Bank of Japan", "Bank of Jamaica"]
    uni = top(matcher, "uni", 10)
    assert uni[:3] == ["United States", "United Kingdom", "United Nations"]  # most mentioned first
    assert "Unilever" in uni
    assert top(matcher, "united st", 1) == ["United States"]


def test_a_first_letter_lists_the_most_mentioned_names_with_a_word_starting_with_it(
    matcher: EntityMatcher,
) -> None:
    assert top(matcher, "j", 2) == ["Japan", "Bank of Japan"]
    assert top(matcher, "j ", 1) == ["J J Abrams"]  # a finished "j" is a word: an initial


def test_a_finished_word_prefers_the_names_it_covers(matcher: EntityMatcher) -> None:
    assert top(matcher, "uni ", 1) == ["Unilever"]  # no longer a prefix of more words to come
    scores = dict(matcher.match("japan", limit=10))
    assert scores[NAMES.index("Japan")] > scores[NAMES.index("Bank of Japan")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("U.S.", "United States"), ("us", "United States"), ("boj", "Bank of Japan"), ("nippon", "Japan")],
)
def test_aliases_find_their_entity(matcher: EntityMatcher, query: str, expected: str) -> None:
    assert top(matcher, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("abe shinzo", "Shinzo Abe"), ("volcker paul", "Paul Volcker"), ("japan of bank", "Bank of Japan")],
)
def test_word_order_does_not_matter(matcher: EntityMatcher, query: str, expected: str) -> None:
    assert top(matcher, query)[0] == expected
    assert matcher.match(query, limit=1)[0][1] == 100.0


def test_a_tie_goes_to_the_most_mentioned(matcher: EntityMatcher) -> None:
    assert top(matcher, "smith", 2) == ["Adam Smith", "John Smith"]
    reversed_numbers = EntityMatcher(["john smith", "adam smith"], [1, 0])
    assert [owner for owner, _ in reversed_numbers.match("smith")] == [0, 1]


def test_one_result_per_entity_best_first(matcher: EntityMatcher) -> None:
    for query in ("u", "us", "thatcher", "bank"):
        found = matcher.match(query, limit=50)
        owners = [owner for owner, _ in found]
        assert len(owners) == len(set(owners)) > 0
        scores = [score for _, score in found]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < score <= 100 for score in scores)
    assert len(matcher.match("u", limit=2)) == 2
    assert matcher.match("japan", limit=0) == []


def test_nothing_like_it_matches_nothing(matcher: EntityMatcher) -> None:
    assert matcher.match("zzzzqqq") == []


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-", ".", "\x00", "_"])
def test_queries_without_words_match_nothing(matcher: EntityMatcher, query: str) -> None:
    assert matcher.match(query) == []


def test_keeping_the_last_query_changes_no_result(matcher: EntityMatcher) -> None:
    for typed in ("bank of japn", "abe shinzo", "united states "):
        for n in range(1, len(typed) + 1):
            assert matcher.match(typed[:n], limit=20) == build(ENTITIES).match(typed[:n], limit=20)


def test_no_names() -> None:
    assert EntityMatcher([], []).match("japan") == []
    assert EntityMatcher(["", "--"], [0, 1]).match("japan") == []


def test_a_name_of_filler_words_only_can_match() -> None:
    assert EntityMatcher(["the the", "of"], [0, 1]).match("the") == [(0, 100.0)]


def check(found: list[tuple[int, float]], limit: int, entities: int) -> None:
    assert len(found) <= limit
    owners = [owner for owner, _ in found]
    assert len(owners) == len(set(owners)) and all(0 <= owner < entities for owner in owners)
    assert all(0 <= score <= 100 for _, score in found)


@settings(max_examples=200, deadline=None)
@given(query=st.text(max_size=80), limit=st.integers(min_value=0, max_value=30))
def test_match_never_raises(matcher: EntityMatcher, query: str, limit: int) -> None:
    check(matcher.match(query, limit=limit), limit, len(ENTITIES))


@settings(max_examples=25, deadline=None)
@given(word=st.text(min_size=1, max_size=40), times=st.integers(min_value=50, max_value=400))
def test_a_very_long_query_never_raises(matcher: EntityMatcher, word: str, times: int) -> None:
    check(matcher.match(" ".join([word] * times) + word * times, limit=500), 500, len(ENTITIES))


@settings(max_examples=200, deadline=None)
@given(names=st.lists(st.text(max_size=40), max_size=12), query=st.text(max_size=30))
def test_any_names_and_query(names: list[str], query: str) -> None:
    owners = [i // 2 for i in range(len(names))]
    check(EntityMatcher(names, owners).match(query, limit=5), 5, len(names))
