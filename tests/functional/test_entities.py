from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import BIDEN, TAKAICHI
from tests.functional.conftest import SIZE, until_indexed
from tests.functional.generated import FILES, MINISTER, files_matching
from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.entity import EntityScreen
from tui.screens.entity_index import EntityIndexScreen
from tui.screens.main import MainScreen
from tui.widgets.article_info import ArticleInfo
from tui.widgets.entity_list import EntityList
from tui.widgets.facet_list import FacetList
from tui.widgets.mention_list import MentionList
from tui.widgets.reader import Reader

WIDE = (140, 34)  # the side pane shows from 140 columns


async def test_japan_from_one_article_to_the_other_and_back_twice(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "right_square_bracket")  # open Takaichi–Trump, first name
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.id == TAKAICHI
        start = reader.current
        assert start is not None and reader.article.body[start.start : start.end] == "Japan"
        scroll = reader.scroll_offset.y
        await pilot.press("enter")  # open the entity
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        assert "Japan" in screen_text(app) and "mentions in 2 articles" in screen_text(app)
        mentions = app.screen.query_one(MentionList)
        target = next(i for i, m in enumerate(mentions.items) if m.article_id == BIDEN)
        for _ in range(target):
            await pilot.press("j")
        await pilot.press("enter")  # its mention in the Biden–Kishida article
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.id == BIDEN
        current = reader.current
        assert current is not None and reader.article.body[current.start : current.end].startswith("Japan")
        assert reader.article.body[current.start : current.end] in reader.visible_text
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        assert app.screen.query_one(MentionList).cursor == target
        await pilot.press("backspace")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.id == TAKAICHI
        assert reader.current == start and reader.scroll_offset.y == scroll and reader.has_focus


async def test_side_pane_lists_topics_and_names_and_opens_them(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        text = screen_text(app)
        for expected in ("TOPICS", "Defence spending", "PEOPLE", "Sanae Takaichi", "Shinzo Abe"):
            assert expected in text
        info = app.screen.query_one(ArticleInfo)
        info.focus()
        row = next(i for i, r in enumerate(info.items) if r.label == "Shinzo Abe")
        info.move_to(row)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        text = screen_text(app)
        assert "Shinzo Abe" in text and "Also written: Abe" in text and "assassinated" in text


async def test_the_side_pane_folds_away_at_80_columns(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert not app.screen.query_one(ArticleInfo).display or "PEOPLE" not in screen_text(app)
        await pilot.press("i")
        assert "PEOPLE" in screen_text(app)


async def test_entity_index_filters_fuzzily_by_type_and_sorts(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntityIndexScreen)
        entities = app.screen.query_one(EntityList)
        assert entities.items[0].name == "Japan"
        await pilot.press(*"kishda")
        assert [e.name for e in entities.items][:1] == ["Fumio Kishida"]
        await pilot.press("ctrl+a", "ctrl+k", "f2")  # type: PERSON
        assert {e.label for e in entities.items} == {"PERSON"}
        await pilot.press("f3")  # sort by name
        names = [e.name for e in entities.items]
        assert names == sorted(names, key=str.casefold)
        await pilot.press("enter")  # from the filter box, one press opens the top row
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        assert app.screen.entity.name == names[0]


async def test_names_are_coloured_once_the_background_linking_finishes(index_dir) -> None:
    from search.library import Library

    library = Library.open(None, index_dir=index_dir)  # not warmed up: the app links in a worker
    app = BriefApp(library=library)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert any(m.ref == "person:shinzo-abe" for m in reader.marks)
        assert "PEOPLE" in screen_text(app)


async def test_a_click_on_a_name_opens_its_entity(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        reader = app.screen.query_one(Reader)
        mark = next(m for m in reader.marks if m.ref == "person:shinzo-abe")
        reader.scroll_to_offset(mark.start)
        await pilot.pause()
        line = reader.line_of(mark.start)
        column = mark.start - reader.offset_at(0, line - reader.scroll_offset.y)
        await pilot.click(Reader, offset=(1 + column + 1, line - reader.scroll_offset.y))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen) and app.screen.entity.name == "Shinzo Abe"


async def test_a_name_in_a_large_folder_indexed_from_nothing(open_fresh, large_folder: Path) -> None:
    app: BriefApp = open_fresh(large_folder)
    async with app.run_test(size=WIDE) as pilot:
        await until_indexed(pilot)
        await pilot.press("e", *"volmer")  # misspelt
        await pilot.pause()
        assert isinstance(app.screen, EntityIndexScreen)
        assert app.screen.query_one(EntityList).items[0].name == "Margarethe Vollmer"
        await pilot.press("enter")  # from the filter box, one press opens the top row
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        quoted = files_matching(large_folder, r"\bMargarethe Vollmer\b")
        assert len(quoted) == -(-FILES // MINISTER)
        assert f"{len(quoted)} mentions in {len(quoted)} articles" in screen_text(app)
        mentions = app.screen.query_one(MentionList)
        assert sorted(m.article_id for m in mentions.items) == quoted
        await pilot.press("j", "enter")  # the second mention
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert isinstance(app.screen, MainScreen) and reader.article is not None
        assert reader.article.id == mentions.items[1].article_id
        current = reader.current
        assert (
            current is not None and reader.article.body[current.start : current.end] == "Margarethe Vollmer"
        )
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen) and app.screen.query_one(MentionList).cursor == 1


async def open_entity(pilot: Pilot[None], typed: str) -> None:
    """Type ``typed`` in the entity picker and open its best match, as a user does."""
    await pilot.press("e", *typed, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_names_seen_with_an_entity_are_not_cut_inside_a_tie(make_app) -> None:
    app: BriefApp = make_app()
    mentioned = {(m.label, m.name) for m in app.library.article_mentions(BIDEN)} - {("PERSON", "Joe Biden")}
    assert len(mentioned) > 15  # more names than the list's cap, each seen in Biden's one article
    async with app.run_test(size=WIDE) as pilot:
        await open_entity(pilot, "joe biden")
        assert isinstance(app.screen, EntityScreen) and app.screen.entity.name == "Joe Biden"
        related = app.screen.query_one("#cooccurring", FacetList)
        rows = [(r.value, r.count) for r in related.items if r.value]
        assert len(rows) == len(mentioned) and {n for _, n in rows} == {1}
        names = [related.labels[v] for v, _ in rows]
        assert "Fumio Kishida" in names and "Fumio Kishida" in screen_text(app)
        # Among names in as many articles, those rarer in the corpus come first.
        assert names.index("Fumio Kishida") < names.index("Japan")


async def test_a_tie_too_long_for_the_list_says_how_many_more(make_app, tmp_path: Path) -> None:
    countries = ["France", "Germany", "Italy", "Spain", "Portugal", "Greece", "Austria", "Belgium"]
    countries += ["Denmark", "Sweden", "Norway", "Finland", "Poland", "Hungary", "Ireland", "Iceland"]
    countries += ["Canada", "Mexico", "Brazil", "Chile", "Peru", "Argentina", "Egypt", "Kenya"]
    countries += ["Nigeria", "Ghana", "India", "Pakistan", "Nepal", "Vietnam", "Thailand", "Indonesia"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tour.txt").write_text(
        "Envoy on a long tour\n\nThe envoy Maria Okonkwo visited "
        + ", ".join(countries)
        + " in one month, her office said on Friday.\n",
        encoding="utf-8",
    )
    app: BriefApp = make_app(corpus)
    [article] = app.library.articles()
    names = {m.name for m in app.library.article_mentions(article.id)} - {"Maria Okonkwo"}
    assert len(names) > 30  # every name is in her one article: a tie longer than twice the cap
    async with app.run_test(size=WIDE) as pilot:
        await open_entity(pilot, "okonkwo")
        assert isinstance(app.screen, EntityScreen) and app.screen.entity.name == "Maria Okonkwo"
        related = app.screen.query_one("#cooccurring", FacetList)
        assert len([r for r in related.items if r.value]) == 15
        assert f"names seen with it (15 shown, {len(names) - 15} more not listed)" in screen_text(app)
