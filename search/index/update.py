"""Bring an index up to date with its corpus: only added, changed or deleted files are (re)indexed."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from whoosh.writing import IndexWriter

from search.analysis.enrich import Enricher, Extras
from search.corpus.discover import FileStat, discover
from search.corpus.loader import LoadedFile, build_articles, read_file
from search.corpus.report import DUPLICATE
from search.index.catalog import Catalog, FileEntry
from search.index.facets import article_facets, facet_fields
from search.index.mention_store import MentionStore
from search.index.store import OpenIndex
from search.index.vocabulary import Vocabulary
from search.model import Article, ArticleSummary

Progress = Callable[[int, int], None]  # (files done, files to do)

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
    catalog = opened.catalog
    found = discover(root, only)
    current = {f.rel: f for f in found.files}
    key = enricher.key if enricher is not None else ""
    changed = {
        rel for rel, f in current.items()
        if (e := catalog.files.get(rel)) is None or (e.size, e.mtime_ns) != (f.size, f.mtime_ns)
        or catalog.analysis != key
    }  # fmt: skip
    deleted = set(catalog.files) - set(current)
    loaded = _read(root, sorted(changed), progress)

    boilerplate = _boilerplate(catalog, loaded, deleted)
    shifted = set(boilerplate).symmetric_difference(catalog.boilerplate)
    gone = {i for rel in changed | deleted if rel in catalog.files for i in catalog.files[rel].ids}
    extra = {
        rel for rel, e in catalog.files.items()
        if rel in current and rel not in changed
        and (shifted.intersection(e.edges) or gone.intersection(e.duplicate_of))
    }  # fmt: skip
    if extra:
        loaded.update(_read(root, sorted(extra), None))
        changed |= extra

    if changed or deleted or found.other_files != catalog.other_files:
        writer = opened.ix.writer(limitmb=256)
        words = vocabulary() if vocabulary is not None and changed else None
        store = mentions() if mentions is not None else None
        try:
            for rel in sorted(changed | deleted):
                for article_id in _remove(writer, catalog, rel):
                    if store is not None:
                        store.drop(article_id)
            bp = frozenset(boilerplate)
            for rel in sorted(changed):
                for article, extras in _add(writer, catalog, current[rel], loaded[rel], bp, enricher):
                    if words is not None:
                        words.add_article(article.title, article.body)
                    if store is not None:
                        store.put(article.id, extras.mentions)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        if store is not None and store.changed:
            store.save(opened.folder)  # before the catalog: a crash in between re-indexes, never loses
        catalog.boilerplate = sorted(boilerplate)
        catalog.analysis = key
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


def _read(root: Path, rels: list[str], progress: Progress | None) -> dict[str, LoadedFile]:
    out = {}
    for n, rel in enumerate(rels, start=1):
        out[rel] = read_file(root, rel)
        if progress is not None and (n % 50 == 0 or n == len(rels)):
            progress(n, len(rels))
    return out


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
    writer: IndexWriter,
    catalog: Catalog,
    stat: FileStat,
    lf: LoadedFile,
    boilerplate: frozenset[str],
    enricher: Enricher | None,
) -> list[tuple[Article, Extras]]:
    """Index the file's articles (duplicates are only reported); returns those indexed."""
    added = []
    entry = FileEntry(stat.size, stat.mtime_ns, edges=sorted(lf.edge_keys()))
    entry.issues = [(i.kind, i.reason) for i in lf.issues]
    for article in build_articles(lf, boilerplate):
        canonical = catalog.hashes.get(article.hash) if article.body else None
        if canonical is not None and canonical != article.id:
            entry.duplicate_of.append(canonical)
            entry.issues.append((DUPLICATE, f"same text as {canonical} (article {article.id}); indexed once"))
            continue
        extras = enricher.extras(article) if enricher is not None else Extras()
        writer.update_document(**document(article, extras))
        added.append((article, extras))
        entry.ids.append(article.id)
        entry.hashes.append(article.hash)
        if article.body:
            catalog.hashes[article.hash] = article.id
        catalog.articles[article.id] = ArticleSummary(
            article.id, article.title, article.source, article.date, article.section, article.path
        )
    catalog.files[stat.rel] = entry
    return added


def masked_body(article: Article) -> str:
    """The body with its headings blanked out (same length, so offsets still match the article)."""
    body = article.body
    for b in article.blocks:
        if b.kind == "heading":
            body = body[: b.start] + " " * (b.end - b.start) + body[b.end :]
    return body


def document(article: Article, extras: Extras | None = None) -> dict[str, object]:
    """The Whoosh document for an article, with what analysis adds to it."""
    extras = extras or Extras()
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "headings": "\n".join(article.headings),
        "body": masked_body(article),
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
