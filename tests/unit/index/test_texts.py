"""Article texts kept beside the index (search/index/texts.py): what a user reads is the text as
indexed, whatever the file holds now; a damaged or missing pack is found and its articles indexed
again; texts no article refers to are compacted away; small packs do not pile up."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.export import export, search_view
from search.index import texts, update
from search.index.store import live_texts
from search.index.texts import GARBAGE_SHARE, PILE, TextStore, pack_names
from search.library import Library
from tests.conftest import bump
from tests.unit.reliability.support import write_small_corpus

OLD = (
    "# Harbour Story\n\nThe harbour board met on Monday.\n\n## Dredging\n\nThe zephyrine channel was dredged."
)
NEW = "# Harbour Story\n\nSomething else entirely now.\n"


def _packs(index: Path) -> list[str]:
    return pack_names(index)


def test_the_reader_snippets_exports_and_find_show_the_text_as_indexed_after_the_file_changed(
    tmp_path: Path,
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 20)
    (corpus / "harbour.md").write_text(OLD)
    with Library.open(corpus, index_dir=tmp_path / "index") as library:
        (corpus / "harbour.md").write_text(NEW)  # changed on disk; not indexed again yet
        article = library.article("harbour.md")
        assert article is not None
        paragraphs = [
            "Harbour Story",
            "The harbour board met on Monday.",
            "Dredging",
            "The zephyrine channel was dredged.",
        ]
        assert article.body == "\n\n".join(paragraphs)
        assert [article.body[b.start : b.end] for b in article.blocks] == paragraphs
        assert [b.kind for b in article.blocks] == ["heading", "text", "heading", "text"]
        spans = library.match_spans("zephyrine", article)  # find in the article, as the reader marks it
        assert [article.body[s:e] for s, e in spans] == ["zephyrine"]
        result = library.search("zephyrine")
        assert [h.id for h in result.hits] == ["harbour.md"]
        snippet = "The harbour board met on Monday. The zephyrine channel was dredged"
        assert [s.text for s in result.hits[0].snippets] == [snippet]
        assert library.snippets("zephyrine", ["harbour.md"])["harbour.md"] == result.hits[0].snippets
        exported = json.loads(export(search_view("zephyrine", result), "json"))
        assert [s["text"] for s in exported["articles"][0]["snippets"]] == [snippet]

        library.refresh()  # now indexed again: the new text
        article = library.article("harbour.md")
        assert article is not None and article.body == "Harbour Story\n\nSomething else entirely now."
        assert library.search("zephyrine").hits == []


def test_texts_are_not_in_the_segments_and_each_is_kept_once(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 30)
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index) as library:
        bodies = {a.id: library.article(a.id).body for a in library.articles()}  # type: ignore[union-attr]
    with whoosh_index.open_dir(str(index)).searcher() as searcher:
        stored = [searcher.stored_fields(d) for d in range(searcher.doc_count_all())]
    assert len(stored) == 30 and all(set(f) & {"body", "headings", "blocks"} == set() for f in stored)
    assert not {v for f in stored for v in f.values() if isinstance(v, str)} & set(bodies.values())
    store = TextStore(index)
    try:
        saved = store.keys()
        assert len(saved) == len(bodies) == 30
        assert {store.get(k)[0] for k in saved} == set(bodies.values())
    finally:
        store.close()


def test_a_deleted_store_is_found_and_its_articles_indexed_again(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 20)
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index):
        pass
    assert _packs(index)
    for name in _packs(index):
        (index / name).unlink()
    with Library.open(corpus, index_dir=index) as library:
        damaged = [n for n in library.notices if n.startswith("The index was damaged")]
        assert len(damaged) == 1 and "texts-" in damaged[0] and "missing" in damaged[0]
        assert "the 20 file(s) it held are indexed again" in damaged[0]
        assert library.stats is not None and library.stats.reindexed == 20
        article = library.article("a00003.txt")
        assert article is not None and article.body.endswith("uniquea3x")
        assert [h.id for h in library.search("uniquea3x").hits] == ["a00003.txt"]


@pytest.mark.parametrize("where", ["frame", "table"])
def test_a_corrupted_pack_is_reported_when_read_then_repaired(tmp_path: Path, where: str) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 20)
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index):
        pass
    (name,) = _packs(index)
    with whoosh_index.open_dir(str(index)).searcher() as searcher:
        text_key = searcher.document(id="a00003.txt")["text"]
    pack = texts._open(index / name)
    start, end = pack.frames[pack.where[text_key]], pack.frames[pack.where[text_key] + 1]
    os.close(pack.fd)
    raw = bytearray((index / name).read_bytes())
    if where == "frame":  # inside the article's frame: its checksum no longer matches
        raw[(start + end) // 2] ^= 0xFF
    else:  # inside the pack's table: no text of it can be found
        raw[len(raw) - texts._FOOT.size - 3] ^= 0xFF
    st = (index / name).stat()
    (index / name).write_bytes(bytes(raw))
    os.utime(index / name, ns=(st.st_atime_ns, st.st_mtime_ns))  # (as a failing disk leaves it)
    with Library.open(corpus, index_dir=index) as library:
        assert library.notices == []  # (opening checks sizes and times only)
        assert library.article("a00003.txt") is None
        assert library.read_failure.startswith("The index could not be read (DamagedTexts: ")
        library.refresh()
        assert any("checksum mismatch" in n and "indexed again" in n for n in library.notices)
        article = library.article("a00003.txt")
        assert article is not None and article.body.endswith("uniquea3x")
        assert library.read_failure == ""
    assert name not in _packs(index)


def test_texts_of_changed_articles_are_compacted_away(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 20)
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index):
        pass
    for n in range(4):  # 4 texts of 24 spare: under the share that sets off a compaction
        (corpus / f"a{n:05d}.txt").write_text(f"Rewritten {n}.\n\nNew words {n}.\n")
        bump(corpus / f"a{n:05d}.txt")
    with Library.open(corpus, index_dir=index):
        pass
    store = TextStore(index)
    assert len(store.keys()) == 24 and GARBAGE_SHARE * 24 >= 4
    store.close()
    for n in range(4, 8):  # 8 of 28: over it
        (corpus / f"a{n:05d}.txt").write_text(f"Rewritten {n}.\n\nNew words {n}.\n")
        bump(corpus / f"a{n:05d}.txt")
    with Library.open(corpus, index_dir=index) as library:
        assert library.stats is not None and library.stats.reindexed == 4
        article = library.article("a00005.txt")
        assert article is not None and article.body == "Rewritten 5.\n\nNew words 5."
        assert len(library.articles()) == 20
    assert len(_packs(index)) == 1
    store = TextStore(index)
    try:
        assert store.keys() == live_texts(whoosh_index.open_dir(str(index)))
        assert len(store.keys()) == 20
    finally:
        store.close()
    with Library.open(corpus, index_dir=index, full_check=True) as library:
        assert library.notices == [] and library.stats is not None and library.stats.reindexed == 0


def test_the_small_packs_of_single_file_updates_are_joined(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 60)
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index) as library:
        counts = []
        for n in range(PILE):
            (corpus / f"new{n}.txt").write_text(f"Added {n}.\n\nFresh text {n}.\n")
            library.refresh()
            counts.append(len(_packs(index)))
        # the build's pack and one an update: once there are PILE, they are joined into one
        assert counts == [*range(2, PILE), 1, 2]
        assert [library.article(f"new{n}.txt").body for n in range(PILE)] == [  # type: ignore[union-attr]
            f"Added {n}.\n\nFresh text {n}." for n in range(PILE)
        ]


def test_an_update_cut_short_around_its_commit_loses_no_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 20)
    index = tmp_path / "index"
    with Library.open(corpus, index_dir=index):
        pass
    before = _packs(index)
    (corpus / "a00004.txt").write_text("Rewritten 4.\n\nA new text 4.\n")
    bump(corpus / "a00004.txt")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    def refresh_fails(owner: object, step: str) -> None:
        """An update whose ``step`` fills the disk: the article stays as last committed."""
        with monkeypatch.context() as patch:
            patch.setattr(owner, step, full_disk)
            with Library.open(corpus, index_dir=index, refresh=False) as library:
                with pytest.raises(OSError):
                    library.refresh()
                assert library.failure.startswith("the disk is full")
                article = library.article("a00004.txt")
                assert article is not None and article.body.endswith("uniquea4x")

    refresh_fails(TextStore, "_write")  # the disk fills as the texts are saved: nothing committed
    assert _packs(index) == before
    refresh_fails(update, "_commit")  # the texts saved, then the commit fails
    saved = _packs(index)
    assert len(saved) == len(before) + 1  # the new text is spare until the commit that refers to it
    with Library.open(corpus, index_dir=index) as library:
        assert library.failure == "" and library.stats is not None and library.stats.reindexed == 1
        article = library.article("a00004.txt")
        assert article is not None and article.body == "Rewritten 4.\n\nA new text 4."
    assert _packs(index) == saved  # (the text was saved already: not again)
