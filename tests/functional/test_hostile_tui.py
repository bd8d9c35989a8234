"""Hostile input in the TUI: text is shown literally, nothing reaches the terminal, nothing hangs."""

from __future__ import annotations

import time
from pathlib import Path

from search.corpus.loader import build_articles, read_file
from tests.functional.conftest import SIZE
from tests.screen import screen_text, toast_text, wait_until
from tests.unit.reliability.support import (
    LOADED,
    REPAIRED,
    TWO_MB,
    build_corpus,
    controls_in,
    deadline,
    hostile_cases,
)
from tui.app import BriefApp
from tui.screens.load_report import LoadReportScreen
from tui.widgets.reader import MAX_PARAGRAPH_CHARS, Reader

# Files whose text needed a repair (a bell removed): the load report names each file.
NAMES = {
    "new\nline.txt": "new line.txt",
    "esc\x1b[2J\x07bell.txt": "esc\ufffd[2J\ufffdbell.txt",
    "c1\x9b\x85name.txt": "c1\ufffd\ufffdname.txt",
    "tab\tname.txt": "tab name.txt",
    "[bold]x [@click=app.quit]q.txt": "[bold]x [@click=app.quit]q.txt",
    "naïve café ☕.txt": "naïve café ☕.txt",
}


def _assert_clean(screen: str) -> None:
    assert controls_in(screen) == [], controls_in(screen)


async def test_file_names_are_shown_on_one_line_literally(make_app, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, name in enumerate(NAMES):
        (corpus / name).write_text(f"Article {'ABCDEF'[n]} rang a bell\x07 today.\n")
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        _assert_clean(screen_text(app))
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, LoadReportScreen)
        screen = screen_text(app)
        _assert_clean(screen)
        rows = [line.strip() for line in screen.splitlines()]
        for shown in NAMES.values():  # each name whole on its own row of the report
            assert any(row.startswith(f"repaired  {shown}  ") for row in rows), shown
        assert app.is_running


async def test_markup_escapes_and_c1_controls_in_text_are_shown_literally(make_app, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    cases = [c for c in hostile_cases(big=False) if c.name in ("markup.txt", "escapes.txt")]
    build_corpus(corpus, cases)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # escapes.txt comes first
        await pilot.pause()
        screen = screen_text(app)
        _assert_clean(screen)
        assert "Escword  clear  title  bell del c1 nextline dcs end." in screen
        await pilot.press("escape", "j", "enter")  # back to the list, the next article
        await pilot.pause()
        screen = screen_text(app)
        _assert_clean(screen)
        for piece in (
            "[bold]Markword[/bold]",
            "[link=https://evil.example]x[/link]",
            "[@click=app.quit]quit[/]",
        ):
            assert piece in screen
        assert app.is_running


async def test_a_two_megabyte_line_opens_in_the_reader_at_once(make_app, tmp_path: Path) -> None:
    [case] = [c for c in hostile_cases() if c.name == "one-line-2mb.txt"]
    corpus = build_corpus(tmp_path / "big", [case])
    (corpus / "a.txt").write_text("A small article.")  # first in the list: the big one is a key away
    [article] = build_articles(read_file(corpus, case.name))
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.screen.query_one(Reader)
        await wait_until(pilot, lambda: "A small article." in reader.visible_text, 20, "the first preview")
        started = time.perf_counter()
        await pilot.press("j", "enter")
        await wait_until(pilot, lambda: "Firstlongword " in reader.visible_text, 20, "the big article")
        opened = time.perf_counter() - started
        print(f"opening the 2 MB line in the reader at {SIZE[0]}x{SIZE[1]}: {opened:.3f} s")
        assert opened < 2.0
        assert reader.visible_text.split("\n\n", 1)[1].startswith("Firstlongword ")
        await pilot.press("G")
        truncated = f"(paragraph truncated for display: {len(article.body):,}"
        await wait_until(pilot, lambda: truncated in " ".join(screen_text(app).split()), 10, truncated)
        screen = screen_text(app)
        assert len(article.body) > TWO_MB - 100
        assert len(reader._lines) < 2 * MAX_PARAGRAPH_CHARS // 50  # only the shown part was laid out
        _assert_clean(screen)


async def test_the_whole_hostile_corpus_opens_in_the_app(tmp_path: Path) -> None:
    cases = hostile_cases(big=False)
    root = build_corpus(tmp_path / "corpus", cases)
    app = BriefApp(corpus=root, index_dir=tmp_path / "index")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        with deadline(30):
            await app.workers.wait_for_complete()
            await pilot.pause()
        loaded = sum(c.outcome in (LOADED, REPAIRED) for c in cases)
        screen = screen_text(app)
        _assert_clean(screen)
        assert f"{loaded} articles from" in screen
        await pilot.press("enter", "j", "enter")
        _assert_clean(screen_text(app))
        library, reader = app.library, app.screen.query_one(Reader)
        assert library is not None
        for summary in library.articles():  # every article in the reader (quicker than by keys)
            reader.show(library.article(summary.id))
            await pilot.pause()
            _assert_clean(screen_text(app))
        assert app.is_running


async def test_hostile_folder_names_in_the_header_and_notices(tmp_path: Path) -> None:
    corpus = tmp_path / "news\x1b]0;pwned\x07[bold]\n"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Plain text in an oddly named folder.")
    blocker = tmp_path / "x[/]y [@click=app.quit]q"  # markup that cannot be parsed, and an action
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file, so no index folder can be made below it")
    app = BriefApp(corpus=corpus, index_dir=blocker / "index")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        screen = screen_text(app)
        _assert_clean(screen)
        assert "news\ufffd]0;pwned\ufffd[bold]" in screen.splitlines()[0]
        toast = toast_text(app)
        assert "x[/]y [@click=app.quit]q/index is not writable" in toast  # literal, not markup
        assert "using a temporary index." in toast
        assert "1 articles from 1 files" in screen
        assert app.is_running


async def test_a_broken_topics_file_is_reported_once_the_articles_show(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Defence spending rises again.\n\nThe budget grows.")
    (corpus / "topics.toml").write_text('[topic.defence\nlabel = "unclosed')
    app = BriefApp(corpus=corpus, index_dir=tmp_path / "index")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        screen = screen_text(app)
        toast = toast_text(app)
        assert "topics.toml" in toast and "line 1" in toast, toast
        assert "1 articles from 1 files" in screen
