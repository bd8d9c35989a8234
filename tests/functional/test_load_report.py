from __future__ import annotations

from pathlib import Path

from tests.functional.conftest import SIZE
from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.load_report import LoadReportScreen


async def test_the_load_report_lists_skipped_and_repaired_files(make_app, policy_corpus: Path) -> None:
    (policy_corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (policy_corpus / "latin.txt").write_bytes(b"Caf\xe9 society meets.")
    app: BriefApp = make_app(policy_corpus)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "R shows which" in screen_text(app)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, LoadReportScreen)
        text = screen_text(app)
        assert "skipped   blob.txt  binary file" in text
        assert "repaired  latin.txt  not UTF-8" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, LoadReportScreen)
