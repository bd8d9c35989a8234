"""Reading, analysing and indexing files: in worker processes when there are many.

Reading (decode, parse, paragraphs), analysis (topics, entities, vocabulary) and
Whoosh's own indexing are most of the cost of a build, and each depends on one
article only. So with many files a pool of processes reads them, then indexes
batches of articles, each batch into a Whoosh segment of its own, which the parent
adds to the index when it commits. The parent only plans (boilerplate, duplicates,
the catalog) and merges what the workers hand back. Small updates run in-process,
into the parent's own writer.
"""

from __future__ import annotations

import math
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from whoosh.codec.base import Segment
from whoosh.writing import IndexWriter, SegmentWriter

from search.analysis.enrich import Enricher, Extras, masked_body
from search.analysis.entities.corpus_linker import pack
from search.analysis.tokens import PreAnalysed
from search.corpus.loader import LoadedFile, read_file
from search.index import texts
from search.index.codec import Codec
from search.index.facets import article_facets, facet_fields
from search.index.mapped import open_folder
from search.index.merge import Merge, merge_group
from search.index.vocabulary import article_terms
from search.index.workers import Pool, WorkerFailed, tick
from search.model import Article

POOL_MIN_FILES = 300  # fewer changed files than this are read and indexed in-process
CHUNK = 16  # files a worker reads per task
BATCHES_PER_WORKER = 4  # segments each worker writes at most: enough to balance the load
BATCH_FILES = 2000  # files a batch (a segment) has at least, unless each worker would go without one
WRITER_LIMIT_MB = 256
COMPRESSION = 3  # zlib level of posting blocks
MERGE_PARTS = 2  # a build's segments merged into at most this many: half the merge's time on 2 cores

FileJob = tuple[str, list[Article]]  # a file and its articles to index (duplicates already left out)
Tick = Callable[[int], None]  # files indexed so far


def writer_options() -> dict[str, Any]:
    """How every Whoosh writer of the index is set up (the parent's and the workers'). Posting
    blocks are compressed (zlib, Whoosh's default level): uncompressed they were 60% of the index
    on disk, 2.4 times their compressed size, and reading them was not measurably faster. Short
    posting lists are kept in the term table instead (``codec``)."""
    return {"limitmb": WRITER_LIMIT_MB, "codec": Codec(compression=COMPRESSION)}


@dataclass(slots=True)
class Indexed:
    """What indexing some files gave: their articles' mentions and vocabulary, maybe a segment."""

    mentions: list[tuple[str, bytes]] = field(default_factory=list)  # (article id, first pass, packed)
    words: Counter[str] = field(default_factory=Counter)
    phrases: Counter[str] = field(default_factory=Counter)  # phrase -> articles it occurs in
    segment: Segment | None = None  # a worker's own segment, for the parent to add
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, what analysis left out)


def index_files(jobs: Iterable[FileJob], writer: IndexWriter, enricher: Enricher, tick: Tick) -> Indexed:
    """Analyse and index the articles of ``jobs`` into ``writer``, counting files with ``tick``.
    An article whose analysis fails is indexed without it, and the file is reported."""
    out = Indexed()
    for done, (rel, articles) in enumerate(jobs, 1):
        for article in articles:
            extras = _extras(enricher, article)
            out.notes.extend((rel, note) for note in extras.notes)
            writer.add_document(**document(article, extras))
            words, phrases = article_terms(article.title, article.body)
            out.words.update(words)
            out.phrases.update(phrases)
            out.mentions.append((article.id, pack(extras.mentions)))
        tick(done)
    return out


def _extras(enricher: Enricher, article: Article) -> Extras:
    try:
        return enricher.extras(article)
    except (Exception, RecursionError) as err:  # one article never stops a build
        kind = type(err).__name__
        return Extras(notes=[f"indexed without topics and names: analysis failed ({kind}: {err})"[:300]])


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
        "text": texts.key(texts.text_of(article)),  # (the text itself is saved beside: texts.py)
        "source": article.source,
        "section": article.section,
        "author": article.author,
        "tags": ",".join(article.tags),
        "date": article.date,
        "url": article.url,
        "hash": article.hash,
        **facet_fields(article_facets(article, extras.facets)),
        **extras.stored,
    }


def _analysed(text: str, terms: list[str] | None) -> str:
    return PreAnalysed(text, terms) if terms is not None else text


# -- in a worker process ------------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init(root: Path, config: tuple[tuple[Path, ...], tuple[Path, ...]], folder: Path) -> None:
    _worker.update(root=root, enricher=Enricher(*config), folder=folder)


def _read(rels: list[str]) -> list[tuple[str, LoadedFile]]:
    return [(rel, read_file(_worker["root"], rel)) for rel in rels]


def _index_batch(jobs: list[FileJob]) -> Indexed:
    """Index a batch into a new segment (committed by the parent, which holds the index's lock)."""
    ix = open_folder(_worker["folder"])
    writer = SegmentWriter(ix, _lk=False, **writer_options())
    try:
        indexed = index_files(jobs, writer, _worker["enricher"], tick)
        indexed.segment = writer._finalize_segment()
    except BaseException:
        writer._close_segment()  # not cancel(): that would remove the temporary folder others share
        raise
    return indexed


def _merge_batch(group: list[Segment]) -> Segment:
    """Merge a group of segments into a new one (committed by the parent)."""
    return merge_group(open_folder(_worker["folder"]), writer_options(), group, lambda: tick(0))


# -- in the parent ------------------------------------------------------------------------------


class Workers:
    """``read`` and ``index`` many files, in worker processes when it pays.

    The workers start in the background (about a second): meanwhile this process reads and
    indexes, so that the first files of a build show as soon as they would without them."""

    def __init__(self, root: Path, enricher: Enricher, folder: Path, files: int) -> None:
        self.root = root
        self.enricher = enricher
        self.notices: list[str] = []
        self._pool: Pool | None = None  # set once the workers have started
        self.segments = 0  # segments the workers wrote
        self._procs = min(os.cpu_count() or 1, 4)
        self._starting: threading.Thread | None = None
        if files >= POOL_MIN_FILES and self._procs > 1:
            self._starting = threading.Thread(target=self._start, args=(folder,), daemon=True)
            self._starting.start()

    def _start(self, folder: Path) -> None:
        try:
            self._pool = Pool(self._procs, _init, self.root, self.enricher.config, folder)
        except (WorkerFailed, OSError) as err:  # e.g. no Python to start: slower, not broken
            self.notices.append(f"Indexing in one process: worker processes could not start ({err}).")

    def read(self, rels: list[str]) -> Iterator[tuple[str, LoadedFile]]:
        pool = self._pool
        if pool is None:
            return ((rel, read_file(self.root, rel)) for rel in rels)
        chunks = ((rels[i : i + CHUNK],) for i in range(0, len(rels), CHUNK))
        return chain.from_iterable(pool.run(_read, chunks))

    def index(
        self, jobs: Iterable[FileJob], files: int, writer: IndexWriter, tick: Tick
    ) -> Iterator[Indexed]:
        """Index ``files`` files' articles: in-process into ``writer``, or by the workers in batches,
        each into a segment of its own (handed back, in order, in ``Indexed.segment``)."""
        pool = self._pool
        if pool is None:
            yield index_files(jobs, writer, self.enricher, tick)
            return
        batches = min(max(math.ceil(files / BATCH_FILES), self._procs), self._procs * BATCHES_PER_WORKER)
        size = max(1, math.ceil(files / batches))
        for indexed in pool.run(_index_batch, ((batch,) for batch in batched(jobs, size)), tick):
            self.segments += 1
            yield indexed
        tick(files)

    def merger(self, check: Callable[[], None]) -> tuple[int, Merge | None]:
        """Into how many segments to merge (one a worker, at most ``MERGE_PARTS``), and who merges
        them: the workers, side by side (``check`` called as they go), or this process (None)."""
        pool = self._pool
        if pool is None:
            return 1, None
        parts = min(self._procs, MERGE_PARTS)
        return parts, lambda groups: pool.run(_merge_batch, ((g,) for g in groups), lambda _: check())

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if self._starting is not None:
            self._starting.join()
        if self._pool is not None:
            self._pool.close(kill=kind is not None)  # a failed or stopped update stops them at once
            self._pool = None


def batched(items: Iterable[FileJob], size: int) -> Iterator[list[FileJob]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
