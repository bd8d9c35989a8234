"""Regenerate the README's screenshots from the bundled seeds at a fixed size.

Run: .venv/bin/python screenshots/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from search.library import Library
from tui.app import BriefApp

HERE = Path(__file__).resolve().parent
SIZE = (110, 32)

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def _main_screen(pilot: Pilot[None]) -> None:
    await pilot.press("enter")


SHOTS: dict[str, Steps] = {
    "main": _main_screen,
}


async def shoot(name: str, steps: Steps, index_dir: Path) -> None:
    library = Library.open(None, index_dir=index_dir)
    app = BriefApp(library=library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await steps(pilot)
        await pilot.pause(0.3)
        app.save_screenshot(f"{name}.svg", path=str(HERE))
    library.close()


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, steps in SHOTS.items():
            await shoot(name, steps, Path(tmp) / "index")
            print(f"wrote screenshots/{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
