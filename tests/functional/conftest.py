from __future__ import annotations

from pathlib import Path

import pytest

from search.library import Library
from tui.app import BriefApp

SIZE = (100, 30)


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
