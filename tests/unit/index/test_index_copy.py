"""An index folder copied as a backup tool copies it (``cp -a``, ``rsync -a``: new inodes, the same
times) opens as the original does: nothing indexed or linked again. Its saved files are still
told apart when two saves have the same size and time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from search.analysis.entities.types import Entity
from search.index import catalog, mention_store, vocabulary
from search.index.bulk import file_version
from search.index.catalog import Catalog
from search.index.entity_links import LINKS_NAME
from search.index.mention_store import MentionStore
from search.index.schema import SCHEMA_VERSION
from search.index.store import open_index
from search.index.vocabulary import Vocabulary
from search.library import Library
from tests.conftest import bump
from tests.unit.reliability.support import write_small_corpus

COUNT = 40
NAMES = "Angela Merkel met Emmanuel Macron in Paris.\n\nMerkel and Macron spoke of Zanzibar harbour.\n"
FIRST = ("Gordon", "Tony", "Jacques", "George", "Helmut", "Romano", "Silvio", "Jose", "Kofi", "Vladimir")
LAST = ("Brown", "Blair", "Chirac", "Bush", "Kohl", "Prodi", "Berlusconi", "Aznar", "Annan", "Putin", "Major")
CITIES = ("London", "Berlin", "Madrid", "Rome", "Vienna", "Dublin", "Lisbon", "Oslo", "Athens", "Warsaw")
PEOPLE = [
    (f"{first} {last}", CITIES[(i + j) % len(CITIES)])
    for i, first in enumerate(FIRST)
    for j, last in enumerate(LAST)
]
Seen = tuple[list[tuple[str, str]], list[str], list[str], list[Entity]]


def seen(lib: Library) -> Seen:
    """What a user sees: the articles, two searches' hits, the entities (and how often each is named)."""
    return (
        [(a.id, a.title) for a in lib.articles()],
        [h.id for h in lib.search("zanzibar").hits],
        [h.id for h in lib.search("market").hits],
        lib.entities(),
    )


def indexed_with_changes_beside(tmp_path: Path) -> tuple[Path, Path, Seen]:
    """An index whose catalog, mentions and vocabulary each have changes saved beside the whole,
    and whose entity links are saved from them."""
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    for i, (person, city) in enumerate(PEOPLE):  # mentions enough that one article's are saved beside them
        (corpus / f"people{i}.txt").write_text(f"A visit.\n\n{person} arrived in {city} on Monday.\n")
    ends = ("lan", "mor", "tesk", "vin", "dro", "pum", "sal", "kef")
    words = " ".join(f"{a}{b}{c}" for a in "bdfgklmnprst" for b in "aeiou" for c in ends)
    (corpus / "wide.txt").write_text(f"Many words.\n\n{words}.\n")  # and words enough
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index) as lib:
        lib.entities()
    (corpus / "names.txt").write_text(f"Leaders meet.\n\n{NAMES}")
    bump(corpus / "a00003.txt")
    with Library.open(corpus, index_dir=index) as lib:
        assert lib.stats is not None and lib.stats.reindexed == 2
        before = seen(lib)
    for saved in (catalog.CHANGES_NAME, mention_store.CHANGES_NAME, vocabulary.ADDED_NAME, LINKS_NAME):
        assert (index / saved).exists(), saved
    merkel = next(e for e in before[3] if e.name == "Angela Merkel")
    assert (merkel.article_ids, merkel.mention_count) == (("names.txt",), 2)
    assert before[1] == ["names.txt"]
    return corpus, index, before


def opened_copy(corpus: Path, copy: Path, before: Seen) -> None:
    links = (copy / LINKS_NAME).stat()
    with Library.open(corpus, index_dir=copy) as lib:
        assert lib.stats is not None and (lib.stats.reindexed, lib.stats.deleted) == (0, 0)
        assert [n for n in lib.notices if "rebuild" in n or "again" in n] == []
        assert seen(lib) == before
    after = (copy / LINKS_NAME).stat()
    assert (after.st_ino, after.st_mtime_ns) == (links.st_ino, links.st_mtime_ns)  # not linked again


def test_a_copy_made_as_cp_a_does_opens_without_indexing_or_linking_again(tmp_path: Path) -> None:
    corpus, index, before = indexed_with_changes_beside(tmp_path)
    copy = tmp_path / "copy"
    shutil.copytree(index, copy, copy_function=shutil.copy2)
    assert (copy / catalog.CATALOG_NAME).stat().st_ino != (index / catalog.CATALOG_NAME).stat().st_ino
    opened_copy(corpus, copy, before)


@pytest.mark.skipif(shutil.which("cp") is None, reason="no cp command")
def test_a_folder_copied_with_cp_a_opens_without_indexing_again(tmp_path: Path) -> None:
    corpus, index, before = indexed_with_changes_beside(tmp_path)
    subprocess.run(["cp", "-a", str(index), str(tmp_path / "copy")], check=True)
    opened_copy(corpus, tmp_path / "copy", before)
    with Library.open(corpus, index_dir=index) as lib:  # and the original is as it was
        assert lib.stats is not None and lib.stats.reindexed == 0
        assert seen(lib) == before


def save_catalog(index: Path) -> None:
    saved = Catalog.load(index, SCHEMA_VERSION)
    assert saved is not None
    saved.save(index)


SAVES: dict[str, tuple[str, Callable[[Path], object], Callable[[Path], str]]] = {
    "catalog": (catalog.CHANGES_NAME, save_catalog, catalog.saved_version),
    "mentions": (mention_store.CHANGES_NAME, lambda i: MentionStore(i).save(), mention_store.saved_version),
    "vocabulary": (
        vocabulary.ADDED_NAME,
        lambda i: Vocabulary.load(i).save(i),
        lambda i: file_version(i / vocabulary.ADDED_NAME),
    ),
}


@pytest.mark.parametrize("kind", SAVES)
def test_two_saves_of_the_same_size_in_the_same_tick_are_told_apart(tmp_path: Path, kind: str) -> None:
    _, index, _ = indexed_with_changes_beside(tmp_path)
    name, save, version = SAVES[kind]
    first = tmp_path / "first"
    shutil.copy2(index / name, first)
    was = version(index)
    opened = open_index(index)  # what a running brief-tui has read
    try:
        st = first.stat()
        for _ in range(100):  # saved again, as it was, by another brief-tui, until of the same size
            save(index)  # (compressed, its save id may make it a byte longer or shorter) ...
            if (index / name).stat().st_size == st.st_size:
                break
        assert (index / name).stat().st_size == st.st_size
        os.utime(index / name, ns=(st.st_atime_ns, st.st_mtime_ns))  # ... in the same clock tick
        assert version(index) != was
        with opened.writing() as moved:
            assert moved == (kind == "catalog")  # the catalog is read again before an update
    finally:
        opened.close()


def test_an_index_saved_before_save_ids_is_rebuilt_not_mixed(tmp_path: Path) -> None:
    corpus, index, before = indexed_with_changes_beside(tmp_path)
    whole = index / catalog.CATALOG_NAME
    first, rest = whole.read_bytes().split(b"\n", 1)
    header = json.loads(first)
    del header["save"]  # as brief-tui saved it before: no save id (the bases of its changes: inodes)
    whole.write_bytes(json.dumps({**header, "format": catalog.FORMAT - 1}).encode() + b"\n" + rest)
    with Library.open(corpus, index_dir=index) as lib:
        assert lib.notices == ["The index was made by another version of brief-tui; rebuilding it."]
        assert lib.stats is not None and lib.stats.reindexed == len(before[0])
        articles, zanzibar, market, entities = seen(lib)
    assert (articles, zanzibar, sorted(market), entities) == (*before[:2], sorted(before[2]), before[3])
