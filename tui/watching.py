"""The corpus folder watched while the TUI is open: ``search.watch`` in a thread of its own,
started after the first update and stopped on quit; what it finds reaches the UI as messages."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from search.library import Library
from tui.messages import FolderChanged, LibraryFailed

if TYPE_CHECKING:
    from search.index.update import Progress

STOP_WAIT = 1.0  # seconds quitting waits for the watcher (it stops within a tenth of that)


class FolderWatcher:
    """Not a Textual worker: it runs for the whole session, and workers are waited for."""

    def __init__(self, post: Callable[[Message], object], stop: threading.Event) -> None:
        self._post = post
        self._stop = stop
        self._thread: threading.Thread | None = None

    def start(self, library: Library, progress: Progress, committed: Callable[[], None]) -> None:
        """Watch ``library``'s folder (from a worker thread, once the first update is done)."""
        self._thread = threading.Thread(
            target=self._run, args=(library, progress, committed), name="brief-tui watch", daemon=True
        )
        self._thread.start()

    def _run(self, library: Library, progress: Progress, committed: Callable[[], None]) -> None:
        from search.watch import watch  # (watchfiles is imported once there is something to watch)

        def failed(reason: str) -> None:
            self._post(LibraryFailed(f"Could not update the index: {reason}"))

        try:
            watch(
                library,
                lambda update: self._post(FolderChanged(library, update)),
                failed,
                stop=self._stop,
                progress=progress,
                committed=committed,
            )
        except Exception as err:  # the watching failed (e.g. the system's limit of watches): say so
            if not self._stop.is_set():
                self._post(LibraryFailed(f"Stopped watching the folder for changes: {err}"))

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_WAIT)
