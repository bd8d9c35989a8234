"""Keys and pastes that are not UTF-8 (a terminal set to Latin-1, a paste from one) are read as
Windows-1252, as such bytes are in a corpus file and on the command line.

Textual's input thread decodes the terminal's bytes strictly (textual#6456, open in the pinned
8.2.8): one such byte killed it, and brief-tui quit with a UnicodeDecodeError traceback."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import partial

from search.corpus.decode import CP1252_FALLBACK


def read_bad_bytes_as_cp1252() -> None:
    """Have Textual's terminal drivers read bytes that are not UTF-8 as Windows-1252 (before ``App.run``)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # (no POSIX terminal: Windows reads its console as text)
        return
    linux_driver.getincrementaldecoder = _lenient  # (it reads the name each time its input thread starts)


def _lenient(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    return partial(codecs.getincrementaldecoder(encoding), errors=CP1252_FALLBACK)
