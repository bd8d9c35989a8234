"""An index or data folder that cannot be written: the app still opens, on a temporary index, and says so.

Tests run as root in CI, where chmod does not stop writes; a path that goes through a regular
file cannot be created by anyone, so that is how the folders are made unwritable here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from search.library import Library
from tests.conftest import ROOT, SEEDS
from tests.unit.reliability.support import controls_in


def _blocked(tmp_path: Path) -> Path:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker


def test_an_index_dir_below_a_file_gives_a_temporary_index(tmp_path: Path) -> None:
    folder = _blocked(tmp_path) / "index"
    with Library.open(SEEDS, index_dir=folder) as lib:
        temporary = lib.index_dir
        assert [n for n in lib.notices if "temporary index" in n and str(folder) in n]
        assert temporary != folder and temporary.is_dir()
        assert len(lib.articles()) == 2 and lib.search("abe").hits
    assert not temporary.exists()  # deleted on close


def test_a_cache_dir_below_a_file_gives_a_temporary_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(_blocked(tmp_path) / "cache"))
    with Library.open(SEEDS) as lib:
        assert any("temporary index" in n for n in lib.notices)
        assert len(lib.articles()) == 2


def test_the_index_command_says_so_when_the_cache_dir_is_unwritable(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(_blocked(tmp_path) / "cache\x1b[2J")}
    proc = subprocess.run(
        [sys.executable, "-m", "tui.cli", "index", str(SEEDS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "note: Index folder" in proc.stdout and "using a temporary index" in proc.stdout
    assert "2 articles from 2 files" in proc.stdout
    assert controls_in(proc.stdout + proc.stderr) == []  # the ESC in the path is shown as \x1b
    assert "cache\\x1b[2J" in proc.stdout
