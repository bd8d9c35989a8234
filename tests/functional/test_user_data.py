"""Bookmarks, notes, export, settings and themes, driven from the keyboard."""

from __future__ import annotations

import re
import sqlite3
import webbrowser
from pathlib import Path

import pytest

from search.library import Library
from tests.conftest import SEEDS, TAKAICHI
from tests.functional.conftest import SIZE
from tests.screen import screen_colours, screen_text, toast_text
from tui.app import BriefApp
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.main import MainScreen
from tui.state.bookmarks import Bookmarks
from tui.state.config import load_config
from tui.widgets.reader import Reader


def app_with(index_dir: Path, tmp_path: Path, config_text: str | None = None) -> BriefApp:
    config_path = tmp_path / "config.toml"
    if config_text is not None:
        config_path.write_text(config_text)
    config, problems = load_config(config_path)
    library = Library.open(None, index_dir=index_dir)
    library.entity_links()
    return BriefApp(
        library=library,
        config=config,
        config_path=config_path,
        config_problems=problems,
        bookmarks=Bookmarks.load(tmp_path / "bookmarks.sqlite3"),
    )


async def test_bookmark_an_article_and_go_back_to_it(index_dir: Path, tmp_path: Path) -> None:
    app = app_with(index_dir, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "m")
        await pilot.pause()
        assert "Bookmarked" in screen_text(app)
        await pilot.press("s", *"trump", "down", "m", "escape")  # a search, too (s: from the reader)
        await pilot.press("apostrophe")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        text = screen_text(app)
        assert "Search  trump" in text and "Article Japan's freshly appointed" in text
        await pilot.press("j", "enter")  # the older one: the article
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(Reader).article.id == TAKAICHI
    saved = Bookmarks.load(tmp_path / "bookmarks.sqlite3").items(app.library.corpus_path)
    assert [b.kind for b in saved] == ["article", "search"]


async def test_write_a_note_and_see_it_beside_the_article(index_dir: Path, tmp_path: Path) -> None:
    app = app_with(index_dir, tmp_path)
    async with app.run_test(size=(140, 34), notifications=True) as pilot:
        await pilot.press("enter", "a")
        await pilot.pause()
        await pilot.press(*"Ask about [bold]tariffs[/bold]", "f2")
        await pilot.pause()
        text = screen_text(app)
        assert "YOUR NOTE" in text and "Ask about [bold]tariff" in text  # literally, not bold
    assert (
        Bookmarks.load(tmp_path / "bookmarks.sqlite3")
        .note(app.library.corpus_path, TAKAICHI)
        .startswith("Ask")
    )


async def test_export_search_results_as_a_markdown_brief(index_dir: Path, tmp_path: Path) -> None:
    app = app_with(index_dir, tmp_path)
    target = tmp_path / "brief.md"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash", *"abe")
        await app.workers.wait_for_complete()
        await pilot.press("down", "x", "ctrl+a", "ctrl+k", *str(target), "enter")
        await pilot.pause()
        assert "Exported 1 row(s)" in screen_text(app)
    brief = target.read_text()
    with_abe = [f for f in SEEDS.glob("*.txt") if re.search(r"\bAbe\b", f.read_text())]
    head = f"# Search: abe (all {len(with_abe)} articles)\n\nQuery: abe · 1 of 1 article · Generated "
    assert brief.startswith(head)
    titles = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", brief, re.M)
    assert [(n, t[:30]) for n, t in titles] == [("1", "Japan's freshly appointed lead")]
    assert len(with_abe) == 1 and with_abe[0].name == TAKAICHI
    assert brief.count("**Abe**") == with_abe[0].read_text().count("Abe") == 2


async def test_settings_theme_keymap_and_problems(index_dir: Path, tmp_path: Path) -> None:
    config = 'theme = "nord"\nshape = 3\n[keymap]\n"app.search" = "f5"\n"no.such" = "f6"\n'
    app = app_with(index_dir, tmp_path, config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        text = screen_text(app)
        assert "no.such" in text
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SearchScreen"
        app.theme = "gruvbox"
        await pilot.pause()
    saved = (tmp_path / "config.toml").read_text()
    assert 'theme = "gruvbox"' in saved and "shape = 3" in saved and '"app.search" = "f5"' in saved


async def test_a_broken_config_is_reported_and_defaults_apply(index_dir: Path, tmp_path: Path) -> None:
    app = app_with(index_dir, tmp_path, 'theme = "nord\n')
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "line 1" in screen_text(app)
        assert app.theme == "textual-dark"


async def _colours_of_an_open_article(app: BriefApp) -> set[tuple[int, int, int]]:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "m")  # an article with coloured names, and a toast
        await pilot.pause()
        assert "Bookmarked" in screen_text(app)
        return screen_colours(app)


async def test_no_color_is_respected(index_dir: Path, tmp_path: Path, monkeypatch) -> None:
    coloured = await _colours_of_an_open_article(app_with(index_dir, tmp_path))
    assert any(len(set(rgb)) > 1 for rgb in coloured)  # without NO_COLOR: hues (r, g, b differ)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = await _colours_of_an_open_article(app_with(index_dir, tmp_path / "no-color"))
    assert plain and all(len(set(rgb)) == 1 for rgb in plain), plain  # greys only: no colour


@pytest.mark.parametrize(
    ("url", "opened", "message"),
    [
        (
            "javascript:alert(1)",
            [],
            'Not opening "javascript:alert(1)": only http and https links are opened.',
        ),
        (
            "https://example.org/a",
            ["https://example.org/a"],
            "Opened https://example.org/a in the web browser.",
        ),
    ],
)
async def test_only_http_urls_are_opened(
    index_dir: Path, tmp_path: Path, monkeypatch, url: str, opened: list[str], message: str
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", calls.append)  # every way to the browser, recorded
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.md").write_text(f'---\ntitle: "T"\nurl: "{url}"\n---\n\nBody text here.\n')
    app = BriefApp(
        library=Library.open(tmp_path / "c", index_dir=index_dir),
        bookmarks=Bookmarks.load(tmp_path / "b.sqlite3"),
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "u")
        await pilot.pause()
        assert toast_text(app) == message
    assert calls == opened


async def test_a_bookmark_with_a_bad_saved_view_opens_and_is_reported(
    index_dir: Path, tmp_path: Path
) -> None:
    app = app_with(index_dir, tmp_path)
    corpus = str(app.library.corpus_path)
    with sqlite3.connect(tmp_path / "bookmarks.sqlite3") as db:  # as a hand edit could leave it
        db.execute(
            "INSERT INTO bookmarks VALUES (?, 'search', 'trump', 'trump', ?, '')",
            (corpus, '{"filters": 5, "cursor": "abc"}'),
        )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("apostrophe")
        await pilot.pause()
        text = screen_text(app)
        assert "saved filters has the wrong" in text and "Search  trump" in text
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SearchScreen"
        assert app.screen.query_text == "trump" and app.screen.filters == {}


async def test_a_keymap_cannot_take_away_ctrl_q_and_f1(index_dir: Path, tmp_path: Path) -> None:
    ids = ("app.quit", "app.help", "app.search", "app.topics", "app.back", "list.down")
    config = "[keymap]\n" + "".join(f'"{i}" = "q"\n' for i in ids) + '"app.entities" = "ctrl+q,f1,e"\n'
    app = app_with(index_dir, tmp_path, config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "(quit) and f1 (help) cannot be given to other" in screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running
