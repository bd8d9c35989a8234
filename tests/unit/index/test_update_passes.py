"""An update commits in passes: what is indexed so far is searchable, a stopped build resumes where
it stopped, and one article's failing analysis neither stops the build nor goes unreported."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.analysis.enrich import Enricher
from search.index.pipeline import MERGE_PARTS
from search.index.update import FIRST_PASS
from search.library import Library
from search.model import INDEXING, MERGING, Article
from tests.unit.reliability.support import write_small_corpus

COUNT = 500
WORKERS = min(os.cpu_count() or 1, MERGE_PARTS)  # segments a build is merged into: one a worker


class Stop(Exception):
    pass


def test_each_pass_is_searchable_as_soon_as_it_is_committed(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    library = Library.open(corpus, index_dir=tmp_path / "index", refresh=False)
    seen: list[tuple[int, int]] = []

    def committed() -> None:
        hits = library.search("uniquea0x").hits  # the first file, in the first pass
        seen.append((len(library.articles()), len(hits)))

    with library:
        stats = library.refresh(committed=committed)
    assert stats is not None and stats.reindexed == COUNT
    # passes of 100, then twice as many each time: 100, 200, then the 200 left; then the
    # segments the passes wrote are merged, into one a worker process (a commit too)
    assert FIRST_PASS == 100 and seen == [(100, 1), (300, 1), (COUNT, 1), (COUNT, 1)]
    assert library.load_report.unindexed == 0
    assert len(whoosh_index.open_dir(str(tmp_path / "index"))._segments()) <= WORKERS


def test_once_every_file_is_indexed_the_merge_is_told_as_such(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    told: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, stage: str = INDEXING) -> None:
        told.append((done, total, stage))

    with Library.open(corpus, index_dir=tmp_path / "index", refresh=False) as library:
        library.refresh(progress)
    stages = [stage for _, _, stage in told]
    first = stages.index(MERGING)  # (the build ends with a merge: WORKERS segments at most)
    assert set(stages[:first]) == {INDEXING} and set(stages[first:]) == {MERGING}
    assert told[first - 1][:2] == (COUNT, COUNT) and {t[:2] for t in told[first:]} == {(COUNT, COUNT)}


def test_a_stopped_build_resumes_where_it_stopped(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    index = tmp_path / "index"
    passes: list[int] = []
    reports = []

    def progress(done: int, total: int) -> None:
        if passes:  # the first pass is committed: stop now
            raise Stop("stopped by the test")

    with Library.open(corpus, index_dir=index, refresh=False) as library:

        def committed() -> None:
            passes.append(len(library.articles()))
            reports.append(library.load_report.summary())

        with pytest.raises(Stop):
            library.refresh(progress, committed)
        assert len(library.articles()) == FIRST_PASS  # what readers see is what was committed
        report = library.load_report
        assert report.failure == "stopped by the test" and report.unindexed == 0
    remaining = f"{COUNT - FIRST_PASS:,} files still to index"
    assert reports == [f"{FIRST_PASS} articles from {FIRST_PASS} files, {remaining}"]
    with Library.open(corpus, index_dir=index) as library:
        assert library.notices == [] and library.stats is not None
        assert library.stats.reindexed == COUNT - FIRST_PASS  # the first pass is not done again
        assert len(library.articles()) == COUNT
        assert [h.id for h in library.search(f"uniquea{COUNT - 1}x").hits] == [f"a{COUNT - 1:05d}.txt"]


def test_an_article_whose_analysis_fails_is_indexed_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "fine.txt").write_text("Prime Minister Fumio Kishida met officials in Tokyo.")
    (corpus / "hostile.txt").write_text("Smith and Jones and Brown and a zorbulon word.")
    extras = Enricher.extras

    def failing(self: Enricher, article: Article):  # type: ignore[no-untyped-def]
        if "zorbulon" in article.body:
            raise RecursionError("maximum recursion depth exceeded")
        return extras(self, article)

    monkeypatch.setattr(Enricher, "extras", failing)
    with Library.open(corpus, index_dir=tmp_path / "index") as library:
        assert [h.id for h in library.search("zorbulon").hits] == ["hostile.txt"]
        issues = [(i.path, i.kind, i.reason) for i in library.load_report.issues]
        assert issues == [
            (
                "hostile.txt",
                "repaired",
                "indexed without topics and names: analysis failed "
                "(RecursionError: maximum recursion depth exceeded)",
            )
        ]
        assert [e.name for e in library.entities()] != []  # the other file's names are there


def test_files_indexed_again_in_a_later_pass_are_counted_once(tmp_path: Path) -> None:
    """A line at the edge of files in two passes becomes boilerplate in the second: the first
    pass's files with it are indexed again (without it), and still count as one file each."""
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    marked = [0, 1, 2, *range(FIRST_PASS, FIRST_PASS + 7)]  # 3 in the first pass, 7 in the second
    for n in marked:
        path = corpus / f"a{n:05d}.txt"
        path.write_text(path.read_text() + "\n\nA special edition sign-off line.\n")
    with Library.open(corpus, index_dir=tmp_path / "index") as library:
        stats = library.stats
        assert stats is not None and (stats.reindexed, stats.unchanged) == (COUNT, 0)
        assert library.search('"special edition"').hits == []  # boilerplate everywhere, at last


def test_what_the_reader_asks_for_is_answered_at_once_while_an_update_runs(tmp_path: Path) -> None:
    """The TUI asks these on its UI thread (the preview, its side pane, the entity picker): an update
    paused after its first pass must not hold any of them up."""
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    paused, resume = threading.Event(), threading.Event()
    with Library.open(corpus, index_dir=tmp_path / "index", refresh=False) as library:
        assert library.entity_links().entities == []  # linked before (as the TUI's warm-up does)
        assert library.find_entities("") == []

        def progress(done: int, total: int, stage: str = INDEXING) -> None:
            if len(library.articles()) >= FIRST_PASS:  # the first pass is committed
                paused.set()
                resume.wait(30)

        update = threading.Thread(target=library.refresh, args=(progress,))
        update.start()
        try:
            assert paused.wait(30)
            first = library.articles()[0].id
            asks = {
                "articles": library.articles,
                "article": lambda: library.article(first),
                "search": lambda: library.search("uniquea0x"),
                "entity links": library.entity_links,
                "entity picker": lambda: library.find_entities(""),
                "side pane": lambda: (
                    library.article_topics(first),
                    library.related(first),
                    library.key_terms(first),
                ),
            }
            for what, ask in asks.items():
                asker = threading.Thread(target=ask, daemon=True)
                asker.start()
                asker.join(5)
                assert not asker.is_alive(), f"{what} waited for the update"
            assert update.is_alive()  # (still paused: the answers did not wait for its end)
        finally:
            resume.set()
            update.join(60)
    assert library.load_report.unindexed == 0
