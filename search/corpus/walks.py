"""The files of a corpus folder between two updates: walked in full, then only where it changed.

Walking 50,000 files (a ``stat`` each) takes about half a second, most of an update after one
changed file. The folder's watcher knows which paths changed, so an update it starts re-reads only
those (a changed folder: all it holds) and keeps the rest of the last walk. A full walk is made
when nothing says what changed (opening, the watcher's first update), when the folder holds links
(a change behind a link is seen under another path), and at least every ``FULL_WALK_EVERY``
seconds, in case the system's notifications missed something.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path

from search.corpus.discover import Discovery, add, discover, shown_path, walk

FULL_WALK_EVERY = 300.0  # seconds


class Walks:
    """The last walk of a corpus folder (or of its one file, ``only``), and the paths seen changing
    since: ``files()`` brings the one up to date with the other."""

    def __init__(
        self, root: Path, only: str | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.root, self.only = root, only
        self._clock = clock
        self._last: Discovery | None = None
        self._walked_at = 0.0
        self._changed: set[str] | None = set()  # None: what changed is not known
        self._lock = threading.Lock()

    def saw(self, changed: Collection[str] | None) -> None:
        """``changed`` paths (relative to the root) changed, as a watcher reports them; None: some
        unknown change, or none known to be the only ones."""
        with self._lock:
            if changed is None or self._changed is None:
                self._changed = None
            else:
                self._changed.update(changed)

    def files(self) -> Discovery:
        """The folder's files now (what it saw changing is then forgotten)."""
        with self._lock:
            changed, self._changed = self._changed, set()
        last, now = self._last, self._clock()
        try:
            found = None
            if changed is not None and last is not None and now - self._walked_at < FULL_WALK_EVERY:
                found = rewalk(self.root, last, changed)
            if found is None:
                found, self._walked_at = discover(self.root, self.only), now
        except BaseException:
            self.saw(changed)  # (for the next call)
            raise
        self._last = found
        return found


def rewalk(root: Path, last: Discovery, changed: Collection[str]) -> Discovery | None:
    """``last`` with the paths ``changed`` (and all under them) read again: what ``discover``
    would find now, if nothing else changed. None where that cannot be told safely (a link)."""
    top = os.fspath(root)
    paths = {p.strip("/") for p in changed}
    if last.linked or any(p in ("", ".") or os.path.islink(os.path.join(top, p)) for p in paths):
        return None
    prefixes = tuple(p + "/" for p in paths)
    shown = {shown_path(p) for p in paths}
    shown_prefixes = tuple(p + "/" for p in shown)
    found = Discovery(
        [f for f in last.files if f.rel not in paths and not f.rel.startswith(prefixes)],
        [r for r in last.other if r not in paths and not r.startswith(prefixes)],
        [i for i in last.issues if i.path not in shown and not i.path.startswith(shown_prefixes)],
    )
    for path in sorted(paths):
        parts = path.split("/")
        if any(part.startswith(".") for part in parts) or any(
            "/".join(parts[:n]) in paths for n in range(1, len(parts))
        ):
            continue  # never walked; or read with the changed folder it is in
        full = os.path.join(top, path)
        if os.path.isdir(full):
            walk(found, top, path + "/")
        elif os.path.lexists(full):
            add(found, top, path)
        if found.linked:
            return None
    found.sort()
    return found
