"""The README's screenshots, made from the bundled seeds at a fixed size.

Run: .venv/bin/python screenshots/make_screenshots.py
The snapshot tests (tests/snapshots) drive these same screens, so a visual change
to any of them fails the tests until the snapshots are updated on purpose.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from search.library import Library  # noqa: E402 - after the path is set for a plain checkout
from tui.app import BriefApp  # noqa: E402

SIZE = (170, 42)  # wide enough for all three panes of the main screen

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def main_screen(pilot: Pilot[None]) -> None:
    await pilot.press("enter", "right_square_bracket", "right_square_bracket")
    await settle(pilot)


async def entity_screen(pilot: Pilot[None]) -> None:
    await pilot.press("enter", "right_square_bracket", "enter")
    await settle(pilot)


async def topic_palette(pilot: Pilot[None]) -> None:
    await pilot.press("t", *"defence spnding")
    await settle(pilot)


async def search_results(pilot: Pilot[None]) -> None:
    await pilot.press("slash", *"defence OR trump")
    await settle(pilot)


async def help_screen(pilot: Pilot[None]) -> None:
    await pilot.press("f1")
    await settle(pilot)


SHOTS: dict[str, Steps] = {
    "main": main_screen,
    "entity": entity_screen,
    "topic-palette": topic_palette,
    "search": search_results,
    "help": help_screen,
}


def seeds_app(index_dir: Path) -> BriefApp:
    library = Library.open(None, index_dir=index_dir)
    library.entity_links()  # what the app warms up in the background, ready before any key
    return BriefApp(library=library)


async def shoot(name: str, steps: Steps, index_dir: Path) -> None:
    app = seeds_app(index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await steps(pilot)
        app.save_screenshot(f"{name}.svg", path=str(HERE))


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, steps in SHOTS.items():
            await shoot(name, steps, Path(tmp) / "index")
            print(f"wrote screenshots/{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
