from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Input

from tests.conftest import BIDEN, SEEDS, TAKAICHI
from tests.functional.conftest import SIZE, until_indexed
from tests.functional.generated import FILES, LIGHTHOUSE, files_matching
from tests.screen import screen_text
from tests.unit.index.test_query_bytes import corpus_with_a_cafe
from tui.app import BriefApp
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from tui.widgets.facet_list import FacetList
from tui.widgets.hit_list import HitList
from tui.widgets.reader import Reader
from tui.widgets.status import StatusBar


def emphasised(strip: Strip) -> list[str]:
    """The words a line shows in bold on a coloured background (how hits are marked)."""
    return [s.text for s in strip if s.style and s.style.bold and s.style.bgcolor and s.text.strip()]


async def search_for(pilot: Pilot[None], text: str) -> SearchScreen:
    await pilot.press("slash", *text)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_type_a_query_and_see_highlighted_hits(open_fresh, large_folder: Path) -> None:
    app: BriefApp = open_fresh(large_folder)
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(pilot)
        screen = await search_for(pilot, "lighthouse")
        expected = files_matching(large_folder, r"\blighthouse\b")
        assert len(expected) == -(-FILES // LIGHTHOUSE)  # every 7th file, from the first
        assert f"{len(expected)} article(s) match" in screen_text(app)
        hits = screen.query_one(HitList)
        assert sorted(h.id for h in hits.items) == expected
        assert emphasised(hits.render_line(1)) == ["lighthouse"]
        await pilot.press("enter", "enter")  # to the results, then open the first hit
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.id == hits.items[0].id
        current = reader.current
        assert current is not None and reader.article.body[current.start : current.end] == "lighthouse"


async def test_open_a_hit_jump_between_hits_and_come_back(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "trump")
        await pilot.press("enter")  # from the query box, opens the first hit
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        reader = app.screen.query_one(Reader)
        assert reader.has_focus and reader.article is not None and reader.article.id == TAKAICHI
        total = (SEEDS / TAKAICHI).read_text().count("Trump")
        assert total == 8 and reader.current_index == (1, total)
        await pilot.press("n", "n")
        assert reader.current_index == (3, total)
        await pilot.press("N")
        assert reader.current_index == (2, total)
        current = reader.current
        assert current is not None and reader.article.body[current.start : current.end] == "Trump"
        assert "Trump" in emphasised(
            reader.render_line(reader.line_of(current.start) - reader.scroll_offset.y)
        )
        await pilot.press("backspace")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one("#query").value == "trump"
        assert screen.query_one(HitList).cursor == 0
        assert "Takaichi" in screen_text(app)


async def test_back_restores_the_selected_result(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "japan")
        await pilot.press("down", "j", "enter")  # to the results, open the second hit
        await pilot.pause()
        assert app.screen.query_one(Reader).article.id == BIDEN
        await pilot.press("backspace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(HitList).cursor == 1
        await pilot.press("alt+right")  # forward again
        await pilot.pause()
        assert app.screen.query_one(Reader).article.id == BIDEN


async def test_filter_by_a_facet_and_remove_the_chip(make_app, policy_corpus: Path) -> None:
    app: BriefApp = make_app(policy_corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "steel")
        assert "3 article(s) match" in screen_text(app)
        facets = screen.query_one(FacetList)
        facets.focus()
        rows = [(r.facet, r.value, r.count) for r in facets.items]
        assert ("source", "Wire", 2) in rows and ("source", "Daily", 1) in rows
        assert facets.current is not None and facets.current.value == "Wire"  # starts on the first value
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "2 article(s) match" in text and "source: Wire ✕" in text
        assert {h.source for h in screen.query_one(HitList).items} == {"Wire"}
        await pilot.click("#chips Button")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "3 article(s) match" in screen_text(app)
        assert "source: Wire ✕" not in screen_text(app)


async def test_bad_queries_are_explained_and_misspellings_suggested(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, '"missile defense')
        assert "Unbalanced quotes" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"tomahwk")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Did you mean: tomahawk?" in screen_text(app)
        await pilot.click("#suggestion")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 article(s) match" in screen_text(app)


async def test_escape_closes_search(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "abe")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_pasted_query_with_bytes_that_are_not_utf8_is_read_and_explained(
    make_app, tmp_path: Path
) -> None:
    app: BriefApp = make_app(corpus_with_a_cafe(tmp_path / "corpus"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        box = app.screen.query_one("#query", Input)
        box.post_message(events.Paste(b"caf\xe9".decode("utf-8", "surrogateescape")))  # a terminal's paste
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#search-status", StatusBar).render().plain == (
            "1 article(s) match · Part of the query was not valid UTF-8 text; searched for 'café' instead."
        )
        assert [h.id for h in app.screen.query_one(HitList).items] == ["cafe.txt"]
