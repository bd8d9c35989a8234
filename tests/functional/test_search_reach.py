"""The search screen as issue 13 asks: every result reachable, Enter opens, queries recalled,
the query language's answers and notices on screen."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.functional.conftest import SIZE
from tests.functional.test_search_screen import search_for
from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.main import MainScreen
from tui.screens.search import RESULT_LIMIT, SearchScreen
from tui.widgets.hit_list import HitList
from tui.widgets.reader import Reader
from tui.widgets.status import StatusBar

HARBOUR = 130  # articles that say "harbour"; every third of them also says "ferry"
FERRIES = len(range(0, HARBOUR, 3))


@pytest.fixture
def harbour_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "harbour"
    root.mkdir()
    for n in range(HARBOUR):
        ferry = " A ferry called at noon." if n % 3 == 0 else ""
        (root / f"port-{n:03d}.txt").write_text(
            f"Port report {n}\n\nThe harbour was calm on day {n}.{ferry}\n"
        )
    (root / "inland.txt").write_text("Inland report\n\nNo water here, only wheat and a ferry timetable.\n")
    return root


async def until(pilot: Pilot[None], done: Callable[[], bool], rounds: int = 40) -> None:
    """Let the app run its workers and messages until ``done()`` (or ``rounds`` rounds: the
    assertions after it then say what is missing)."""
    for _ in range(rounds):
        if done():
            return
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


def status(screen: SearchScreen) -> str:
    """The search screen's status line, as shown."""
    return str(screen.query_one("#search-status", StatusBar).render()).strip()


async def test_the_list_says_how_many_of_how_many_and_loads_more_as_you_go(make_app, harbour_corpus) -> None:
    app: BriefApp = make_app(harbour_corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "harbour")
        hits = screen.query_one(HitList)
        assert len(hits.items) == RESULT_LIMIT
        assert f"{RESULT_LIMIT} of {HARBOUR} articles" in screen_text(app)
        await pilot.press("down")  # into the results
        for _ in range(3):  # to the end of what is listed, page after page
            await pilot.press("G")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert len(hits.items) == HARBOUR
        assert len({h.id for h in hits.items}) == HARBOUR
        assert f"{HARBOUR} article(s) match" in screen_text(app)


async def test_enter_in_the_query_box_opens_the_top_result(make_app, harbour_corpus) -> None:
    app: BriefApp = make_app(harbour_corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"ferry harbour", "enter")  # before the results are in, even
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        article = app.screen.query_one(Reader).article
        assert article is not None and "ferry" in article.body and "harbour" in article.body


async def test_words_are_all_required_and_minus_leaves_one_out(make_app, harbour_corpus) -> None:
    app: BriefApp = make_app(harbour_corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "ferry harbour")
        assert f"{FERRIES} article(s) match" in screen_text(app)
        await pilot.press(*" -ferry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#query").value == "ferry harbour -ferry"
        text = screen_text(app)  # nothing has ferry and not ferry: harbour or ferry, without ferry
        assert f"50 of {HARBOUR - FERRIES} articles · No article has all of these words" in text
        await pilot.press("ctrl+a", "ctrl+k", *"harbour -ferry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert status(screen) == f"50 of {HARBOUR - FERRIES} articles"


async def test_when_no_article_has_every_word_the_any_word_ones_show_with_a_notice(
    make_app, harbour_corpus
) -> None:
    app: BriefApp = make_app(harbour_corpus)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "wheat harbour")
        text = screen_text(app)
        assert f"50 of {HARBOUR + 1} articles" in text
        assert "No article has all of these words; showing those with any of them." in text


async def test_a_word_found_nowhere_says_so_and_suggests_one(make_app, harbour_corpus) -> None:
    app: BriefApp = make_app(harbour_corpus)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "harbuor")
        text = screen_text(app)
        assert "No article matches harbuor" in text
        assert "Did you mean: harbour?" in text
        await pilot.press("enter")  # nothing to open: it stays, and opens nothing later either
        await pilot.click("#suggestion")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert f"50 of {HARBOUR} articles" in screen_text(app)


async def test_up_and_down_recall_earlier_queries_across_runs(make_app, harbour_corpus) -> None:
    app: BriefApp = make_app(harbour_corpus)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "ferry")
        await pilot.press("enter")  # opens the top hit: the query is remembered
        await pilot.pause()
        await pilot.press("s", *"wheat")  # (in the reader, / finds in the article; s searches all)
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
    app = make_app(harbour_corpus)  # another run on the same corpus
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "calm")
        query = screen.query_one("#query")
        await pilot.press("up")
        assert query.value == "wheat"
        await pilot.press("up")
        assert query.value == "ferry"
        await pilot.press("up")  # nothing older
        assert query.value == "ferry"
        await pilot.press("down", "down")  # newer, then what was being typed
        assert query.value == "calm"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 article(s) match" not in screen_text(app)  # "calm" again: every port report
        await pilot.press("down")  # past the newest: into the results, as before
        assert screen.query_one(HitList).has_focus


async def test_x_exports_every_match_not_only_those_listed(make_app, harbour_corpus, tmp_path) -> None:
    app: BriefApp = make_app(harbour_corpus)
    target = tmp_path / "all.json"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await search_for(pilot, "harbour")
        await pilot.press("down", "x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"Search: harbour (all {HARBOUR} articles)" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and app.screen is screen
    exported = json.loads(target.read_text())
    assert len(exported["articles"]) == HARBOUR


async def test_back_to_a_result_far_down_the_list_puts_the_cursor_on_it(make_app, harbour_corpus) -> None:
    app: BriefApp = make_app(harbour_corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "harbour")
        await pilot.press("down", "G")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = screen.query_one(HitList)
        hits.move_to(RESULT_LIMIT + 10)
        chosen = hits.current
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("backspace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(HitList)
        assert hits.cursor == RESULT_LIMIT + 10 and hits.current is not None and chosen is not None
        assert hits.current.id == chosen.id  # (its snippets come when its row is drawn)


async def test_snippets_come_for_the_rows_in_view_as_they_scroll_into_view(make_app, harbour_corpus) -> None:
    app: BriefApp = make_app(harbour_corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "harbour")
        hits = screen.query_one(HitList)
        in_view = hits.scrollable_content_region.height // HitList.ROW_HEIGHT
        await until(pilot, lambda: all(h.snippets for h in hits.items[:in_view]))
        first, far = hits.items[0], hits.items[40]
        assert [first.snippets[0].text[a:b] for a, b in first.snippets[0].highlights] == ["harbour"]
        assert f"The harbour was calm on day {first.title[12:]}" in screen_text(app)
        assert all(h.snippets for h in hits.items[:in_view])
        assert far.snippets == () and all(h.snippets == () for h in hits.items[in_view + 3 :])
        await pilot.press("down")  # into the results
        hits.move_to(40)
        await until(pilot, lambda: bool(hits.items[40].snippets))
        assert hits.items[40].id == far.id
        assert hits.items[40].snippets[0].text == f"{far.title} The harbour was calm on day {far.title[12:]}"
        assert f"The harbour was calm on day {far.title[12:]}" in screen_text(app)
