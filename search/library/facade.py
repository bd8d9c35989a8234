"""``Library``, the facade of the query API: opening, updating and closing the index; each question
passed on to the part that answers it."""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from search.analysis.entities import Entity, Mention
from search.corpus.report import LoadReport
from search.corpus.walks import Walks
from search.index.bulk import without_gc
from search.index.catalog import Catalog
from search.index.entity_links import EntityLinks
from search.index.schema import SCHEMA_VERSION
from search.index.store import IndexBusy, OpenIndex, open_index
from search.index.vocabulary import Vocabulary
from search.library.articles import Articles
from search.library.entities import Entities, SeenWith
from search.library.opening import locate
from search.library.reader import Reader
from search.library.repair import Repair
from search.library.searching import Filters, Searching
from search.library.settings import Settings
from search.library.topics import Topics
from search.model import (
    Article,
    ArticleSummary,
    MentionContext,
    SearchResult,
    Snippet,
    Span,
    TopicInfo,
    TopicMatch,
)

if TYPE_CHECKING:  # the analysis and the update are imported when first used: not at every start
    from search.analysis.enrich import Enricher
    from search.index.update import Progress, UpdateStats


BUSY_NOTICE = "Another brief-tui is updating this index; showing it as last saved."


class UpdateStopped(Exception):
    """The library was closed while its index was being updated."""


class Library:
    """The query API: opens a corpus (``open``), keeps its index up to date (``refresh``) and
    answers questions about it, each kind of question answered by a part it owns (see
    ``search.library``)."""

    def __init__(self, root: Path, only: str | None, opened: OpenIndex) -> None:
        self.root = root
        self.only = only
        self._opened = opened
        self._walks = Walks(root, only)  # the folder's files, walked again where a watcher saw changes
        self._refresh_lock = threading.Lock()  # one update at a time
        self._links_lock = threading.RLock()  # held by an update for its whole run, and by linking
        self.busy = False  # the last refresh found another process updating the index
        self.pending = 0  # files found but not indexed yet, while an update runs
        self.failure = ""  # why the last update failed, if it did
        self.stats: UpdateStats | None = None
        self._closed = False
        # The parts, each given only what it uses:
        self._reader = Reader(opened)
        self._repair = Repair(opened)
        self._settings = Settings(root)
        self._articles = Articles(self._reader, self._repair)
        self._topics = Topics(self._reader, self._settings)
        self._entities = Entities(opened, self._settings, self._articles, self._links_lock)
        self._searching = Searching(self._reader, self._repair, self._entities)

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        index_dir: str | Path | None = None,
        progress: Progress | None = None,
        refresh: bool = True,
        rebuild: bool = False,
        full_check: bool = False,
    ) -> Library:
        """Open a corpus folder (or one file), updating its index unless ``refresh`` is False."""
        root, only, folder = locate(path, index_dir)
        library = cls(root, only, open_index(folder, rebuild=rebuild, full_check=full_check))
        if refresh:
            library.refresh(progress)
        return library

    # -- lifecycle ---------------------------------------------------------------------------

    def refresh(
        self,
        progress: Progress | None = None,
        committed: Callable[[], None] | None = None,
        changed: Collection[str] | None = None,
    ) -> UpdateStats | None:
        """Re-read added, changed and deleted files into the index; None when this process may
        not write it (read-only folder; or another process is updating it: ``busy``). ``changed``:
        the paths (relative to the root) a watcher saw change since the last refresh, if known.

        Readers and searches go on meanwhile. Files are committed in passes: after each, what is
        indexed so far is what readers see, and ``committed`` is called. ``close()`` stops it
        (what was committed stays). If it fails, the index stays as last committed."""
        if self._opened.read_only:
            return None
        self._walks.saw(changed)
        with self._refresh_lock, self._links_lock:
            try:
                with self._opened.writing() as moved:
                    stats = self._locked_update(moved, progress, committed)
            except IndexBusy:
                self.busy = True
                return None
        with self._reader.lock:
            self.stats = stats
            if stats.reindexed or stats.deleted:
                self._topics.forget()
                self._entities.forget_links()
        return stats

    def _locked_update(
        self, moved: bool, progress: Progress | None, committed: Callable[[], None] | None
    ) -> UpdateStats:
        self.busy = False
        self._reader.updating = True
        try:
            if moved:  # another process updated the index: what this one had read is stale
                self._forget()
            self._heal()
            stats = self._update(progress, committed)
        except BaseException as err:
            self._forget()  # what the failed pass put in memory is not on disk
            self.failure = _failure(err)
            raise
        finally:
            self._reader.updating = False
            self._show_committed()
        self.failure = ""
        return stats

    def _update(self, progress: Progress | None, committed: Callable[[], None] | None) -> UpdateStats:
        from search.index.update import update

        def each_pass() -> None:
            self._show_committed()
            if committed is not None:
                committed()

        def steps(done: int, total: int, **stage: str) -> None:
            if self._closed:
                raise UpdateStopped
            self.pending = total - done
            if progress is not None:
                progress(done, total, **stage)  # (told as the update tells it: see update._Steps)

        with without_gc():  # (50,000 small objects)
            walked = self._walks.files()
        try:
            return update(
                self._opened,
                self.root,
                self.only,
                steps,
                self.vocabulary,
                self.enricher,
                self._entities.mention_store,
                each_pass,
                walked,
            )
        finally:
            self.pending = 0

    def _show_committed(self) -> None:
        """What readers see becomes what is committed (until the library is closed)."""
        with self._reader.lock:
            if not self._closed:
                self._reader.show_committed()

    def _heal(self) -> None:
        """Before an update (with the folder's lock): repair what a failed read found, and check
        the saved analysis."""
        if self._repair.repair():
            self._forget()
        self._repair.check_analysis()

    def _forget(self) -> None:
        """Read the catalog, mentions and vocabulary from disk again when next needed."""
        catalog = Catalog.load(self._opened.folder, SCHEMA_VERSION)
        if catalog is not None:
            self._opened.catalog = catalog
        self._entities.forget()
        self._reader.forget_vocabulary()
        self._topics.forget()

    def close(self) -> None:
        """Close the index; an update running in another thread stops at its next file."""
        with self._reader.lock:
            if self._closed:
                return
            self._closed = True
        self._entities.save_links()  # (after an update running now, which stops at its next file)
        with self._refresh_lock, self._reader.lock:  # (the update stops, and rolls back its pass, first)
            self._reader.close()
            self._opened.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what is there -----------------------------------------------------------------------

    @property
    def corpus_path(self) -> Path:
        """The folder (or the one file) that was opened."""
        return self.root / self.only if self.only else self.root

    @property
    def name(self) -> str:
        return self.only or self.root.name

    @property
    def index_dir(self) -> Path:
        return self._opened.folder

    @property
    def enricher(self) -> Enricher:
        """The topic taxonomy and entity lists, the user's own files included (read when first needed)."""
        return self._settings.enricher

    @property
    def notices(self) -> list[str]:
        """Things the user should be told: the index's (below) and the user's files' problems."""
        busy = [BUSY_NOTICE] if self.busy else []
        return [*self.index_notices, *busy, *filter(None, [self.read_failure]), *self.settings_notices]

    @property
    def index_notices(self) -> list[str]:
        """Read-only, rebuilt or temporary index: known as soon as the library is open."""
        return list(self._opened.notices)

    @property
    def settings_notices(self) -> list[str]:
        """Problems with the user's topics.toml and entities.toml (reads them if not done yet)."""
        return list(self.enricher.notices)

    def vocabulary(self) -> Vocabulary:
        return self._reader.vocabulary()

    @property
    def generation(self) -> int:
        """Counts the changes to what readers see (this process's or another's)."""
        return self._reader.generation

    @property
    def read_failure(self) -> str:
        """Why reading the index failed (a damaged file), until the next update repairs it."""
        return self._repair.read_failure

    @property
    def read_only(self) -> bool:
        return not self._opened.writable

    @property
    def load_report(self) -> LoadReport:
        catalog = self._reader.view
        return LoadReport(
            articles=len(catalog.articles),
            files=catalog.files,
            other_files=catalog.other_files,
            issues=list(catalog.issues),
            unindexed=self.pending,
            failure=self.failure,
        )

    # -- articles (articles.py) --------------------------------------------------------------

    def articles(self) -> list[ArticleSummary]:
        return self._articles.articles()

    def article(self, article_id: str) -> Article | None:
        return self._articles.article(article_id)

    def related(self, article_id: str, limit: int = 8) -> list[ArticleSummary]:
        return self._articles.related(article_id, limit)

    def key_terms(self, article_id: str, count: int = 8) -> list[str]:
        return self._articles.key_terms(article_id, count)

    # -- search (searching.py) --------------------------------------------------------------

    def search(
        self,
        text: str,
        limit: int | None = 20,
        filters: Filters | None = None,
        snippets: int = 2,
        with_facets: bool = True,
        offset: int = 0,
    ) -> SearchResult:
        return self._searching.search(text, limit, filters, snippets, with_facets, offset)

    def snippets(self, text: str, ids: Sequence[str]) -> dict[str, tuple[Snippet, ...]]:
        return self._searching.snippets(text, ids)

    def facet_counts(self, text: str, filters: Filters | None = None) -> dict[str, list[tuple[str, int]]]:
        return self._searching.facet_counts(text, filters)

    def match_spans(self, text: str, article: Article) -> list[Span]:
        return self._searching.match_spans(text, article)

    # -- topics (topics.py) ------------------------------------------------------------------

    def topics(self) -> list[TopicInfo]:
        return self._topics.topics()

    def topic(self, topic_id: str) -> TopicInfo | None:
        return self._topics.topic(topic_id)

    def topic_articles(self, topic_id: str, limit: int = 50) -> SearchResult:
        return self._topics.topic_articles(topic_id, limit)

    def topic_query_text(self, topic_id: str) -> str:
        return self._topics.topic_query_text(topic_id)

    def topic_name_query(self, topic_id: str) -> str:
        return self._topics.topic_name_query(topic_id)

    def article_topics(self, article_id: str) -> list[tuple[TopicInfo, float]]:
        return self._topics.article_topics(article_id)

    def match_topics(self, text: str, limit: int = 20) -> list[TopicMatch]:
        return self._topics.match_topics(text, limit)

    # -- entities (entities.py) --------------------------------------------------------------

    def entity_links(self) -> EntityLinks:
        return self._entities.entity_links()

    def save_links(self) -> None:
        self._entities.save_links()

    @property
    def links_ready(self) -> bool:
        """Whether ``entity_links`` would answer at once (the TUI warms it up in the background)."""
        return self._entities.linked is not None

    def entities(self, label: str | None = None) -> list[Entity]:
        return self._entities.entities(label)

    def entity(self, name_or_id: str) -> Entity | None:
        return self._entities.entity(name_or_id)

    def find_entities(self, text: str, limit: int = 20) -> list[tuple[Entity, float]]:
        return self._entities.find_entities(text, limit)

    def article_mentions(self, article_id: str) -> list[Mention]:
        return self._entities.article_mentions(article_id)

    def cooccurring(self, entity: Entity, limit: int = 15) -> SeenWith:
        return self._entities.cooccurring(entity, limit)

    def entity_mentions(self, entity: Entity) -> Sequence[MentionContext]:
        return self._entities.entity_mentions(entity)


def _failure(err: BaseException) -> str:
    """Why an update failed, in the user's words."""
    if isinstance(err, UpdateStopped):
        return "the update was stopped"
    from search.index.workers import WorkerFailed  # (only an update needs the workers)

    if isinstance(err, OSError | WorkerFailed) and err.errno == errno.ENOSPC:
        return "the disk is full; the index is kept as it was, and the rest is indexed once there is room"
    return str(err) or type(err).__name__
