"""While the TUI is open, files added or removed in the corpus folder show up in the list within
seconds, with a notice; the cursor stays on its article; quitting stops the watcher."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

import search.watch
from tests.functional.conftest import SIZE
from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.entity_index import EntityIndexScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_list import EntityList
from tui.widgets.reader import Reader

SOON = 15.0  # seconds: "within a few seconds", with room for a loaded machine


async def wait_for(pilot: Pilot[None], seen: Callable[[], bool]) -> float:
    """Seconds until ``seen()`` holds (fails after ``SOON``)."""
    start = time.monotonic()
    while not seen():
        assert time.monotonic() - start < SOON, screen_text(pilot.app)
        await pilot.pause(0.1)
    return time.monotonic() - start


def toasts(app: BriefApp) -> str:
    """The notices on screen, their wrapped lines joined (a toast's lines start with ▌)."""
    lines = [line.split("▌", 1)[1].strip() for line in screen_text(app).splitlines() if "▌" in line]
    return " ".join(line for line in lines if line)


@asynccontextmanager
async def opened(corpus: Path, index_dir: Path) -> AsyncIterator[tuple[BriefApp, Pilot[None]]]:
    """The app on ``corpus``, its opening update done (from then on the folder is watched)."""
    app = BriefApp(corpus=corpus, index_dir=index_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        yield app, pilot


def watchers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "brief-tui watch" and t.is_alive()]


async def test_a_file_added_then_removed_shows_in_the_list_with_a_notice(
    policy_corpus: Path, index_dir: Path
) -> None:
    async with opened(policy_corpus, index_dir) as (app, pilot):
        articles = app.main_screen.query_one(ArticleList)
        await pilot.press("j", "j")
        names = sorted(p.name for p in policy_corpus.iterdir())
        assert articles.current is not None and articles.current.id == names[2] == "wire-1.md"

        (policy_corpus / "a-ferry.md").write_text(
            '---\ntitle: "Ferry to Zanzibar"\n---\n\nThe ferry sails.\n'
        )
        assert await wait_for(pilot, lambda: "Folder changed 1 file changed: indexed" in toasts(app)) < SOON
        names = sorted(p.name for p in policy_corpus.iterdir())
        text = screen_text(app)
        assert "Ferry to Zanzibar" in text
        assert f"{len(names)} articles from {len(names)} files" in text
        assert [a.id for a in articles.items] == names
        assert articles.current.id == "wire-1.md" and articles.cursor == names.index("wire-1.md") == 3

        (policy_corpus / "wire-1.md").unlink()  # the article under the cursor
        await wait_for(pilot, lambda: "1 file removed: index updated" in toasts(app))
        names = sorted(p.name for p in policy_corpus.iterdir())
        assert [a.id for a in articles.items] == names
        assert articles.current.id == "wire-2.md" and articles.cursor == 3  # the row below took its place
        assert f"{len(names)} articles from {len(names)} files" in screen_text(app)
        assert len(watchers()) == 1
        await pilot.press("ctrl+q")
    assert not app.is_running
    assert watchers() == []


async def test_a_file_that_cannot_be_read_is_named_in_the_load_report(
    policy_corpus: Path, index_dir: Path
) -> None:
    async with opened(policy_corpus, index_dir) as (app, pilot):
        (policy_corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary")
        await wait_for(pilot, lambda: "1 file changed: indexed, 1 skipped (R shows why)" in toasts(app))
        await pilot.press("R")
        await pilot.pause()
        assert "skipped   blob.txt  binary file" in screen_text(app)


async def test_a_folder_that_cannot_be_watched_is_said(
    policy_corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*paths: object, **options: object) -> Iterator[set[object]]:
        raise OSError("OS file watch limit reached")  # what watchfiles raises when inotify has no watch left
        yield set()  # (a generator, like watchfiles.watch)

    monkeypatch.setattr(search.watch, "watch_changes", refuse)
    async with opened(policy_corpus, index_dir) as (app, pilot):
        said = "Stopped watching the folder for changes: OS file watch limit reached"
        await wait_for(pilot, lambda: said in toasts(app))
        assert watchers() == []
        assert app.is_running


async def test_the_article_being_read_shows_its_new_text_when_its_file_changes(
    policy_corpus: Path, index_dir: Path
) -> None:
    async with opened(policy_corpus, index_dir) as (app, pilot):
        await pilot.press("j", "enter")
        reader = app.main_screen.query_one(Reader)
        name = sorted(p.name for p in policy_corpus.iterdir())[1]
        assert reader.article is not None and reader.article.id == name and reader.has_focus
        before = (policy_corpus / name).read_text()
        (policy_corpus / name).write_text(before + "\nA ferry to Zanzibar was added later.\n")
        await wait_for(pilot, lambda: "1 file changed: indexed" in toasts(app))
        await wait_for(pilot, lambda: "A ferry to Zanzibar was added later." in reader.visible_text)
        assert reader.article.id == name and reader.has_focus  # still reading it, where it was


async def test_a_name_written_into_an_article_shows_in_the_entity_palette(
    policy_corpus: Path, index_dir: Path
) -> None:
    async with opened(policy_corpus, index_dir) as (app, pilot):
        await pilot.press("e", *"quartermaine")
        await pilot.pause()
        assert isinstance(app.screen, EntityIndexScreen)
        assert "Quartermaine" not in " ".join(e.name for e in app.screen.query_one(EntityList).items)
        await pilot.press("escape")

        with (policy_corpus / "wire-2.md").open("a") as article:  # as an editor saves it
            article.write("\nTokyo welcomed Senator Zebulon Quartermaine on Monday. Quartermaine spoke.\n")
        await wait_for(pilot, lambda: "Folder changed 1 file changed: indexed" in toasts(app))
        await wait_for(pilot, lambda: app.library is not None and app.library.links_ready)
        await pilot.press("e", *"quartermaine")
        await pilot.pause()
        entities = app.screen.query_one(EntityList)
        top = entities.items[0]
        assert (top.name, top.label, top.mention_count, top.article_ids) == (
            "Zebulon Quartermaine",
            "PERSON",
            2,
            ("wire-2.md",),
        )
        assert "Zebulon Quartermaine" in screen_text(app)
