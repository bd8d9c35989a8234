"""A segment damaged while the TUI is open: opening an article says so, and the app goes on."""

from __future__ import annotations

from pathlib import Path

from tests.functional.conftest import SIZE
from tests.screen import screen_text
from tests.unit.reliability.test_index_integrity import overwrite_middle, segment_files, write_corpus
from tui.widgets.reader import Reader


async def test_an_article_in_a_damaged_segment_is_reported_not_a_crash(
    make_app, index_dir: Path, tmp_path: Path
) -> None:
    app = make_app(write_corpus(tmp_path / "corpus"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for segment in segment_files(index_dir):  # bit rot: the file's time is kept
            overwrite_middle(segment, b"\xff" * segment.stat().st_size, keep_time=True)
        await pilot.press("j", "enter")  # the second article (the first was previewed before the damage)
        await pilot.pause()
        assert app.is_running
        shown = app.screen.query_one(Reader).article
        assert shown is None or shown.id != "a01.txt"
        screen = " ".join(screen_text(app).split())
        assert "The index could not be read (" in screen
        assert "is no longer in the corpus" not in screen
        await pilot.press("j", "enter")  # and the app still takes keys
        await pilot.pause()
        assert app.is_running
