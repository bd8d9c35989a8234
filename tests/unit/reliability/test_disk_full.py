"""A disk that fills up during a build: the update fails once, says so, leaves no debris, and the
index keeps what it had committed. The index lives on a small tmpfs (mounting needs root)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.library import Library
from tests.unit.reliability.support import deadline, write_small_corpus

COUNT = 400


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2500k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_fails_the_update_once_and_keeps_the_index(tmp_path: Path, small_disk: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    for n in range(COUNT):  # big enough not to fit
        with (corpus / f"a{n:05d}.txt").open("a") as f:
            f.write(" ".join(f"filler{n}word{i}" for i in range(400)))
    index = small_disk / "index"
    with deadline(120), Library.open(corpus, index_dir=index, refresh=False) as library:
        with pytest.raises(Exception) as caught:
            library.refresh()
        assert library.failure.startswith("the disk is full"), (library.failure, caught.value)
        committed = len(library.articles())
        assert committed < COUNT
        summary = library.load_report.summary()
        assert summary.endswith(
            "(the disk is full; the index is kept as it was, and the rest is indexed once there is room)"
        )
    listed = {s.segment_id() for s in whoosh_index.open_dir(str(index))._segments()}
    segments = {p.name.rsplit(".", 1)[0] for p in index.glob("MAIN_*.seg")}
    assert segments == listed  # no half-written segment left filling the disk
    assert not list(index.glob(".*.tmp"))
    with deadline(60), Library.open(corpus, index_dir=index, refresh=False) as library:
        assert library.notices == [] and len(library.articles()) == committed  # opens as committed
