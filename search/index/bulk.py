"""Saving and loading large structures (catalog, entity links, mentions, vocabulary): without
pauses for the garbage collector, which otherwise runs again and again as their objects are
made, with a version for each saved file, and with small updates saved beside the whole.

A saved file's version is read from its head, where every save puts a random id of its own
(``stamped``): the catalog's first key, and in a data file the header's CRC of a body that holds
one. It was the file's size, mtime and inode, and a copy of the index folder (``cp -a``,
``rsync -a``, a backup restored: new inodes) then found every file changed beside a whole made
against another, and indexed or linked again what those held. Two saves in the same clock tick
still differ (their ids do), and so do a whole saved again as it was and the one before it."""

from __future__ import annotations

import gc
import hashlib
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from search.atomic import write_atomic

FOLD_SHARE = 0.2  # changes bigger than this share of the whole are folded into a new whole
SAVE_KEY = "save"  # a saved file's random id (see above); first, so that it is in its head
HEAD = 64  # bytes at the start of a saved file that hold its id (or a CRC of a body holding it)


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


def stamped(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with a new save id first (what ``file_version`` reads)."""
    return {SAVE_KEY: secrets.token_hex(8), **data}


def file_version(path: Path) -> str:
    """Tells saved files apart by the save id at their head (``stamped``), "" when there is none."""
    try:
        with path.open("rb") as f:
            head = f.read(HEAD)
    except OSError:
        return ""
    return version_of(head)


def version_of(raw: bytes) -> str:
    """The ``file_version`` of a file whose bytes are ``raw`` (as read)."""
    return hashlib.blake2b(raw[:HEAD], digest_size=8).hexdigest()


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
