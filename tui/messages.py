"""Messages workers post back to the UI thread."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.message import Message

from search.library import Library

if TYPE_CHECKING:  # (watchfiles is imported once the folder is watched, not at start)
    from search.watch import WatchUpdate


class LibraryReady(Message):
    """The corpus is open (its index may be updated next). ``shown`` is set once the UI has
    painted it: the worker waits for that before the update competes for the CPU."""

    def __init__(self, library: Library, shown: threading.Event | None = None) -> None:
        super().__init__()
        self.library = library
        self.shown = shown or threading.Event()


class LibraryUpdated(Message):
    """The index caught up with the corpus (files were added, changed or deleted); or, not
    ``final``, an update committed a pass: the articles indexed so far can be shown."""

    def __init__(self, library: Library, final: bool = True) -> None:
        super().__init__()
        self.library = library
        self.final = final


class FolderChanged(Message):
    """Files were added, changed or removed in the corpus folder, and are indexed."""

    def __init__(self, library: Library, update: WatchUpdate) -> None:
        super().__init__()
        self.library = library
        self.update = update


class LibraryFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class IndexProgress(Message):
    """How far indexing has got, as the status line says it."""

    def __init__(self, done: int, total: int, line: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.line = line


class EntitiesReady(Message):
    """Names have been linked across the corpus: the reader can colour them."""


class Notice(Message):
    """Something a worker found that the user should be told about (a toast)."""

    def __init__(self, text: str, title: str) -> None:
        super().__init__()
        self.text = text
        self.title = title
