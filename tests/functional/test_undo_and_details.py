"""Nothing lost by one key: removing a bookmark can be undone, Esc warns before dropping a note;
the load report's Enter goes somewhere; the entity index keeps its keys on its buttons."""

from __future__ import annotations

from pathlib import Path

from search.library import Library
from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.load_report import LoadReportScreen
from tui.screens.main import MainScreen
from tui.screens.note import NoteDialog
from tui.state.bookmarks import Bookmarks
from tui.widgets.bookmark_list import BookmarkList
from tui.widgets.issue_list import IssueList
from tui.widgets.reader import Reader

SIZE = (120, 36)


def seeds_app(index_dir: Path, bookmarks: Path) -> BriefApp:
    library = Library.open(None, index_dir=index_dir)
    library.entity_links()
    return BriefApp(library=library, bookmarks=Bookmarks.load(bookmarks))


async def test_d_removes_a_bookmark_and_u_brings_it_back(index_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "bookmarks.json"
    app = seeds_app(index_dir, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "m", "apostrophe")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        title = app.screen.query_one(BookmarkList).items[0][0].label
        assert "u Undo" not in screen_text(app).splitlines()[-1]
        await pilot.press("d")
        await pilot.pause()
        text = screen_text(app)
        assert "No bookmarks yet" in text and f"Removed {title} · u brings it back" in text
        assert "u Undo" in text.splitlines()[-1]
        assert Bookmarks.load(store).items(app.library.corpus_path) == []
        await pilot.press("u")
        await pilot.pause()
        assert [b.label for b, _ in app.screen.query_one(BookmarkList).items] == [title]
        assert [b.label for b in Bookmarks.load(store).items(app.library.corpus_path)] == [title]
        assert "u Undo" not in screen_text(app).splitlines()[-1]


async def test_esc_in_the_note_editor_does_not_drop_typed_text_at_once(
    index_dir: Path, tmp_path: Path
) -> None:
    app = seeds_app(index_dir, tmp_path / "bookmarks.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"ask about tariffs")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert "You changed the note: F2 keeps it · Esc again drops the changes" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        article = app.screen.query_one(Reader).article
        assert (
            article is not None
            and app.bookmarks.note(app.library.corpus_path, article.id) == "ask about tariffs"
        )
        await pilot.press("a", "x", "escape", "escape")  # twice: the change is dropped
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.bookmarks.note(app.library.corpus_path, article.id) == "ask about tariffs"
        await pilot.press("a", "escape")  # nothing changed: one Esc closes
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_enter_on_a_load_report_row(make_app, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus / "latin.txt").write_bytes(b"Caf\xe9 society meets on Fridays.")
    app: BriefApp = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, LoadReportScreen)
        issues = app.screen.query_one(IssueList)
        assert [i.path for i in issues.items] == ["blob.txt", "latin.txt"]
        await pilot.press("enter")  # skipped: where it is and why
        await pilot.pause()
        assert f"{corpus.resolve() / 'blob.txt'}: skipped, binary file" in screen_text(app)
        await pilot.press("j", "enter")  # repaired: its article
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        reader = app.screen.query_one(Reader)
        assert reader.has_focus and reader.article is not None and reader.article.path == "latin.txt"
        assert "Café society meets on Fridays." in reader.visible_text


async def test_the_entity_index_type_button_keeps_its_key(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        for label in ("PERSON", "ORG"):
            await pilot.press("f2")
            await pilot.pause()
            assert f"Type: {label} (F2)" in screen_text(app)
