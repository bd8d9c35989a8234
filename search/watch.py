"""Keep an index up to date while its corpus folder changes.

``watch(library, ...)`` waits for files to be added, changed or removed in the corpus folder
(watchfiles: inotify on Linux, FSEvents on macOS, polling where neither works), lets a burst of
changes settle (a git checkout of 400 files is one update), then brings the index up to date with
``Library.refresh``: the same incremental update as at opening, under the same lock. It runs
until ``stop`` is set (the TUI) or ctrl+c (``brief-tui index --watch``). Never imports Textual.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from watchfiles import Change
from watchfiles import watch as watch_changes

from search.corpus.report import SKIPPED, LoadIssue
from search.library import Library, UpdateStopped

if TYPE_CHECKING:
    from search.index.update import Progress

QUIET_MS = 300  # a burst of changes ends after this long without one...
LONGEST_MS = 3000  # ...or after this long, however busy the folder is
TICK_MS = 1000  # how often the loop wakes without changes: to retry while another process writes


@dataclass(frozen=True, slots=True)
class WatchUpdate:
    """What one update after a burst of changes did."""

    files: int  # files added, changed or removed that it indexed (0: another process did, or none)
    removed: int
    skipped: tuple[LoadIssue, ...]  # files it could not index, with the reason (new in the load report)

    def summary(self) -> str:
        noun = "file" if self.files == 1 else "files"
        if self.removed == self.files:
            text = f"{self.files} {noun} removed: index updated"
        else:
            text = f"{self.files} {noun} changed: indexed" + (
                f" ({self.removed} removed)" if self.removed else ""
            )
        if self.skipped:
            text += f", {len(self.skipped)} skipped"
        return text


class ChangeFilter:
    """Which changes matter: those under the corpus root (or to the one file opened), except in
    dot-files and dot-folders (never indexed) and in the index folder if it lives in the corpus."""

    def __init__(self, root: Path, index_dir: Path, only: str | None = None) -> None:
        self._root = os.path.realpath(root)
        self._index = os.path.realpath(index_dir)
        self._only = only

    def __call__(self, change: Change, path: str) -> bool:
        path = os.path.realpath(path)
        if path == self._index or path.startswith(self._index + os.sep):
            return False
        rel = self.relative(path)
        if rel == os.curdir or rel.startswith(os.pardir):
            return False
        if self._only is not None:
            return rel == self._only
        return not any(part.startswith(".") for part in rel.split("/"))

    def relative(self, path: str) -> str:
        """``path`` relative to the corpus root, with "/" between its parts (as the index has it)."""
        return os.path.relpath(os.path.realpath(path), self._root).replace(os.sep, "/")


def watch(
    library: Library,
    updated: Callable[[WatchUpdate], None],
    failed: Callable[[str], None],
    *,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    committed: Callable[[], None] | None = None,
) -> None:
    """Update ``library``'s index after each burst of changes to its corpus until ``stop`` is set
    or the library is closed, telling ``updated`` what changed (when the articles or the load report
    did) and ``failed`` why an update failed (the next change tries again). Its first update
    catches up with changes made before it started. ``progress`` and ``committed`` are
    ``Library.refresh``'s. Returns at once for a read-only index. ctrl+c in the main thread
    raises KeyboardInterrupt."""
    if library.read_only:
        return
    keep = ChangeFilter(library.root, library.index_dir, library.only)
    due = True  # the first wake-up catches up; later, a busy index is tried again at each tick
    first = True  # (its update walks the whole folder; later ones re-read what changed)
    for changes in watch_changes(
        library.root,
        watch_filter=keep,
        debounce=LONGEST_MS,
        step=QUIET_MS,
        stop_event=stop,
        rust_timeout=TICK_MS,
        yield_on_timeout=True,
        recursive=library.only is None,
        ignore_permission_denied=True,
    ):
        if not (due or changes) or (stop is not None and stop.is_set()):
            continue
        paths = None if first else {keep.relative(path) for _, path in changes}
        first = False
        try:
            update = _update(library, progress, committed, paths)
        except UpdateStopped:
            return
        except Exception as err:  # (the index stays as last committed)
            failed(library.failure or str(err) or type(err).__name__)
            due = False
            continue
        due = library.busy  # (another process holds the index: try again at the next tick)
        if update is not None:
            updated(update)


def _update(
    library: Library,
    progress: Progress | None,
    committed: Callable[[], None] | None,
    changed: set[str] | None,
) -> WatchUpdate | None:
    """One refresh (``changed``: the paths that changed, if known): what it changed; None if
    neither the articles nor the load report did, or while another process holds the index."""
    report = library.load_report
    before = set(report.issues)
    generation = library.generation
    stats = library.refresh(progress, committed, changed)
    if stats is None:
        return None
    skipped = tuple(i for i in library.load_report.issues if i.kind == SKIPPED and i not in before)
    files = stats.reindexed + stats.deleted
    # (another process may have indexed these changes: this one's update then finds nothing to do)
    if not files and library.generation == generation and library.load_report == report:
        return None
    return WatchUpdate(files, stats.deleted, skipped)
