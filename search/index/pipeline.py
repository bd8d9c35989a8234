"""Reading and analysing files for the index: in worker processes when there are many.

Reading (decode, parse, paragraphs) and analysis (topics, entities, vocabulary) are
most of the cost of indexing and depend on one file only, so a pool of processes
does them while the parent feeds Whoosh. Small updates run in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search.analysis.enrich import Enricher, Extras
from search.corpus.loader import LoadedFile, build_articles, read_file
from search.index.vocabulary import article_terms
from search.model import Article

POOL_MIN_FILES = 300  # fewer changed files than this are read in-process
CHUNK = 32


@dataclass(slots=True)
class Analysed:
    article: Article
    extras: Extras
    words: Counter[str]
    phrases: set[str]


def analyse_file(loaded: LoadedFile, boilerplate: frozenset[str], enricher: Enricher) -> list[Analysed]:
    out = []
    for article in build_articles(loaded, boilerplate):
        words, phrases = article_terms(article.title, article.body)
        out.append(Analysed(article, enricher.extras(article), words, phrases))
    return out


_worker: dict[str, Any] = {}


def _init(root: Path, config: tuple[tuple[Path, ...], tuple[Path, ...]]) -> None:
    _worker["root"] = root
    _worker["enricher"] = Enricher(*config)


def _read(rel: str) -> tuple[str, LoadedFile]:
    return rel, read_file(_worker["root"], rel)


def _analyse(job: tuple[str, LoadedFile, frozenset[str]]) -> tuple[str, list[Analysed]]:
    rel, loaded, boilerplate = job
    return rel, analyse_file(loaded, boilerplate, _worker["enricher"])


class Workers:
    """``read`` and ``analyse`` over many files, in a process pool when it pays."""

    def __init__(self, root: Path, enricher: Enricher, files: int) -> None:
        self.root = root
        self.enricher = enricher
        self._pool = None
        cores = os.cpu_count() or 1
        if files >= POOL_MIN_FILES and cores > 1:
            # forkserver, not fork: the TUI opens corpora from a thread, and forking a threaded
            # process can deadlock the child.
            context = multiprocessing.get_context("forkserver")
            self._pool = context.Pool(min(cores, 4), initializer=_init, initargs=(root, enricher.config))

    def read(self, rels: list[str]) -> Iterator[tuple[str, LoadedFile]]:
        if self._pool is None:
            return ((rel, read_file(self.root, rel)) for rel in rels)
        return self._pool.imap(_read, rels, chunksize=CHUNK)

    def analyse(
        self, jobs: Iterable[tuple[str, LoadedFile]], boilerplate: frozenset[str]
    ) -> Iterator[tuple[str, list[Analysed]]]:
        if self._pool is None:
            return ((rel, analyse_file(lf, boilerplate, self.enricher)) for rel, lf in jobs)
        return self._pool.imap(_analyse, ((rel, lf, boilerplate) for rel, lf in jobs), chunksize=CHUNK)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
