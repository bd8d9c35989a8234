"""Saving and loading large structures (catalog, entity links, mentions, vocabulary): without
pauses for the garbage collector, which otherwise runs again and again as their objects are
made, and with a version for each saved file."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
