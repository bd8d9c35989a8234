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
        opened.append(library)
        return BriefApp(library=library)

    yield make
    for library in opened:
        library.close()
