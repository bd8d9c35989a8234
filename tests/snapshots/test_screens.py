"""Visual regression tests: the README's screens, rendered and compared with stored SVGs.

Update on purpose with: .venv/bin/python -m pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "make_screenshots", ROOT / "screenshots" / "make_screenshots.py"
)
assert _spec is not None and _spec.loader is not None
shots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shots)


@pytest.mark.parametrize("name", list(shots.SHOTS))
def test_screen(name: str, snap_compare, tmp_path: Path) -> None:
    app = shots.seeds_app(tmp_path / "index")

    async def run_before(pilot) -> None:
        await shots.settle(pilot)
        await shots.SHOTS[name](pilot)

    try:
        assert snap_compare(app, terminal_size=shots.SIZE, run_before=run_before)
    finally:
        app.library.close()
