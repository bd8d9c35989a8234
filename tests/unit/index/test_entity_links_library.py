"""The library links names again only for what changed, saves the links under the index's lock, and
links everything anew when the change is large or what it kept cannot be read."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import search.library.entities
from search.index.datafile import DamagedFile
from search.index.entity_links import LINKS_NAME, EntityLinks
from search.library import Library
from tests.conftest import bump
from tests.unit.index.test_entity_links_update import TEXTS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text + "\n")
    return root


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """How often names were linked anew (``build``) and updated (``updated``)."""
    counted = {"build": 0, "updated": 0}
    build, updated = EntityLinks.build.__func__, EntityLinks.updated  # type: ignore[attr-defined]

    def counting_build(cls: type[EntityLinks], *args: Any) -> EntityLinks:
        counted["build"] += 1
        return build(cls, *args)

    def counting_updated(self: EntityLinks, *args: Any) -> EntityLinks:
        counted["updated"] += 1
        return updated(self, *args)

    monkeypatch.setattr(EntityLinks, "build", classmethod(counting_build))
    monkeypatch.setattr(EntityLinks, "updated", counting_updated)
    yield counted


def seen(lib: Library) -> dict[str, Any]:
    """What the entity palette, the entity screens and the reader show."""
    return {
        "entities": lib.entities(),
        "palette": [(e.id, round(score)) for e, score in lib.find_entities("greenspan", 10)],
        "mentions": {a.id: lib.article_mentions(a.id) for a in lib.articles()},
        "contexts": {e.id: [m.text for m in lib.entity_mentions(e)] for e in lib.entities()},
    }


def full_link(corpus: Path, index_dir: Path) -> dict[str, Any]:
    with Library.open(corpus, index_dir=index_dir) as lib:
        return seen(lib)


def edit(corpus: Path) -> None:
    (corpus / "b.txt").write_text("Adam Greenspan, no relation, opened a bakery. Greenspan bakes bread.\n")
    (corpus / "j.txt").write_text(
        "Tokyo welcomed Senator Zebulon Quartermaine on Monday. Quartermaine spoke.\n"
    )
    (corpus / "h.txt").unlink()
    bump(corpus / "b.txt")


def test_an_edit_links_again_only_what_it_reaches_in_this_process_and_the_next(
    corpus: Path, tmp_path: Path, calls: dict[str, int]
) -> None:
    index_dir = tmp_path / "index"
    with Library.open(corpus, index_dir=index_dir) as lib:
        lib.entity_links()
        assert calls == {"build": 1, "updated": 0}
        edit(corpus)
        lib.refresh()
        quartermaine = lib.entity("Zebulon Quartermaine")
        assert calls == {"build": 1, "updated": 1}
        assert quartermaine is not None and quartermaine.article_ids == ("j.txt",)
        assert quartermaine.mention_count == 2
        in_this_process = seen(lib)
    assert in_this_process == full_link(corpus, tmp_path / "fresh")
    assert calls == {"build": 2, "updated": 1}  # (the fresh index's)

    (corpus / "j.txt").write_text("Tokyo welcomed Senator Zebulon Fotheringay on Monday.\n")
    bump(corpus / "j.txt")
    with Library.open(corpus, index_dir=index_dir) as lib:  # a new process: the saved links, updated
        assert lib.entity("Zebulon Fotheringay") is not None and lib.entity("Zebulon Quartermaine") is None
        assert calls == {"build": 2, "updated": 2}
        in_the_next = seen(lib)
        assert lib.notices == []
    assert in_the_next == full_link(corpus, tmp_path / "fresh-2")
    with Library.open(corpus, index_dir=index_dir) as lib:  # saved as updated: nothing to link
        assert seen(lib) == in_the_next
    assert calls == {"build": 3, "updated": 2}


def test_a_large_change_links_everything_anew(
    corpus: Path, tmp_path: Path, calls: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"
    full_link(corpus, index_dir)
    monkeypatch.setattr(search.library.entities, "MAX_UPDATE", 1)  # (a tenth of these few is none)
    edit(corpus)
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert seen(lib) == full_link(corpus, tmp_path / "fresh")
    assert calls == {"build": 3, "updated": 0}


def test_links_whose_counts_cannot_be_read_are_made_anew_with_a_notice(
    corpus: Path, tmp_path: Path, calls: dict[str, int]
) -> None:
    index_dir = tmp_path / "index"
    with Library.open(corpus, index_dir=index_dir) as lib:
        code = lib.entity_links().code
    links = EntityLinks.load(index_dir, code)  # as saved, the counts not read
    assert links is not None
    links._state["linker"] = b"\x93not what pack makes"  # passes the file's checksum, as saved
    links.save(index_dir, code)
    edit(corpus)
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert seen(lib) == full_link(corpus, tmp_path / "fresh")
        assert lib.notices == [
            "Entity links were damaged (links: not what brief-tui saves (ExtraData)); linking names again."
        ]
    assert calls == {"build": 3, "updated": 0}


def test_links_are_saved_only_under_the_index_lock(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    full_link(corpus, index_dir)
    saved = (index_dir / LINKS_NAME).stat().st_mtime_ns
    edit(corpus)
    with Library.open(corpus, index_dir=index_dir) as lib:
        lib.entity_links()
        with lib._opened.locked() as got:  # another writer holds the lock
            assert got
            lib.save_links()
        assert (index_dir / LINKS_NAME).stat().st_mtime_ns == saved
        lib.save_links()  # (nothing left to save: it was given up, to be made again next time)
        assert (index_dir / LINKS_NAME).stat().st_mtime_ns == saved


def test_saved_mentions_compare_as_the_linker_keeps_them(tmp_path: Path) -> None:
    from search.analysis.entities.corpus_linker import pack
    from search.index.mention_store import MentionStore
    from search.library.entities import _packed
    from tests.unit.index.test_entity_links_update import analyse

    found = analyse(TEXTS["h.txt"])
    store = MentionStore(tmp_path)
    store.put("h.txt", pack(found))
    store.save()
    rows = MentionStore(tmp_path).rows()["h.txt"]  # as read back
    assert found and _packed(tuple(rows)) == _packed(rows) == pack(found)


def test_an_update_that_fails_half_way_is_dropped_and_names_linked_anew(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search.analysis.entities.corpus_linker import CorpusLinker

    apply = CorpusLinker.apply

    def half_way(self: CorpusLinker, changes: Any) -> Any:
        monkeypatch.setattr(CorpusLinker, "apply", apply)  # (the full link after works)
        self.first.clear()  # (what a bug half way through might leave)
        raise RuntimeError("half way")

    with Library.open(corpus, index_dir=tmp_path / "index") as lib:
        lib.entity_links()
        edit(corpus)
        lib.refresh()
        monkeypatch.setattr(CorpusLinker, "apply", half_way)
        got = seen(lib)
        assert lib.notices == [
            "Entity links could not be updated (RuntimeError('half way')); linking names again."
        ]
    assert got == full_link(corpus, tmp_path / "fresh")


def test_the_links_keep_first_pass_mentions_only_where_they_differ_from_the_saved_ones(
    corpus: Path, tmp_path: Path, calls: dict[str, int]
) -> None:
    from search.index import datafile, entity_links

    index_dir = tmp_path / "index"

    def kept() -> list[str]:
        saved = datafile.read(index_dir / LINKS_NAME, "links", entity_links.FORMAT)
        return sorted(saved["state"]["first"]["changed"][0])

    with Library.open(corpus, index_dir=index_dir) as lib:
        lib.entity_links()
    assert kept() == []  # linked from the saved mentions as they are: none again
    with Library.open(corpus, index_dir=index_dir) as lib:
        lib.entity_links()
        edit(corpus)
        lib.refresh()  # the new mentions saved beside the whole
        lib.entity_links()
    assert kept() == ["b.txt", "j.txt"]  # (and h.txt, gone, as a name)
    (corpus / "b.txt").write_text("Ben Bernanke spoke.\n")
    bump(corpus / "b.txt")
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert seen(lib) == full_link(corpus, tmp_path / "fresh")
        assert lib.notices == []
    assert calls == {"build": 2, "updated": 2}


def test_links_of_mentions_saved_anew_since_are_linked_anew_without_a_notice(
    corpus: Path, tmp_path: Path, calls: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from search.index import mention_store

    index_dir = tmp_path / "index"
    full_link(corpus, index_dir)
    monkeypatch.setattr(mention_store, "FOLD_ARTICLES", 0)  # (a new whole for any change)
    edit(corpus)
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert seen(lib) == full_link(corpus, tmp_path / "fresh")
        assert lib.notices == []
    assert calls == {"build": 3, "updated": 0}


def test_links_asked_for_during_the_update_after_a_start_are_read_meanwhile(
    corpus: Path, tmp_path: Path, calls: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in the TUI: the warm-up asks for the links while the update that follows a start holds
    the lock; the saved links are read meanwhile, then updated for what the update changed."""
    index_dir = tmp_path / "index"
    full_link(corpus, index_dir)
    edit(corpus)
    read = threading.Event()
    read_ahead = EntityLinks.read_ahead

    def reading(folder: Path) -> Any:
        found = read_ahead(folder)
        read.set()
        return found

    monkeypatch.setattr(EntityLinks, "read_ahead", staticmethod(reading))
    warm_up: list[threading.Thread] = []
    with Library.open(corpus, index_dir=index_dir, refresh=False) as lib:

        def progress(done: int, total: int, **stage: str) -> None:
            if not warm_up:  # (the update holds the lock now)
                warm_up.append(threading.Thread(target=lib.entity_links))
                warm_up[0].start()
                assert read.wait(10), "the saved links were not read during the update"

        lib.refresh(progress)
        warm_up[0].join()
        assert seen(lib) == full_link(corpus, tmp_path / "fresh")
        assert lib.notices == []
    assert calls == {"build": 2, "updated": 1}


def test_links_read_ahead_are_used_only_while_they_are_the_file_saved(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    full_link(corpus, index_dir)
    ahead = EntityLinks.read_ahead(index_dir)
    assert ahead is not None
    edit(corpus)
    with Library.open(corpus, index_dir=index_dir) as lib:  # links updated and saved anew
        code = lib.entity_links().code
    loaded = EntityLinks.load(index_dir, code, ahead)
    assert loaded is not None and loaded.find("Zebulon Quartermaine") is not None
    (index_dir / LINKS_NAME).write_bytes(b"\0" * 100)
    assert EntityLinks.read_ahead(index_dir) is None
    with pytest.raises(DamagedFile):
        EntityLinks.load(index_dir, code, ahead)
