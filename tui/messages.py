"""Messages workers post back to the UI thread."""

from __future__ import annotations

from textual.message import Message

from search.library import Library


class LibraryReady(Message):
    """The corpus is open and its index up to date."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library


class LibraryUpdated(Message):
    """The index caught up with the corpus (files were added, changed or deleted)."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library


class LibraryFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class IndexProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class EntitiesReady(Message):
    """Names have been linked across the corpus: the reader can colour them."""
