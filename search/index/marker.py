"""Never delete what brief-tui did not create: an index folder carries a marker file.

``check_index_dir`` says (in one line) why a folder must not hold an index: it is the corpus,
inside it or around it, it is not a folder, or it is not empty and was not made by brief-tui.
``mark`` writes the marker into a folder brief-tui has just made (or already owns)."""

from __future__ import annotations

import os
from pathlib import Path

MARKER_NAME = ".brief-tui-index"
_MARKER_TEXT = b"This folder holds a brief-tui index; brief-tui may delete and rewrite what is in it.\n"
_LOCK_NAME = "brief.lock"  # search.index.locks.LOCK_NAME: a folder with only the lock is empty


def check_index_dir(folder: Path, corpus: Path | None = None) -> str | None:
    """Why ``folder`` cannot hold an index (for the corpus ``corpus``, a folder or a file); None if it can."""
    where = _resolved(folder)
    if corpus is not None:
        root = _resolved(corpus)
        root = root.parent if root.is_file() else root
        if where == root:
            return f"index folder {folder} is the corpus folder; choose another folder"
        if root in where.parents:
            return f"index folder {folder} is inside the corpus {root}; choose a folder outside it"
        if where in root.parents:
            return f"index folder {folder} contains the corpus {root}; choose another folder"
    if not where.exists():
        return None
    if not where.is_dir():
        return f"index folder {folder} is not a folder"
    if is_index_dir(where):
        return None
    try:
        with os.scandir(where) as entries:
            others = [entry.name for entry in entries if entry.name != _LOCK_NAME]
    except OSError as err:
        return f"index folder {folder} cannot be read ({err.strerror or err})"
    if others:
        return (
            f"index folder {folder} is not empty and is not a brief-tui index (no {MARKER_NAME}); "
            "choose an empty or new folder"
        )
    return None


def is_index_dir(folder: Path) -> bool:
    """Whether brief-tui made ``folder``: it has the marker, or is an index made before markers."""
    if (folder / MARKER_NAME).is_file():
        return True
    # before markers: the catalog beside a Whoosh table of contents, as nothing else names them
    return (folder / "catalog.json").is_file() and any(folder.glob("_MAIN_*.toc"))


def mark(folder: Path) -> None:
    """Write the marker into ``folder`` (made if missing); raises OSError when that fails."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER_NAME
    if not marker.is_file():
        marker.write_bytes(_MARKER_TEXT)


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(path.expanduser())).resolve()
