"""Where a corpus and its index are: what ``Library.open`` checks before it opens anything."""

from __future__ import annotations

from pathlib import Path

from search.index.marker import check_index_dir
from search.index.store import default_index_dir
from search.paths import bundled_seeds


class CorpusNotFound(Exception):
    """The corpus path does not exist."""


class IndexDirRefused(Exception):
    """The index folder is not brief-tui's (not empty, no marker) or is the corpus's own."""


def locate(path: str | Path | None, index_dir: str | Path | None) -> tuple[Path, str | None, Path]:
    """The corpus folder, the one file in it that was asked for (or None: all of it), and its index
    folder, for a corpus folder or file (the bundled seeds for None)."""
    corpus = Path(path) if path is not None else bundled_seeds()
    if not corpus.exists():
        raise CorpusNotFound(f"no such file or folder: {corpus}")
    corpus = corpus.resolve()
    root, only = (corpus.parent, corpus.name) if corpus.is_file() else (corpus, None)
    folder = Path(index_dir) if index_dir is not None else default_index_dir(corpus)
    refused = check_index_dir(folder, corpus)
    if refused is not None:  # never empty a folder of the user's to build an index in it
        raise IndexDirRefused(refused)
    return root, only, folder
