"""The saved catalog: a small edit saves only its changes, and every way of loading it (whole,
whole plus changes, tables read later) gives what a full rebuild gives."""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest

from search.index.catalog import CATALOG_NAME, CHANGES_NAME, Catalog
from search.index.schema import SCHEMA_VERSION
from search.library import Library
from search.model import ArticleSummary
from tests.conftest import bump
from tests.unit.reliability.support import write_small_corpus

COUNT = 120  # (compressed, the changes of 5 files must be under a fifth of the whole)


def state(lib: Library) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]], int]:
    """What a user sees of the catalog: the article list (in order), the load report's issues, files."""
    report = lib.load_report
    issues = sorted((i.path, i.kind, i.reason) for i in report.issues)
    return [(a.id, a.title, a.path) for a in lib.articles()], issues, report.files


def edit(corpus: Path) -> None:
    """A change, an addition (sorting in the middle), a deletion and a duplicate."""
    (corpus / "a00003.txt").write_text("Harbour plans for Zanzibar.\n\nThe Zanzibar harbour grows.\n")
    bump(corpus / "a00003.txt")
    (corpus / "a00010b.txt").write_text("A new story in between.\n\nAbout the port of Mombasa.\n")
    (corpus / "a00020.txt").unlink()
    (corpus / "a00030copy.txt").write_bytes((corpus / "a00030.txt").read_bytes())


def test_a_small_edit_saves_changes_that_load_as_a_rebuild_would(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    index = tmp_path / "index"
    Library.open(corpus, index_dir=index).close()
    whole = (index / CATALOG_NAME).read_bytes()
    edit(corpus)
    with Library.open(corpus, index_dir=index) as lib:
        assert lib.stats is not None and (lib.stats.reindexed, lib.stats.deleted) == (3, 1)
        after_update = state(lib)
    assert (index / CATALOG_NAME).read_bytes() == whole  # only the changes were written
    assert (index / CHANGES_NAME).exists()
    paths = [path for _, _, path in after_update[0]]
    assert paths == sorted(paths) and "a00010b.txt" in paths and "a00020.txt" not in paths
    assert any(kind == "duplicate" and path == "a00030copy.txt" for path, kind, _ in after_update[1])

    with Library.open(corpus, index_dir=index, refresh=False) as lib:
        assert state(lib) == after_update  # whole + changes, tables not read
    with Library.open(corpus, index_dir=index) as lib:
        assert lib.stats is not None and lib.stats.reindexed == lib.stats.deleted == 0  # tables read
        assert state(lib) == after_update
        assert [h.id for h in lib.search("zanzibar").hits] == ["a00003.txt"]
    with Library.open(corpus, index_dir=tmp_path / "rebuilt") as rebuilt:
        assert state(rebuilt) == after_update
    bump(corpus / "a00030copy.txt")  # a file with no article of its own (a duplicate), as saved
    with Library.open(corpus, index_dir=index) as lib:
        assert lib.stats is not None and lib.stats.reindexed == 1
        assert state(lib) == after_update


def indexed_with_one_change(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus and its index, saved whole, then with one file's change beside it."""
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    index = tmp_path / "index"
    Library.open(corpus, index_dir=index).close()
    bump(corpus / "a00001.txt")
    Library.open(corpus, index_dir=index).close()
    assert (index / CHANGES_NAME).exists()
    return corpus, index


def test_changes_pile_up_then_fold_into_the_whole(tmp_path: Path) -> None:
    corpus, index = indexed_with_one_change(tmp_path)
    for i in range(COUNT // 2):
        (corpus / f"a{i:05d}.txt").write_text(f"Rewritten story {i}.\n\nNew words: rewrittenword{i}.\n")
        bump(corpus / f"a{i:05d}.txt")
    with Library.open(corpus, index_dir=index) as lib:
        assert lib.stats is not None and lib.stats.reindexed == COUNT // 2
        expected = state(lib)
    assert not (index / CHANGES_NAME).exists()  # half the corpus changed: a new whole
    with Library.open(corpus, index_dir=index) as lib:
        assert lib.stats is not None and lib.stats.reindexed == 0
        assert state(lib) == expected
        assert lib.articles()[0].title == "Rewritten story 0."


def test_damaged_changes_rebuild_the_index(tmp_path: Path) -> None:
    corpus, index = indexed_with_one_change(tmp_path)
    changes = index / CHANGES_NAME
    changes.write_bytes(changes.read_bytes()[:-5])
    with Library.open(corpus, index_dir=index) as lib:
        assert lib.stats is not None and lib.stats.reindexed == COUNT
        assert any("rebuilding" in n for n in lib.notices)
        assert len(lib.articles()) == COUNT


def test_words_added_by_an_update_are_suggested_after_a_restart(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    # a wide vocabulary, so that one article's new words are saved beside it, far below the share
    # of the whole at which they would be folded into it (bulk.FOLD_SHARE)
    words = " ".join(f"{a}{b}{c}" for a in "bdfgk" for b in "aeiou" for c in ("lan", "mor", "tesk", "vin"))
    (corpus / "wide.txt").write_text(f"Many words.\n\n{words}.\n")
    index = tmp_path / "index"
    Library.open(corpus, index_dir=index).close()
    (corpus / "new.txt").write_text("Zanzibar ferries.\n\nFerries to Zanzibar run daily from Dar.\n")
    Library.open(corpus, index_dir=index).close()
    assert (index / "vocabulary-added.msgpack").exists()
    with Library.open(corpus, index_dir=index, refresh=False) as lib:
        assert lib.vocabulary().suggest("zanzibr") == "zanzibar"
        assert lib.vocabulary().suggest("markte") == "market"  # and the words saved before


@pytest.mark.parametrize("added", [0, 1, 3, 40, 100])
def test_sorting_puts_added_articles_where_a_full_sort_would(added: int) -> None:
    rng = random.Random(added)
    paths = sorted(f"{rng.choice('abc')}/{rng.randrange(60):02d}.md" for _ in range(400))
    catalog = Catalog(SCHEMA_VERSION)
    for n, path in enumerate(paths):  # (several articles to a file, as a feed has)
        catalog.articles[f"k{n}"] = ArticleSummary(f"k{n}", f"Title {n}", path=path)
    for n in range(added):  # an update's articles come at the end: in new files, and in files listed
        path = rng.choice(paths) if n % 2 else f"{rng.choice('abcd')}/{rng.randrange(70):02d}.md"
        catalog.articles[f"new{n}"] = ArticleSummary(f"new{n}", f"New {n}", path=path)
    expected = sorted(catalog.articles.items(), key=lambda item: item[1].path)
    catalog.sort()
    assert list(catalog.articles.items()) == expected


def test_the_tables_read_back_leave_the_garbage_collector_little_to_walk(tmp_path: Path) -> None:
    """Each file's record read back is one object the cyclic garbage collector keeps walking, not six
    (its lists): at 50,000 files every full collection of the process walked 300,000 of them."""
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    index = tmp_path / "index"
    Library.open(corpus, index_dir=index).close()
    catalog = Catalog.load(index, SCHEMA_VERSION)
    assert catalog is not None
    gc.collect()
    before = len(gc.get_objects())
    files = catalog.files  # (the tables, read when first asked for)
    gc.collect()
    tracked = len(gc.get_objects()) - before
    assert len(files) == COUNT
    assert tracked <= 1.2 * COUNT, f"{tracked} objects tracked for {COUNT} files"
    assert all(entry.ids == (rel,) for rel, entry in files.items())  # (one article a file here)
