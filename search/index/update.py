"""Bring an index up to date with its corpus: only added, changed or deleted files are (re)indexed."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import IndexWriter

from search.analysis.enrich import Enricher, Extras, masked_body
from search.analysis.tokens import PreAnalysed
from search.corpus.discover import FileStat, discover
from search.corpus.loader import LoadedFile
from search.corpus.report import DUPLICATE
from search.index.catalog import Catalog, FileEntry
from search.index.facets import article_facets, facet_fields
from search.index.mention_store import MentionStore
from search.index.pipeline import Analysed, Workers
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
    found = discover(root, only)
    current = {f.rel: f for f in found.files}
    changed = {
        rel for rel, f in current.items()
        if (e := catalog.files.get(rel)) is None or (e.size, e.mtime_ns) != (f.size, f.mtime_ns)
        or catalog.analysis != enricher.key
    }  # fmt: skip
    deleted = set(catalog.files) - set(current)
    if not (changed or deleted or found.other_files != catalog.other_files):
        return UpdateStats(0, 0, len(current), len(catalog.articles), time.perf_counter() - started)
    with Workers(root, enricher, len(changed)) as workers:
        steps = _Steps(progress, 2 * len(changed))
        loaded = dict(steps.count(workers.read(sorted(changed))))
        boilerplate = _boilerplate(catalog, loaded, deleted)
        shifted = set(boilerplate).symmetric_difference(catalog.boilerplate)
        gone = {i for rel in changed | deleted if rel in catalog.files for i in catalog.files[rel].ids}
        extra = {
            rel for rel, e in catalog.files.items()
            if rel in current and rel not in changed
            and (shifted.intersection(e.edges) or gone.intersection(e.duplicate_of))
        }  # fmt: skip
        if extra:
            loaded.update(workers.read(sorted(extra)))
            changed |= extra
        writer = opened.ix.writer(limitmb=256, codec=W3Codec(compression=0))
        words = vocabulary() if vocabulary is not None and changed else None
        store = mentions() if mentions is not None else None
        try:
            for rel in sorted(changed | deleted):
                for article_id in _remove(writer, catalog, rel):
                    if store is not None:
                        store.drop(article_id)
            jobs = ((rel, loaded[rel]) for rel in sorted(changed))
            for rel, analysed in steps.count(workers.analyse(jobs, frozenset(boilerplate))):
                for item in _add(writer, catalog, current[rel], loaded.pop(rel), analysed):
                    if words is not None:
                        words.merge(item.words, item.phrases)
                    if store is not None:
                        store.put(item.article.id, item.extras.mentions)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
    if store is not None and store.changed:
        store.save(opened.folder)  # before the catalog: a crash in between re-indexes, never loses
    catalog.boilerplate = sorted(boilerplate)
    catalog.analysis = enricher.key
    catalog.other_files = found.other_files
    catalog.walk_issues = [(i.path, i.kind, i.reason) for i in found.issues]
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
            self.done += 1
            if self.progress is not None and (self.done % 50 == 0 or self.done == self.total):
                self.progress(self.done, self.total)


def _boilerplate(catalog: Catalog, loaded: dict[str, LoadedFile], deleted: set[str]) -> set[str]:
    counts: Counter[str] = Counter()
    for rel, entry in catalog.files.items():
        if rel not in loaded and rel not in deleted:
            counts.update(entry.edges)
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


def _add(
    writer: IndexWriter, catalog: Catalog, stat: FileStat, lf: LoadedFile, analysed: list[Analysed]
) -> list[Analysed]:
    """Index a file's analysed articles (duplicates are only reported); returns those indexed."""
    added = []
    entry = FileEntry(stat.size, stat.mtime_ns, edges=sorted(lf.edge_keys()))
    entry.issues = [(i.kind, i.reason) for i in lf.issues]
    for item in analysed:
        article = item.article
        canonical = catalog.hashes.get(article.hash) if article.body else None
        if canonical is not None and canonical != article.id:
            entry.duplicate_of.append(canonical)
            entry.issues.append((DUPLICATE, f"same text as {canonical} (article {article.id}); indexed once"))
            continue
        writer.update_document(**document(article, item.extras))
        added.append(item)
        entry.ids.append(article.id)
        entry.hashes.append(article.hash)
        if article.body:
            catalog.hashes[article.hash] = article.id
        catalog.articles[article.id] = ArticleSummary(
            article.id, article.title, article.source, article.date, article.section, article.path
        )
    catalog.files[stat.rel] = entry
    return added


def document(article: Article, extras: Extras | None = None) -> dict[str, object]:
    """The Whoosh document for an article, with what analysis adds to it."""
    extras = extras or Extras()
    body = masked_body(article)
    return {
        "id": article.id,
        "path": article.path,
        "title": _analysed(article.title, extras.terms.get("title")),
        "_stored_title": article.title,
        "headings": "\n".join(article.headings),
        "body": _analysed(body, extras.terms.get("body")),
        "_stored_body": body,
        "source": article.source,
        "section": article.section,
        "author": article.author,
        "tags": ",".join(article.tags),
        "date": article.date,
        "url": article.url,
        "blocks": [(b.start, b.end, b.kind) for b in article.blocks],
        "hash": article.hash,
        **facet_fields(article_facets(article, extras.facets)),
        **extras.stored,
    }


def _analysed(text: str, terms: list[str] | None) -> str:
    return PreAnalysed(text, terms) if terms is not None else text
