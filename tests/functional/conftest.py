from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from search.library import Library
from tests.functional.generated import FILES, write_folder
from tests.screen import screen_text, wait_until
from tui.app import BriefApp

SIZE = (100, 30)
INDEX_TIMEOUT = 90  # seconds to index the large folder from nothing, on a slow, busy machine


@pytest.fixture
def make_app(index_dir: Path):
    """An app on a corpus (the seeds by default), its library opened up front."""
    opened: list[Library] = []

    def make(corpus: Path | None = None) -> BriefApp:
        library = Library.open(corpus, index_dir=index_dir)
        library.entity_links()  # what the app warms up in the background, ready before any key
        opened.append(library)
        return BriefApp(library=library)

    yield make
    for library in opened:
        library.close()


@pytest.fixture
def large_folder(tmp_path: Path) -> Path:
    """A folder above the worker-pool threshold (see tests/functional/generated.py)."""
    return write_folder(tmp_path / "harbour")


@pytest.fixture
def open_fresh(index_dir: Path):
    """An app that opens ``corpus`` itself, as `brief-tui PATH` does, on an index folder that does not
    exist yet: its own open, index and warm-up path runs, off the UI thread."""

    def make(corpus: Path) -> BriefApp:
        assert not index_dir.exists()
        return BriefApp(corpus=corpus, index_dir=index_dir)

    return make


async def until_indexed(pilot: Pilot[None], files: int = FILES) -> None:
    """Wait (with a deadline) until the status line says every file is indexed and the names are
    linked: what a user waits for before everything works."""
    app = pilot.app
    done = f"{files} articles from {files} files"

    def ready() -> bool:
        library = app.library  # type: ignore[attr-defined]
        return (
            library is not None
            and library.links_ready
            and not any(w.is_running for w in app.workers)
            and done in screen_text(app)
        )

    await wait_until(pilot, ready, INDEX_TIMEOUT, f"the status line to say {done!r}")


ARTICLES = [
    (
        "wire-1.md",
        "Wire",
        "trade",
        "1987-04-01",
        "Tariff talks resume",
        "Officials resumed tariff talks on steel.",
    ),
    (
        "wire-2.md",
        "Wire",
        "trade",
        "1988-02-03",
        "Steel tariffs rise",
        "New steel tariffs rise again. Steel makers object.",
    ),
    (
        "daily-1.md",
        "Daily",
        "politics",
        "1988-05-06",
        "Budget vote",
        "The budget vote mentions steel tariffs once.",
    ),
    ("daily-2.md", "Daily", "sport", "1988-07-08", "Cup final", "The cup final was played in the rain."),
]


@pytest.fixture
def policy_corpus(tmp_path: Path) -> Path:
    """A tiny corpus with sources, sections and dates, for facets and filters."""
    root = tmp_path / "policy"
    root.mkdir()
    for name, source, section, date, title, body in ARTICLES:
        (root / name).write_text(
            f'---\ntitle: "{title}"\nsource: "{source}"\nsection: "{section}"\n'
            f'date: "{date}"\n---\n\n{body}\n'
        )
    return root
