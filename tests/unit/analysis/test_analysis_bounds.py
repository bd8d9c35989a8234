"""Analysis is linear and bounded: hostile shapes of text analyse in seconds, never recurse
deeply, and one article never takes longer than its time budget."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from search.analysis import budget
from search.analysis.enrich import ANALYSIS_BUDGET, Enricher, Extras
from search.model import Article, Block

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    made = Enricher([], [])
    made.extras(article("Warm up: Tokyo and Osaka."))  # builds the scorer and the word lists
    return made


def article(body: str, title: str = "t") -> Article:
    return Article(id="a", path="a.txt", title=title, body=body, blocks=[Block(0, len(body))])


def timed(enricher: Enricher, body: str) -> tuple[float, Extras]:
    """CPU seconds (this machine is shared: wall time measures the neighbours) and the result."""
    start = time.process_time()
    extras = enricher.extras(article(body), budget=math.inf)
    return time.process_time() - start, extras


def caps_press_release(words: int) -> str:
    """The seed articles in capitals, paragraph by paragraph, until ``words`` words."""
    paragraphs = [
        line.upper()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out: list[str] = []
    count = 0
    for paragraph in iter_forever(paragraphs):
        out.append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            return "\n".join(out)
    raise AssertionError("unreachable")


def iter_forever(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def test_a_line_of_300000_capitalised_words_analyses_in_seconds(enricher: Enricher) -> None:
    seconds, extras = timed(enricher, "Tokyo " * 300_000)
    assert seconds < 10
    assert extras.notes == []
    assert len(extras.mentions) == 300_000
    assert {(m.name, m.label) for m in extras.mentions} == {("Tokyo", "GPE")}


def test_an_all_caps_article_of_5000_words_analyses_in_seconds(enricher: Enricher) -> None:
    body = caps_press_release(5_000)
    assert len(body.split()) >= 5_000
    seconds, extras = timed(enricher, body)
    assert seconds < 10
    assert extras.notes == []
    assert "Tokyo" in {m.name for m in extras.mentions}


def best_of(runs: int, enricher: Enricher, body: str) -> float:
    """Best CPU time of ``runs``, without the cycle collector (its pauses depend on the whole
    process's objects, not on this work)."""
    gc.collect()
    gc.disable()
    try:
        return min(timed(enricher, body)[0] for _ in range(runs))
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "unit",
    [
        "Tokyo ",
        "Smith and Jones and ",
        "President Smith Minister Sato ",
        "BANK OF JAPAN GOVERNOR ",
        "Leeds 2 Newcastle 1 ",
    ],
)
def test_time_grows_linearly_with_the_length(enricher: Enricher, unit: str) -> None:
    n = 12_000 // len(unit.split())
    small, large = best_of(3, enricher, unit * n), best_of(3, enricher, unit * 4 * n)
    # four times the text: linear work takes 4 times as long, quadratic 16 times (the margin is
    # for a shared machine, where even CPU time varies with the neighbours)
    assert large < 8 * small, (small, large)


def test_a_thousand_joins_do_not_recurse(enricher: Enricher) -> None:
    body = " and ".join(["Smith", "Jones"] * 500) + " met in Paris."
    _, extras = timed(enricher, body)
    assert extras.notes == []
    names = {m.name for m in extras.mentions}
    assert {"Smith", "Jones", "Paris"} <= names


def test_a_titled_list_of_1200_words_does_not_recurse(enricher: Enricher) -> None:
    body = "President Smith Minister Sato " * 300
    seconds, extras = timed(enricher, body)
    assert seconds < 10
    people = {(m.name, m.context) for m in extras.mentions if m.label == "PERSON"}
    assert {("Smith", "President"), ("Sato", "Minister")} <= people


class FakeClock:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0
        self.reads = 0

    def __call__(self) -> float:
        self.now += 1.0
        self.reads += 1
        return self.now


def test_past_the_budget_an_article_keeps_terms_and_topics_but_no_names(
    enricher: Enricher, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(budget.time, "monotonic", clock)
    body = "The central bank raised interest rates again. Tokyo and Osaka. " * 2_000
    extras = enricher.extras(article(body, title="Bank raises interest rates"), budget=ANALYSIS_BUDGET)
    assert extras.notes == [f"names not extracted: analysis stopped after {ANALYSIS_BUDGET:g} s"]
    assert extras.mentions == [] and extras.facets["entity"] == []
    assert "interest" in extras.terms["body"]
    assert extras.stored["topics"] and extras.facets["topic"]
    # Stopped inside the scan, a few chains after the deadline, not after the whole text.
    assert clock.reads <= ANALYSIS_BUDGET + 3


def test_within_the_budget_there_is_no_note(enricher: Enricher) -> None:
    extras = enricher.extras(article("Prime Minister Fumio Kishida met Joe Biden in Tokyo."))
    assert extras.notes == []
    assert {"Fumio Kishida", "Joe Biden", "Tokyo"} <= set(extras.facets["entity"])
