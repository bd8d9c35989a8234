"""Bring an index up to date with its corpus: only added, changed or deleted files are (re)indexed."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from whoosh.codec.base import Segment
from whoosh.index import clean_files
from whoosh.writing import IndexWriter, SegmentWriter

from search.analysis.enrich import Enricher
from search.corpus.discover import Discovery, FileStat, discover
from search.corpus.loader import LoadedFile, build_articles
from search.corpus.report import DUPLICATE, REPAIRED
from search.index import integrity
from search.index.bulk import without_gc
from search.index.catalog import Catalog, FileEntry
from search.index.mention_store import MentionStore
from search.index.merge import merge_pile, merge_small
from search.index.pipeline import FileJob, Indexed, Workers, writer_options
from search.index.store import OpenIndex, live_texts
from search.index.texts import TextStore, text_of
from search.index.vocabulary import Vocabulary
from search.model import INDEXING, MERGING, Article, ArticleSummary


class Progress(Protocol):
    """Told (files indexed, files to index) as an update goes; once all are indexed, while its
    segments are merged, told so too (``stage=MERGING``). May raise to stop the update."""

    def __call__(self, done: int, total: int, stage: str = INDEXING) -> None: ...


T = TypeVar("T")
FIRST_PASS = 100  # files in an update's first pass: the first articles show within a second or so
MAX_PASS = 2000  # passes double up to this size (or an eighth of the files, if more)

BOILERPLATE_MIN_FILES = 3
BOILERPLATE_SHARE = 0.01  # a line at the edge of at least 1% of files is boilerplate


@dataclass(frozen=True, slots=True)
class UpdateStats:
    reindexed: int  # files read and indexed again (added or changed)
    deleted: int
    unchanged: int
    articles: int
    seconds: float
    notices: tuple[str, ...] = ()


def update(
    opened: OpenIndex,
    root: Path,
    only: str | None = None,
    progress: Progress | None = None,
    vocabulary: Callable[[], Vocabulary] | None = None,
    enricher: Enricher | None = None,
    mentions: Callable[[], MentionStore] | None = None,
    committed: Callable[[], None] | None = None,
    walked: Discovery | None = None,
) -> UpdateStats:
    """Bring the index in ``opened`` up to date with the files under ``root``.

    Files are indexed in passes of growing size, each committed (index, mentions, vocabulary,
    catalog) before the next: what is indexed so far can be searched (``committed`` is called
    after each pass), and an interrupted build resumes where it stopped. ``progress`` may raise
    to stop the update: what was committed stays. ``walked``: the files under ``root`` now, if
    already known (``search.corpus.walks``); else the folder is walked."""
    started = time.perf_counter()
    enricher = enricher or Enricher((), ())
    catalog = opened.catalog
    if walked is not None:
        found = walked
    else:
        with without_gc():  # 50,000 small objects, while the catalog's are there to be scanned
            found = discover(root, only)
    current = {f.rel: f for f in found.files}
    files = catalog.files
    changed = {
        rel for rel, f in current.items()
        if (e := files.get(rel)) is None or (e.size, e.mtime_ns) != (f.size, f.mtime_ns)
        or catalog.analysis != enricher.key
    }  # fmt: skip
    deleted = set(files) - set(current)
    if not (changed or deleted or found.other_files != catalog.other_files):
        return UpdateStats(0, 0, len(current), len(catalog.articles), time.perf_counter() - started)
    if not files:  # nothing indexed with another analysis: each pass's files are final as they come
        catalog.analysis = enricher.key
    todo = sorted(changed)
    steps = _Steps(progress, len(todo))
    steps.start()
    words = vocabulary() if vocabulary is not None and changed else None
    store = mentions() if mentions is not None else None
    job = _Pass(opened, current, words, store, steps, len(deleted))
    size = FIRST_PASS
    passes = 0
    with _cleaned_on_failure(opened), Workers(root, enricher, opened.folder, len(todo)) as workers:
        while True:
            passes += 1
            part, todo = todo[:size], todo[size:]
            size = min(2 * size, max(MAX_PASS, len(changed) // 8))
            job.run(workers, part, deleted, set(todo))
            deleted = set()
            if not todo:
                catalog.analysis = enricher.key
            catalog.other_files = found.other_files
            catalog.walk_issues = [(i.path, i.kind, i.reason) for i in found.issues]
            job.save()
            if committed is not None:
                committed()
            if not todo:
                break
        parts, merge = workers.merger(steps.check)
        if passes > 1 or workers.segments > 1:
            steps.stage = MERGING
            steps.check()
        if (
            merge_small(opened.ix, writer_options(), len(job.added), steps.check, parts, merge)
            if passes > 1 or workers.segments > 1
            else merge_pile(opened.ix, writer_options(), steps.check)
        ):
            integrity.record(opened.folder, opened.ix)
            if committed is not None:
                committed()
        if opened.texts.compact(lambda: live_texts(opened.ix), opened.ix.doc_count()):
            integrity.record(opened.folder, opened.ix)
    notices = tuple(workers.notices)  # (after the workers' start has ended, failed or not)
    return UpdateStats(
        reindexed=len(job.indexed),
        deleted=job.deleted,
        unchanged=len(current) - len(job.indexed),
        articles=len(catalog.articles),
        seconds=time.perf_counter() - started,
        notices=notices,
    )


class _Pass:
    """Indexes some of the changed files and commits them: one pass of an update."""

    def __init__(
        self,
        opened: OpenIndex,
        current: dict[str, FileStat],
        words: Vocabulary | None,
        store: MentionStore | None,
        steps: _Steps,
        deleted: int,
    ) -> None:
        self.opened, self.catalog, self.current = opened, opened.catalog, current
        self.words, self.store, self.steps = words, store, steps
        self.deleted = deleted
        self.indexed: set[str] = set()  # files read and indexed (changed, or touched by a change)
        self.added: set[str] = set()  # articles indexed
        self.floor = max(BOILERPLATE_MIN_FILES, BOILERPLATE_SHARE * len(current))  # of the whole corpus

    def run(self, workers: Workers, part: list[str], deleted: set[str], pending: set[str]) -> None:
        """Index the files ``part`` and drop ``deleted`` (``pending`` come in later passes)."""
        catalog, steps = self.catalog, self.steps
        loaded = dict(steps.watch(workers.read(part)))
        boilerplate = frozenset(_boilerplate(catalog, loaded, deleted, self.floor))
        shifted = boilerplate.symmetric_difference(catalog.boilerplate)
        gone = {i for rel in [*part, *deleted] if rel in catalog.files for i in catalog.files[rel].ids}
        extra = {  # (most files have no duplicates, and most updates shift no boilerplate)
            rel for rel, e in catalog.files.items()
            if rel in self.current and rel not in loaded and rel not in pending
            and (
                (shifted and shifted.intersection(e.edges))
                or (e.duplicate_of and gone.intersection(e.duplicate_of))
            )
        }  # fmt: skip
        if extra:
            loaded.update(steps.watch(workers.read(sorted(extra))))
        rels = sorted(loaded)
        self.indexed.update(rels)
        writer = self.opened.ix.writer(**writer_options())
        try:
            for rel in sorted({*rels, *deleted}):
                for article_id in _remove(writer, catalog, rel):
                    if self.store is not None:
                        self.store.drop(article_id)
            jobs = _plan(catalog, self.current, loaded, rels, boilerplate, self.opened.texts)
            segments = []
            before = steps.done
            counted = len(part)  # the extra files are not in the progress's total

            def tick(files: int) -> None:
                steps.reach(before + min(files, counted))

            for indexed in workers.index(jobs, len(rels), writer, tick):
                self.added.update(article_id for article_id, _ in indexed.mentions)
                self._merge(indexed)
                if indexed.segment is not None:
                    segments.append(indexed.segment)
            steps.reach(before + counted)
            self.opened.texts.save()  # (before the commit that refers to them)
            _commit(writer, segments)
        except BaseException:
            self.opened.texts.discard()
            with suppress(Exception):  # (on a full disk, cancelling fails too: the first error counts)
                writer.cancel()
            raise
        integrity.record(self.opened.folder, self.opened.ix)  # (its checksums, for the next open)
        catalog.boilerplate = sorted(boilerplate)

    def _merge(self, indexed: Indexed) -> None:
        if self.words is not None:
            self.words.merge(indexed.words, indexed.phrases)
        if self.store is not None:
            for article_id, found_mentions in indexed.mentions:
                self.store.put(article_id, found_mentions)
        for rel, note in indexed.notes:
            entry = self.catalog.files[rel]
            if (REPAIRED, note) not in entry.issues:
                entry.issues = [*entry.issues, (REPAIRED, note)]

    def save(self) -> None:
        """Save what the pass committed: mentions and words first (a crash before the catalog is
        saved re-indexes those files, never loses them), then the catalog."""
        if self.store is not None and self.store.changed:
            self.store.save()
        if self.words is not None:
            self.words.save(self.opened.folder)
        self.catalog.sort()
        self.catalog.save(self.opened.folder)


class _Steps:
    """Reports progress as files are indexed; ``progress`` may raise to stop the update."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0
        self.stage = INDEXING

    def start(self) -> None:
        if self.progress is not None:
            self.progress(0, self.total)

    def watch(self, read: Iterator[T]) -> Iterator[T]:
        """``read`` as it is, with ``progress`` told every 25 files read (so that it can stop it)."""
        for n, item in enumerate(read, 1):
            yield item
            if self.progress is not None and n % 25 == 0:
                self.progress(self.done, self.total)

    def check(self) -> None:
        """Give ``progress`` a chance to stop the update (while it does something else than index)."""
        if self.progress is None:
            return
        if self.stage == INDEXING:
            self.progress(self.done, self.total)
        else:  # (told only when there is something else to tell: a plain callable of two will do)
            self.progress(self.done, self.total, stage=self.stage)

    def reach(self, done: int) -> None:
        """``done`` files are indexed (reported every 25 files, and at the end)."""
        before, self.done = self.done, done
        if self.progress is not None and done > before and (done // 25 > before // 25 or done == self.total):
            self.progress(done, self.total)


def _boilerplate(
    catalog: Catalog, loaded: dict[str, LoadedFile], deleted: set[str], floor: float
) -> set[str]:
    """Edge lines in at least ``floor`` files; copies of one file (the same bytes) count once."""
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for rel, e in catalog.files.items():
        if rel not in loaded and rel not in deleted and (e.digest not in seen or not e.digest):
            seen.add(e.digest)
            counts.update(e.edges)
    for lf in loaded.values():
        if lf.digest not in seen or not lf.digest:
            seen.add(lf.digest)
            counts.update(lf.edge_keys())
    return {h for h, n in counts.items() if n >= floor}


def _remove(writer: IndexWriter, catalog: Catalog, rel: str) -> list[str]:
    """Take a file's articles out of the index; returns their ids."""
    entry = catalog.files.pop(rel, None)
    if entry is None:
        return []
    for article_id, body_hash in zip(entry.ids, entry.hashes, strict=True):
        writer.delete_by_term("id", article_id)
        catalog.articles.pop(article_id, None)
        if catalog.hashes.get(body_hash) == article_id:
            del catalog.hashes[body_hash]
    return entry.ids


def _plan(
    catalog: Catalog,
    current: dict[str, FileStat],
    loaded: dict[str, LoadedFile],
    rels: list[str],
    boilerplate: frozenset[str],
    texts: TextStore,
) -> Iterator[FileJob]:
    """Each file's articles to index, in path order, the catalog updated and their texts put in
    ``texts`` as they go."""
    for rel in rels:
        lf = loaded.pop(rel)
        articles = _catalogue(catalog, current[rel], lf, build_articles(lf, boilerplate))
        for article in articles:
            texts.put(text_of(article))
        yield rel, articles


def _catalogue(catalog: Catalog, stat: FileStat, lf: LoadedFile, articles: list[Article]) -> list[Article]:
    """Record a file and its articles in the catalog; returns those to index (duplicates are only
    reported)."""
    kept = []
    ids: list[str] = []
    hashes: list[str] = []
    duplicate_of: list[str] = []
    issues = [(i.kind, i.reason) for i in lf.issues]
    for article in articles:
        canonical = catalog.hashes.get(article.hash) if article.body else None
        if canonical is not None and canonical != article.id:
            duplicate_of.append(canonical)
            issues.append((DUPLICATE, f"same text as {canonical} (article {article.id}); indexed once"))
            continue
        kept.append(article)
        ids.append(article.id)
        hashes.append(article.hash)
        if article.body:
            catalog.hashes[article.hash] = article.id
        catalog.articles[article.id] = ArticleSummary(
            article.id, article.title, article.source, article.date, article.section, article.path
        )
    edges = sorted(lf.edge_keys())
    entry = FileEntry(stat.size, stat.mtime_ns, ids, hashes, issues, edges, duplicate_of, lf.digest)
    catalog.files[stat.rel] = entry
    return kept


@contextmanager
def _cleaned_on_failure(opened: OpenIndex) -> Iterator[None]:
    """On failure (after the workers have stopped), remove the files of segments the index does
    not list and the writers' temporary folder: a failed update leaves no debris."""
    try:
        yield
    except BaseException:
        ix = opened.ix
        with suppress(Exception):  # tidying only: the next commit tries again
            toc = ix._read_toc()
            clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
        shutil.rmtree(opened.folder / f"{ix.indexname}.tmp", ignore_errors=True)
        raise


def _commit(writer: SegmentWriter, segments: list[Segment]) -> None:
    """Commit ``writer`` with the segments the workers wrote beside it (as Whoosh's own
    multi-process writer does), merging none: the update merges its segments when it ends
    (``merge_small``; ``merge_pile`` after small updates), faster than Whoosh's merge would in
    each pass."""
    if not segments:
        writer.commit(merge=False)
        return
    final = list(writer.segments) + segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()
