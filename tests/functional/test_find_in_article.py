"""In the reader: n/N say which hit they are on; / finds text in the article; s searches all."""

from __future__ import annotations

import re

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import TAKAICHI
from tests.functional.conftest import SIZE
from tests.functional.test_search_screen import search_for
from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from tui.widgets.find_bar import FindBar
from tui.widgets.reader import Reader


async def read_top_hit(pilot: Pilot[None], app: BriefApp, query: str) -> Reader:
    """Search for ``query`` and open its top hit: the reader it is shown in."""
    await search_for(pilot, query)
    await pilot.press("enter")
    await pilot.pause()
    return app.screen.query_one(Reader)


async def test_n_and_N_say_which_hit_of_how_many(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await read_top_hit(pilot, app, "trump")
        assert reader.article is not None and reader.article.id == TAKAICHI
        total = reader.article.body.count("Trump")
        await pilot.press("n")
        await pilot.pause()
        assert f"hit 2 of {total}" in screen_text(app)
        await pilot.press("N", "N")
        await pilot.pause()
        assert f"hit {total} of {total}" in screen_text(app)  # wraps round to the last


async def test_slash_in_the_reader_finds_in_the_article_and_s_searches_all(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await read_top_hit(pilot, app, "trump")
        assert reader.article is not None
        expected = len(re.findall("(?i)prime\\s+minister", reader.article.body))
        assert expected >= 2
        await pilot.press("slash", *"prime minister")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # not the corpus search
        assert f"hit 1 of {expected}" in screen_text(app)
        current = reader.current
        assert (
            current is not None
            and reader.article.body[current.start : current.end].lower() == "prime minister"
        )
        await pilot.press("enter", "n")  # back to reading; the next one
        await pilot.pause()
        assert reader.has_focus and f"hit 2 of {expected}" in screen_text(app)
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"zzqx")
        await pilot.pause()
        assert "Not in this article: zzqx" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(FindBar) and reader.has_focus
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_keys_typed_at_once_after_slash_all_reach_the_find_line(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await read_top_hit(pilot, app, "trump")
        for key, character in [("slash", "/"), *((c, c) for c in "tokyo")]:
            app.post_message(events.Key(key, character))  # no pause between them, as a fast typist
        await pilot.pause()
        await pilot.pause()
        bar = app.screen.query_one(FindBar)
        assert bar.query_one(Input).value == "tokyo"
        reader = app.screen.query_one(Reader)
        assert reader.article is not None
        assert bar.where == f"hit 1 of {reader.article.body.lower().count('tokyo')}"
