"""Bring an index up to date with its corpus: only added, changed or deleted files are (re)indexed."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TypeVar

from whoosh.codec.base import Segment
from whoosh.writing import IndexWriter, SegmentWriter

from search.analysis.enrich import Enricher
from search.corpus.discover import FileStat, discover
from search.corpus.loader import LoadedFile, build_articles
from search.corpus.report import DUPLICATE
from search.index.bulk import without_gc
from search.index.catalog import Catalog, FileEntry
from search.index.mention_store import MentionStore
from search.index.pipeline import FileJob, Workers, writer_options
from search.index.store import OpenIndex
from search.index.vocabulary import Vocabulary
from search.model import Article, ArticleSummary

Progress = Callable[[int, int], None]  # (steps done, steps to do): each file is read, then indexed
T = TypeVar("T")

BOILERPLATE_MIN_FILES = 3
BOILERPLATE_SHARE = 0.01  # a line at the edge of at least 1% of files is boilerplate


@dataclass(frozen=True, slots=True)
class UpdateStats:
    reindexed: int  # files read and indexed again (added or changed)
    deleted: int
    unchanged: int
    articles: int
    seconds: float


def update(
    opened: OpenIndex,
    root: Path,
    only: str | None = None,
    progress: Progress | None = None,
    vocabulary: Callable[[], Vocabulary] | None = None,
    enricher: Enricher | None = None,
    mentions: Callable[[], MentionStore] | None = None,
) -> UpdateStats:
    started = time.perf_counter()
    enricher = enricher or Enricher((), ())
    catalog = opened.catalog
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
    with Workers(root, enricher, opened.folder, len(changed)) as workers:
        steps = _Steps(progress, 2 * len(changed))
        loaded = dict(steps.count(workers.read(sorted(changed))))
        boilerplate = frozenset(_boilerplate(catalog, loaded, deleted))
        shifted = boilerplate.symmetric_difference(catalog.boilerplate)
        gone = {i for rel in changed | deleted if rel in catalog.files for i in catalog.files[rel].ids}
        extra = {  # (most files have no duplicates, and most updates shift no boilerplate)
            rel for rel, e in catalog.files.items()
            if rel in current and rel not in changed
            and (
                (shifted and shifted.intersection(e.edges))
                or (e.duplicate_of and gone.intersection(e.duplicate_of))
            )
        }  # fmt: skip
        if extra:
            loaded.update(workers.read(sorted(extra)))
            changed |= extra
        writer = opened.ix.writer(**writer_options())
        words = vocabulary() if vocabulary is not None and changed else None
        store = mentions() if mentions is not None else None
        try:
            for rel in sorted(changed | deleted):
                for article_id in _remove(writer, catalog, rel):
                    if store is not None:
                        store.drop(article_id)
            jobs = _plan(catalog, current, loaded, sorted(changed), boilerplate)
            segments = []
            read = steps.done
            for indexed in workers.index(jobs, len(changed), writer, lambda n: steps.reach(read + n)):
                if words is not None:
                    words.merge(indexed.words, indexed.phrases)
                if store is not None:
                    for article_id, found_mentions in indexed.mentions:
                        store.put(article_id, found_mentions)
                if indexed.segment is not None:
                    segments.append(indexed.segment)
            _commit(writer, segments)
        except BaseException:
            writer.cancel()
            raise
    if store is not None and store.changed:
        store.save()  # before the catalog: a crash in between re-indexes, never loses
    catalog.boilerplate = sorted(boilerplate)
    catalog.analysis = enricher.key
    catalog.other_files = found.other_files
    catalog.walk_issues = [(i.path, i.kind, i.reason) for i in found.issues]
    catalog.sort()
    catalog.save(opened.folder)
    return UpdateStats(
        reindexed=len(changed),
        deleted=len(deleted),
        unchanged=len(current) - len(changed),
        articles=len(catalog.articles),
        seconds=time.perf_counter() - started,
    )


class _Steps:
    """Reports progress as files are read, then analysed and indexed."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def count(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            yield item
            self.reach(self.done + 1)

    def reach(self, done: int) -> None:
        """``done`` steps are done (reported every 50 steps, and at the end)."""
        before, self.done = self.done, done
        if self.progress is not None and done > before and (done // 50 > before // 50 or done == self.total):
            self.progress(done, self.total)


def _boilerplate(catalog: Catalog, loaded: dict[str, LoadedFile], deleted: set[str]) -> set[str]:
    counts = Counter(
        chain.from_iterable(
            e.edges for rel, e in catalog.files.items() if rel not in loaded and rel not in deleted
        )
    )
    for lf in loaded.values():
        counts.update(lf.edge_keys())
    files = len(catalog.files) - len(deleted) + sum(1 for rel in loaded if rel not in catalog.files)
    floor = max(BOILERPLATE_MIN_FILES, BOILERPLATE_SHARE * files)
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
) -> Iterator[FileJob]:
    """Each file's articles to index, in path order, the catalog updated as they go."""
    for rel in rels:
        lf = loaded.pop(rel)
        yield rel, _catalogue(catalog, current[rel], lf, build_articles(lf, boilerplate))


def _catalogue(catalog: Catalog, stat: FileStat, lf: LoadedFile, articles: list[Article]) -> list[Article]:
    """Record a file and its articles in the catalog; returns those to index (duplicates are only
    reported)."""
    kept = []
    entry = FileEntry(stat.size, stat.mtime_ns, edges=sorted(lf.edge_keys()))
    entry.issues = [(i.kind, i.reason) for i in lf.issues]
    for article in articles:
        canonical = catalog.hashes.get(article.hash) if article.body else None
        if canonical is not None and canonical != article.id:
            entry.duplicate_of.append(canonical)
            entry.issues.append((DUPLICATE, f"same text as {canonical} (article {article.id}); indexed once"))
            continue
        kept.append(article)
        entry.ids.append(article.id)
        entry.hashes.append(article.hash)
        if article.body:
            catalog.hashes[article.hash] = article.id
        catalog.articles[article.id] = ArticleSummary(
            article.id, article.title, article.source, article.date, article.section, article.path
        )
    catalog.files[stat.rel] = entry
    return kept


def _commit(writer: SegmentWriter, segments: list[Segment]) -> None:
    """Commit ``writer`` with the segments the workers wrote beside it (as Whoosh's own
    multi-process writer does): existing segments merged as usual, the new ones added."""
    if not segments:
        writer.commit()
        return
    final = writer._merge_segments(None, None, None) + segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()
