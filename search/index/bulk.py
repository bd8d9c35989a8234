"""Loading large saved structures (catalog, entity links, mentions) without pauses for the
garbage collector, which otherwise runs again and again as their objects are made."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
