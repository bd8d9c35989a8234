"""The query API: the one object the TUI and the CLI talk to (``Library``, in facade.py).

``Library.open(path)`` loads a corpus into its index (incrementally) and answers questions about
it. Nothing here knows about Textual; nothing outside ``search`` needs to know about Whoosh.
"""

from search.index.marker import check_index_dir  # (also for the CLI's early refusal)
from search.index.store import IndexBusy
from search.library.entities import SeenWith
from search.library.facade import BUSY_NOTICE, CorpusNotFound, IndexDirRefused, Library, UpdateStopped
from search.paths import bundled_seeds

__all__ = [
    "BUSY_NOTICE",
    "CorpusNotFound",
    "IndexBusy",
    "IndexDirRefused",
    "Library",
    "SeenWith",
    "UpdateStopped",
    "bundled_seeds",
    "check_index_dir",
]
