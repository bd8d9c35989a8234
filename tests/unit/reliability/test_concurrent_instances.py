"""Two brief-tui processes on one corpus: no corruption; only one writes at a time, and an idle one
holds up no other."""

from __future__ import annotations

import json
import time
from pathlib import Path

from search.index.store import LOCK_WAIT
from search.library import Library
from tests.unit.reliability.support import deadline, python, write_small_corpus

COUNT = 300

OPEN_AND_HOLD = """
import json, sys
from search.library import Library
lib = Library.open({corpus!r}, index_dir={index_dir!r})
print(json.dumps({{
    "count": len(lib.articles()),
    "notices": lib.notices,
    "read_only": lib.read_only,
    "hits": [h.id for h in lib.search("uniquea{last}x").hits],
}}), flush=True)
for line in sys.stdin:  # commands from the test, one a line, until it closes stdin
    if line.strip() == "refresh":
        lib.refresh()
        print(json.dumps({{"count": len(lib.articles())}}), flush=True)
lib.close()
"""


def _code(corpus: Path, index_dir: Path) -> str:
    return OPEN_AND_HOLD.format(corpus=str(corpus), index_dir=str(index_dir), last=COUNT - 1)


def test_two_instances_started_together_on_a_new_index(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    index_dir = tmp_path / "index"
    procs = [python(_code(corpus, index_dir), stdin=-1) for _ in range(2)]  # -1: subprocess.PIPE
    try:
        with deadline(60):
            outs = []
            for proc in procs:  # both hold their library open until both have answered
                assert proc.stdout is not None
                outs.append(json.loads(proc.stdout.readline()))
            for proc in procs:
                assert proc.stdin is not None
                proc.stdin.close()
                assert proc.wait() == 0, proc.communicate()
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    expected = [f"a{COUNT - 1:05d}.txt"]
    first, second = sorted(outs, key=lambda o: len(o["notices"]))
    assert first["notices"] == [] and (first["count"], first["hits"]) == (COUNT, expected)
    # the second found the index built, or being built: then it shows what was committed so far
    assert second["notices"] in ([], ["Another brief-tui is updating this index; showing it as last saved."])
    assert second["count"] == COUNT or second["notices"]
    assert not first["read_only"] and not second["read_only"]
    with Library.open(corpus, index_dir=index_dir) as lib:  # and the index is whole
        assert lib.notices == [] and lib.stats is not None and lib.stats.reindexed == 0
        assert (
            len(lib.articles()) == COUNT
            and [h.id for h in lib.search(f"uniquea{COUNT - 1}x").hits] == expected
        )


def test_an_idle_instance_holds_up_no_other_and_a_reader_survives_its_update(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", COUNT)
    index_dir = tmp_path / "index"
    writer = python(_code(corpus, index_dir), stdin=-1)
    assert writer.stdin is not None and writer.stdout is not None
    try:
        with deadline(60):
            first = json.loads(writer.stdout.readline())  # open and idle from here on
            assert first["notices"] == [] and not first["read_only"]
            started = time.monotonic()
            with Library.open(corpus, index_dir=index_dir) as reader:
                assert time.monotonic() - started < LOCK_WAIT  # no waiting for the idle one
                assert not reader.busy and reader.notices == []
                assert reader.stats is not None and reader.stats.reindexed == 0
                (corpus / "new.txt").write_text("A late story about zanzibarword.")
                writer.stdin.write("refresh\n")
                writer.stdin.flush()
                assert json.loads(writer.stdout.readline()) == {"count": COUNT + 1}
                assert len(reader.search("market").hits) > 0  # its snapshot survives the writer's commit
                assert reader.article(f"a{COUNT - 1:05d}.txt") is not None
                stats = reader.refresh()  # takes in what the other process indexed: nothing to redo
                assert stats is not None and stats.reindexed == 0 and len(reader.articles()) == COUNT + 1
                assert [h.id for h in reader.search("zanzibarword").hits] == ["new.txt"]
            writer.stdin.close()
            assert writer.wait() == 0, writer.communicate()
    finally:
        if writer.poll() is None:
            writer.kill()
    with Library.open(corpus, index_dir=index_dir) as lib:
        assert lib.notices == [] and lib.stats is not None and lib.stats.reindexed == 0
        assert [h.id for h in lib.search("zanzibarword").hits] == ["new.txt"]
