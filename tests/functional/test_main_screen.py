from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from search.index.pipeline import POOL_MIN_FILES
from tests.functional.conftest import SIZE, until_indexed
from tests.screen import screen_text, toast_text, wait_until
from tui.app import BriefApp
from tui.screens.load_report import LoadReportScreen
from tui.screens.search import SearchScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader


async def test_open_a_large_folder_from_nothing_and_read_the_second_article(open_fresh, large_folder) -> None:
    files = sorted(large_folder.glob("*.md"))
    assert len(files) >= POOL_MIN_FILES  # the worker pool indexes it
    app = open_fresh(large_folder)
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(pilot, len(files))
        rows = app.screen.query_one(ArticleList).items
        assert len(rows) == len(files)
        assert sorted(r.id for r in rows) == [f.name for f in files]
        await pilot.press("j", "enter")
        await pilot.pause()
        second = rows[1].id
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.id == second
        first_sentence = (large_folder / second).read_text().split("---\n\n", 1)[1].split("\n")[0]
        assert first_sentence.startswith("The harbour board of ")
        assert first_sentence in " ".join(reader.visible_text.split())
        assert f"Harbour board meeting {second[8:11]}" in screen_text(app)


async def test_enter_moves_to_the_reader_which_scrolls_with_j_and_tab_goes_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 16)) as pilot:
        await pilot.press("enter")
        reader = app.screen.query_one(Reader)
        assert reader.has_focus
        await pilot.press("j", "j", "j")
        assert reader.scroll_offset.y == 3
        await pilot.press("tab")
        assert app.screen.query_one(ArticleList).has_focus


async def test_article_text_is_shown_literally(make_app, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        "[bold]Not bold[/bold] and [@click=app.quit]click[/] and [link=http://x]l[/link].\n"
        "Escape \x1b[2J here and a bell \x07 there.\n"
    )
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_text(app)
        assert "[bold]Not bold[/bold] and [@click=app.quit]click[/]" in screen
        assert "Escape  here and a bell  there." in screen
        assert app.is_running


async def test_the_app_opens_the_seeds_by_itself(index_dir: Path) -> None:
    app = BriefApp(index_dir=index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2 articles from 2 files" in screen_text(app)
        await pilot.press("ctrl+q")
    assert not app.is_running


async def test_a_missing_corpus_is_reported_not_raised(index_dir: Path) -> None:
    app = BriefApp(corpus="/no/such/place", index_dir=index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "no such file or folder" in screen_text(app)


async def test_the_app_opens_the_existing_index_then_updates_it(seeds: Path, index_dir: Path) -> None:
    from search.library import Library

    Library.open(seeds, index_dir=index_dir).close()
    (seeds / "new.txt").write_text("Zanzibar ferry plans announced.\nThe port expands.")
    app = BriefApp(corpus=seeds, index_dir=index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "3 articles from 3 files" in screen_text(app)
        assert app.library is not None and app.library.stats is not None and app.library.stats.reindexed == 1


async def test_the_key_bar_shows_the_keys_of_what_has_focus_and_runs_a_clicked_one(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bottom = screen_text(app).splitlines()[-1]
        assert "Switch pane" in bottom and bottom.rstrip().endswith("^p palette")
        assert "Next hit" not in bottom  # the reader's, which has no focus
        await pilot.press("tab")
        await pilot.pause()
        bottom = screen_text(app).splitlines()[-1]
        assert "Next hit" in bottom and bottom.rstrip().endswith("^p palette")
        assert isinstance(app.focused, Reader)
        assert bottom.rstrip().endswith("f1 Help  ^p palette")
        await pilot.click(offset=(bottom.index("tab Switch pane") + 1, SIZE[1] - 1))
        await pilot.pause()
        assert isinstance(app.focused, ArticleList)  # as if tab was pressed
        await pilot.click(offset=(SIZE[0] - 3, SIZE[1] - 1))  # "^p palette", on the right
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


async def test_back_with_nowhere_to_go_says_so_and_the_breadcrumb_shows_the_way(
    make_app, monkeypatch
) -> None:
    app = make_app()
    asked: list[tuple[str, float | None]] = []  # each note and how long Textual is asked to show it
    notify = app.notify

    def recorded(message: str, **options: Any) -> None:
        asked.append((message, options.get("timeout")))
        notify(message, **options)

    monkeypatch.setattr(app, "notify", recorded)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert not screen_text(app).splitlines()[1].lstrip().startswith("◀")
        await pilot.press("backspace")
        await pilot.pause()
        assert toast_text(app) == "Nothing to go back to."
        assert asked == [("Nothing to go back to.", 2)]  # a passing note: two seconds (Textual's default: 5)
        await wait_until(pilot, lambda: toast_text(app) == "", 10, "the note goes by itself")
        await pilot.press("slash", *"abe")
        await app.workers.wait_for_complete()
        await pilot.pause()
        crumbs = screen_text(app).splitlines()[1].strip()
        assert crumbs.startswith("◀ ") and not crumbs.endswith("▶")
        await pilot.press("escape")
        await pilot.pause()
        assert screen_text(app).splitlines()[1].rstrip().endswith("▶")


async def test_places_replace_each_other_above_the_list_and_the_palette_goes_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"abe")
        await app.workers.wait_for_complete()
        await pilot.press("down", "R")  # from the results to the load report
        await pilot.pause()
        assert isinstance(app.screen, LoadReportScreen) and len(app.screen_stack) == 2  # no pile
        await pilot.press("ctrl+p", *"Back", "enter")  # the palette's Back (run from above the report)
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and len(app.screen_stack) == 2
        assert app.screen.query_one("#query", Input).value == "abe"
