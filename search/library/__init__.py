"""The query API: the one object the TUI and the CLI talk to, ``Library``.

``Library.open(path)`` loads a corpus into its index (incrementally) and answers questions about
it. Nothing here knows about Textual; nothing outside ``search`` needs to know about Whoosh.

``Library`` (facade.py) opens, updates and closes the index, and passes each question on to the
part that answers it. The parts are plain classes it owns, each given in its constructor only
what it uses (none knows ``Library``):

- opening.py: where the corpus and its index are (``CorpusNotFound``, ``IndexDirRefused``)
- reader.py: ``Reader``, the index as last committed (searcher, catalog view, vocabulary; one lock)
- repair.py: ``Repair``, a failed read reported, and repaired at the next refresh
- settings.py: ``Settings``, the user's topic taxonomy and entity lists
- articles.py: ``Articles``: the list, an article, related articles, key terms
- searching.py: ``Searching``: search, snippets, facet counts, match spans
- topics.py: ``Topics``: topics, their articles, what a user types matched to them
- entities.py: ``Entities``: entities linked across the corpus, their mentions, names seen together
"""

from search.index.marker import check_index_dir  # (also for the CLI's early refusal)
from search.index.store import IndexBusy
from search.library.entities import SeenWith
from search.library.facade import BUSY_NOTICE, Library, UpdateStopped
from search.library.opening import CorpusNotFound, IndexDirRefused
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
