"""The index heals itself: damaged segments are found and repaired, and the data files beside
the index are data only (a crafted pickle is never run), checked, and made again when damaged."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.index.locks import DirLock
from search.library import Library
from tui.cli import main

COUNT = 12
PEOPLE = ["Shinzo Abe", "Joe Biden", "Fumio Kishida", "Angela Merkel"]


def write_corpus(root: Path) -> Path:
    """``COUNT`` articles; article N holds the word ``wordNx`` and names two people."""
    root.mkdir(parents=True, exist_ok=True)
    for n in range(COUNT):
        a, b = PEOPLE[n % 4], PEOPLE[(n + 1) % 4]
        text = (
            f"Talks number {n}.\n\n{a} met {b} in Tokyo on Monday to discuss trade and word{n}x.\n\n"
            f"Later {a} said the summit with {b} had gone well for Japan.\n"
        )
        (root / f"a{n:02d}.txt").write_text(text)
    return root


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


def segment_files(index_dir: Path) -> dict[Path, set[str]]:
    """Each segment file and the corpus files whose articles it holds (read with Whoosh, before
    any damage: the expected figures)."""
    ix = whoosh_index.open_dir(str(index_dir))
    found: dict[Path, set[str]] = {}
    with ix.searcher() as searcher:
        leaves = searcher.reader().leaf_readers()
        for segment, (reader, _) in zip(ix._segments(), leaves, strict=True):
            paths = {fields["path"] for _, fields in reader.iter_docs()}
            found[index_dir / f"{segment.segment_id()}.seg"] = paths
    ix.close()
    return found


def overwrite_middle(path: Path, data: bytes, keep_time: bool = False) -> None:
    """Write ``data`` over the middle of ``path`` (same size), as a bad disk or a stray write would."""
    stat = path.stat()
    raw = bytearray(path.read_bytes())
    start = len(raw) // 3 if len(data) < len(raw) else 0
    raw[start : start + len(data)] = data
    path.write_bytes(bytes(raw[: stat.st_size]))
    if keep_time:  # damage that leaves no trace in the file's time (bit rot)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def everything_readable(lib: Library) -> None:
    for n in range(COUNT):
        hits = lib.search(f"word{n}x").hits
        assert [h.id for h in hits] == [f"a{n:02d}.txt"]
        article = lib.article(hits[0].id)
        assert article is not None and f"word{n}x" in article.body


@pytest.mark.parametrize("damage", [b"\0" * 4096, bytes(range(256)) * 16], ids=["zeroed", "garbage"])
def test_a_damaged_segment_is_repaired_on_the_next_open(corpus: Path, tmp_path: Path, damage: bytes) -> None:
    index_dir = tmp_path / "index"
    Library.open(corpus, index_dir=index_dir).close()
    segments = segment_files(index_dir)
    damaged, held = max(segments.items(), key=lambda kv: kv[0].stat().st_size)
    overwrite_middle(damaged, damage)
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert len(lib.notices) == 1 and damaged.name in lib.notices[0], lib.notices
        assert f"the {len(held)} file(s) it held are indexed again" in lib.notices[0]
        assert lib.stats is not None and lib.stats.reindexed == len(held)
        assert not damaged.exists()
        everything_readable(lib)
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert lib.notices == [] and lib.stats is not None and lib.stats.reindexed == 0


def test_damage_that_keeps_the_file_time_is_found_by_brief_tui_index(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "index"
    Library.open(corpus, index_dir=index_dir).close()
    damaged, held = max(segment_files(index_dir).items(), key=lambda kv: kv[0].stat().st_size)
    overwrite_middle(damaged, b"\0" * 4096, keep_time=True)
    assert main(["index", str(corpus), "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert f"note: The index was damaged ({damaged.name}: checksum mismatch)" in out
    assert f"indexed {len(held)} file(s), removed 0" in out
    with Library.open(corpus, index_dir=index_dir) as lib:
        everything_readable(lib)


def test_a_read_error_is_reported_not_raised_and_repaired_at_the_next_refresh(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    Library.open(corpus, index_dir=index_dir).close()
    with Library.open(corpus, index_dir=index_dir) as lib:
        for segment in segment_files(index_dir):  # damaged while open (the file time kept)
            size = segment.stat().st_size
            overwrite_middle(segment, b"\0" * size, keep_time=True)
        results = [lib.search(word) for word in ("trade", "summit", *(f"word{n}x" for n in range(COUNT)))]
        articles = [lib.article(f"a{n:02d}.txt") for n in range(COUNT)]  # none of these raises
        assert None in articles
        assert lib.read_failure.startswith("The index could not be read (")
        assert lib.read_failure in lib.notices
        for r in results:  # (garbled data can also look like a failed query: reported all the same)
            assert r.notice in ("", lib.read_failure) or r.notice.startswith("The search failed: ")
        lib.refresh()
        assert any("The index was damaged" in n for n in lib.notices), lib.notices
        assert lib.stats is not None and lib.stats.reindexed == COUNT
        assert not lib.read_failure
        everything_readable(lib)


class _RunsCode:
    """Unpickling this creates ``path``: what a crafted pickle could do, and must never."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.path),))


def _entities(lib: Library) -> list[tuple[str, int]]:
    return sorted((e.name, e.mention_count) for e in lib.entities())


@pytest.mark.parametrize("name", ["mentions", "vocabulary", "links", "mentions-changes", "vocabulary-added"])
def test_a_crafted_pickle_beside_the_index_is_never_run(corpus: Path, tmp_path: Path, name: str) -> None:
    index_dir = tmp_path / "index"
    with Library.open(corpus, index_dir=index_dir) as lib:
        expected = _entities(lib)
        expected_suggestion = lib.search("sumit").suggestion
    assert expected_suggestion
    assert {"Shinzo Abe", "Joe Biden"} <= {n for n, _ in expected}
    ran = tmp_path / "the-pickle-ran"
    crafted = pickle.dumps({"format": 3, "rows": _RunsCode(ran), "words": _RunsCode(ran)})
    for suffix in (".pickle", ".msgpack"):  # the old name, and the new one
        (index_dir / f"{name}{suffix}").write_bytes(crafted)
    for _ in range(2):  # the first notices and re-analyses (if it must); the second finds all well
        with Library.open(corpus, index_dir=index_dir) as lib:
            got = _entities(lib)
            lib.search("word1x")
            suggestion = lib.search("sumit").suggestion
            lib.refresh()
            notices = lib.notices
    assert not ran.exists()
    assert notices == []
    assert got == expected
    assert suggestion == expected_suggestion


def test_a_zeroed_mentions_file_is_reported_and_made_again(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    with Library.open(corpus, index_dir=index_dir) as lib:
        expected = _entities(lib)
    mentions = index_dir / "mentions.msgpack"
    mentions.write_bytes(b"\0" * mentions.stat().st_size)
    (index_dir / "links.msgpack").unlink()  # (else the links made before are used, as they should be)
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert lib.notices == [
            "Saved analysis was damaged (mentions: not a brief-tui mentions file); "
            "every article is analysed again at the next update."
        ]
        assert lib.stats is not None and lib.stats.reindexed == COUNT
        assert _entities(lib) == expected
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert lib.notices == [] and _entities(lib) == expected


def test_index_rebuild_discards_the_index_and_builds_it_anew(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "index"
    args = ["index", str(corpus), "--index-dir", str(index_dir)]
    assert main(args) == 0
    before = set(segment_files(index_dir))
    capsys.readouterr()
    assert main(args) == 0
    assert "indexed 0 file(s), removed 0" in capsys.readouterr().out
    assert main([*args, "--rebuild"]) == 0
    assert f"indexed {COUNT} file(s), removed 0, 0 unchanged" in capsys.readouterr().out
    assert not before & set(segment_files(index_dir))
    lock = DirLock(index_dir)
    assert lock.acquire()
    try:
        assert main([*args, "--rebuild"]) == 1
        assert "Another brief-tui is updating this index" in capsys.readouterr().err
    finally:
        lock.release()
