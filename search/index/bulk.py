"""Saving and loading large structures (catalog, entity links, mentions, vocabulary): without
pauses for the garbage collector, which otherwise runs again and again as their objects are
made, with a version for each saved file, and with small updates saved beside the whole."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from search.atomic import write_atomic

FOLD_SHARE = 0.2  # changes bigger than this share of the whole are folded into a new whole


@contextmanager
def without_gc() -> Iterator[None]:
    """No cyclic garbage collection inside (for the whole process: keep it short)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def file_version(path: Path) -> str:
    """Tells saved files apart (every atomic save makes a new file), "" when there is none."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def save_beside(
    whole: Path, beside: Path, changes: bytes | None, new_whole: Callable[[], bytes], keep: bool = False
) -> bool:
    """Save ``changes`` (to ``whole`` as saved) in ``beside`` while they are small against it (or
    ``keep``: whatever their size); else (or when there are none to save: ``None``) a new whole,
    with nothing beside it. Returns whether the whole was written."""
    small = keep or len(changes or b"") < FOLD_SHARE * whole.stat().st_size if whole.exists() else False
    if changes is not None and small:
        write_atomic(beside, changes)
        return False
    write_atomic(whole, new_whole())
    beside.unlink(missing_ok=True)  # folded in (stale anyway: made against another whole)
    return True
