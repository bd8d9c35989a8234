"""A plain (non-editable) install from a built wheel opens the bundled seeds with no argument."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT, TAKAICHI

SMOKE = """
import asyncio, sys
from tui.app import BriefApp

async def main():
    app = BriefApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(len(app.library.articles()), app.library.root.parent.name)

asyncio.run(main())
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
        check=True, timeout=600,
    )  # fmt: skip
    [wheel] = work.glob("brief_tui-*.whl")
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=900)
    return work / "venv" / "bin"


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / "cache")}
    env.pop("PYTHONPATH", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=True)


def test_installed_search_uses_the_bundled_seeds(installed: Path, tmp_path: Path) -> None:
    proc = _run(installed, str(installed / "brief-tui"), "search", "abe", "--json", cwd=tmp_path)
    hits = json.loads(proc.stdout)
    assert hits[0]["id"] == TAKAICHI
    assert "site-packages" in hits[0]["path"]


def test_installed_tui_opens_the_seeds_without_an_argument(installed: Path, tmp_path: Path) -> None:
    proc = _run(installed, str(installed / "python"), "-c", SMOKE, cwd=tmp_path)
    assert proc.stdout.split() == ["2", "search"]
