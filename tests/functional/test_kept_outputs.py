"""What the user keeps from a session, checked as the hostile-input tests check the screen: an export
made with `x` carries no escapes, controls or formulas; an index folder of the user's is left as it
is; a bookmark made by another session at the same time is kept and shown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from search.library import Library
from tests.functional.conftest import SIZE
from tests.screen import screen_text
from tests.unit.reliability.support import TERMINAL_CONTROLS
from tui.app import BriefApp
from tui.screens.bookmarks import BookmarksScreen
from tui.state.bookmarks import Bookmarks
from tui.widgets.status import StatusBar

EVIL_NAME = "evil\x1b]0;pwned\x07name.txt"
FORMULA = '=HYPERLINK("http://x")'


def _hostile_corpus(root: Path) -> Path:
    root.mkdir()
    (root / EVIL_NAME).write_text("Quizzword appears in a file with an escape in its name.\n")
    item = {"title": FORMULA + "\x1b[31m", "body": "Quizzword \x1b[2J body \ud83d."}
    (root / "items.json").write_text(json.dumps(item))
    return root


def _clean(text: str) -> None:
    assert TERMINAL_CONTROLS.findall(text.replace("\r\n", "\n")) == [] and "\x1b" not in text
    text.encode("utf-8")  # no lone surrogate


async def test_the_x_export_of_hostile_articles_is_clean(tmp_path: Path) -> None:
    corpus = _hostile_corpus(tmp_path / "corpus")
    library = Library.open(corpus, index_dir=tmp_path / "index")
    app = BriefApp(library=library, bookmarks=Bookmarks.load(tmp_path / "b.sqlite3"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash", *"quizzword")
        await app.workers.wait_for_complete()
        await pilot.press("down")  # to the results
        for suffix in ("md", "json", "csv"):
            target = tmp_path / f"brief.{suffix}"
            await pilot.press("x", "ctrl+a", "ctrl+k", *str(target), "enter")
            await pilot.pause()
            assert target.is_file(), screen_text(app)
    for suffix in ("md", "json", "csv"):
        _clean((tmp_path / f"brief.{suffix}").read_text(encoding="utf-8"))
    data = json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in data["articles"]) == ["evilname.txt", "items.json"]
    assert sorted(a["title"] for a in data["articles"])[0] == FORMULA  # data, cleaned, in JSON
    rows = list(csv.DictReader(io.StringIO((tmp_path / "brief.csv").read_text(encoding="utf-8"))))
    assert sorted(r["title"] for r in rows)[0] == "'" + FORMULA  # never a formula in a spreadsheet
    assert "evilname.txt" in (tmp_path / "brief.md").read_text(encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


async def test_the_app_leaves_an_index_folder_of_the_users_as_it_is(tmp_path: Path, seeds: Path) -> None:
    mine = tmp_path / "thesis"
    (mine / "chapters").mkdir(parents=True)
    (mine / "draft.tex").write_text("My only copy.")
    (mine / "chapters" / "one.tex").write_text("Chapter one.")
    before = _files(mine)
    app = BriefApp(corpus=seeds, index_dir=mine, bookmarks=Bookmarks.load(tmp_path / "b.sqlite3"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.main_screen.query_one(StatusBar).render()).strip()
        assert status == (
            f"Could not open {seeds}: index folder {mine} is not empty and is not a brief-tui index "
            "(no .brief-tui-index); choose an empty or new folder"
        )
    assert _files(mine) == before and sorted(p.name for p in mine.iterdir()) == ["chapters", "draft.tex"]


async def test_a_bookmark_another_session_makes_meanwhile_is_kept_and_shown(
    tmp_path: Path, index_dir: Path
) -> None:
    store = tmp_path / "bookmarks.sqlite3"
    library = Library.open(None, index_dir=index_dir)
    app = BriefApp(library=library, bookmarks=Bookmarks.load(store))
    other = Bookmarks.load(store)  # a second brief-tui, on its own connection
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "m")  # this session bookmarks the first article
        await pilot.pause()
        other.toggle(library.corpus_path, "search", "kishida", "kishida")  # the other, a search
        await pilot.press("apostrophe")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        text = screen_text(app)
        assert "Search  kishida" in text and "Article Japan's freshly appointed" in text
    kept = Bookmarks.load(store).items(library.corpus_path)
    assert sorted((b.kind, b.key) for b in kept) == [
        ("article", "000_c94f89535bcf7037.txt"),
        ("search", "kishida"),
    ]
    assert sorted((b.kind, b.key) for b in other.items(library.corpus_path)) == sorted(
        (b.kind, b.key) for b in kept
    )
