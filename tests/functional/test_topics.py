from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.conftest import BIDEN, SEEDS, TAKAICHI
from tests.functional.conftest import SIZE, until_indexed
from tests.functional.generated import DEFENCE, FILES, files_matching, write_club_folder
from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from tui.screens.topic import TopicScreen
from tui.screens.topic_palette import HINT, TopicPalette
from tui.widgets.hit_list import HitList
from tui.widgets.reader import Reader
from tui.widgets.topic_list import TopicMatchList


async def test_a_misspelt_topic_in_the_palette_opens_the_right_article(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"missle defence")
        await pilot.pause()
        assert isinstance(app.screen, TopicPalette)
        text = screen_text(app)
        assert "Missile defence" in text.split("\n")[8] or "Missile defence" in text
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        assert "Missile defence" in screen_text(app)
        assert [h.id for h in app.screen.query_one(HitList).items] == [BIDEN]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.id == BIDEN
        current = reader.current
        assert current is not None and reader.article.body[current.start : current.end] == "missile defense"
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)


async def test_topic_from_the_command_palette(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"defence spnding")
        await pilot.pause(0.5)
        assert "Defence spending" in screen_text(app)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        assert [h.id for h in app.screen.query_one(HitList).items] == [TAKAICHI]


async def test_escape_closes_the_palette_and_typed_text_can_fall_back_to_search(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("t", *"tomahawk")  # a word of one article, and of no topic
        await pilot.pause()
        assert isinstance(app.screen, TopicPalette) and app.screen.query_one(TopicMatchList).items == []
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query").value == "tomahawk"
        with_word = [f.name for f in SEEDS.glob("*.txt") if "tomahawk" in f.read_text().lower()]
        assert with_word == [TAKAICHI]
        assert f"{len(with_word)} article(s) match" in screen_text(app)
        assert [h.id for h in app.screen.query_one(HitList).items] == with_word


async def test_a_weak_match_in_the_palette_is_shown_and_enter_searches_the_text(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"brexit")
        await pilot.pause()
        assert isinstance(app.screen, TopicPalette)
        hint = str(app.screen.query_one("#topic-hint", Static).render())
        assert hint == "No close topic: the closest topic, 'Awards', has no articles; Enter searches the text"
        await pilot.press(*["backspace"] * 6, *"spase")  # a weak match for a topic with articles
        hint = str(app.screen.query_one("#topic-hint", Static).render())
        assert hint == "No close topic: weak match for 'spase': 'Space' (80/100); Enter searches the text"
        await pilot.press(*["backspace"] * 5, *"brexit")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, (TopicPalette, TopicScreen))
        assert "brexit" in screen_text(app)


async def test_a_word_of_the_corpus_is_finished_so_a_longer_name_it_starts_is_weak(
    make_app, tmp_path: Path
) -> None:
    """As `brief-tui topic lamp` says: typed key by key, "lamp" (a word of an article) is only a weak
    match for "frank lampard", shown as weak, and Enter searches the word; "lampar" (no article's
    word) is still being typed, and opens the phrase."""
    root = write_club_folder(tmp_path / "club")
    app: BriefApp = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"lamp")
        await pilot.pause()
        assert isinstance(app.screen, TopicPalette)
        hint = str(app.screen.query_one("#topic-hint", Static).render())
        assert hint == (
            "No close topic: weak match for 'lamp': 'frank lampard' (76/100); Enter searches the text"
        )
        assert app.screen.query_one(TopicMatchList).items[0].key == "frank lampard"  # listed, not opened
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query").value == "lamp"
        with_lamp = files_matching(root, r"\blamp\b", "*.txt")
        assert [h.id for h in app.screen.query_one(HitList).items] == with_lamp == ["shop.txt"]
        await pilot.press("escape", "t", *"lampar")
        await pilot.pause()
        assert isinstance(app.screen, TopicPalette)
        assert str(app.screen.query_one("#topic-hint", Static).render()) == HINT
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query").value == '"frank lampard"'
        hits = sorted(h.id for h in app.screen.query_one(HitList).items)
        assert hits == files_matching(root, r"\bfrank lampard\b", "*.txt")


async def test_a_misspelt_topic_in_a_large_folder_indexed_from_nothing(
    open_fresh, large_folder: Path
) -> None:
    app: BriefApp = open_fresh(large_folder)
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(pilot)
        await pilot.press("t", *"defence spnding", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        about = files_matching(large_folder, r"\bdefence budget\b")
        assert len(about) == -(-FILES // DEFENCE)
        assert f"{len(about)} article(s) about this topic" in screen_text(app)
        hits = app.screen.query_one(HitList).items
        assert sorted(h.id for h in hits) == about
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert isinstance(app.screen, MainScreen) and reader.article is not None
        assert reader.article.id == hits[0].id
