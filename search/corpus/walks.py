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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeVar

from search.corpus.discover import Discovery, FileStat, add, discover, shown_path, walk
from search.corpus.report import LoadIssue

T = TypeVar("T")

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
    fresh = Discovery()
    for path in sorted(paths):
        parts = path.split("/")
        if any(part.startswith(".") for part in parts) or any(
            "/".join(parts[:n]) in paths for n in range(1, len(parts))
        ):
            continue  # never walked; or read with the changed folder it is in
        full = os.path.join(top, path)
        if os.path.isdir(full):
            walk(fresh, top, path + "/")
        elif os.path.lexists(full):
            add(fresh, top, path)
        if fresh.linked:
            return None
    shown = {shown_path(p) for p in paths}
    return Discovery(
        _placed(_without(last.files, paths, _rel), fresh.files, _rel),
        _placed(_without(last.other, paths, str), fresh.other, str),
        _placed(_without(last.issues, shown, _issue_path), fresh.issues, _issue_key),
    )


def _without(items: list[T], paths: set[str], key: Callable[[T], str]) -> list[T]:
    """``items`` (in order of ``key``) less those at one of ``paths`` or under it: found by
    bisection (a few changed paths in 50,000 files)."""
    cuts = []
    for path in paths:
        at = bisect_left(items, path, key=key)
        if at < len(items) and key(items[at]) == path:
            cuts.append((at, at + 1))
        # the paths under "a/b" lie from "a/b/" up to "a/b0" ("0" comes just after "/")
        cuts.append((bisect_left(items, path + "/", key=key), bisect_left(items, path + "0", key=key)))
    kept, start = [], 0
    for begin, end in sorted(cuts):
        kept.extend(items[start:begin])
        start = max(start, end)
    kept.extend(items[start:])
    return kept


def _placed(items: list[T], added: list[T], key: Callable[[T], Any]) -> list[T]:
    """``items`` (in order of ``key``) with ``added`` put in their places."""
    for item in sorted(added, key=key):
        items.insert(bisect_right(items, key(item), key=key), item)
    return items


def _rel(f: FileStat) -> str:
    return f.rel


def _issue_path(issue: LoadIssue) -> str:
    return issue.path


def _issue_key(issue: LoadIssue) -> tuple[str, str]:
    return issue.path, issue.reason
