"""``write_atomic`` under SIGKILL: the file is always the old or the new complete content."""

from __future__ import annotations

import hashlib
import random
import signal
import time
from pathlib import Path

from search.library import Library
from tests.conftest import SEEDS
from tests.unit.reliability.support import deadline, python

BLOCK = 256 * 1024  # big enough that a plain write would be seen half done

REWRITER = """
import hashlib, sys
from pathlib import Path
from search.atomic import write_atomic
path = Path({path!r})
n = {start}
while True:
    n += 1
    body = (str(n) * ({block} // len(str(n)) + 1))[:{block}].encode()
    write_atomic(path, hashlib.sha256(body).hexdigest().encode() + b"\\n" + body)
    if n == {start} + 1:
        print("wrote", flush=True)  # one rewrite done; the test kills it during the next ones
"""


def _is_complete(data: bytes) -> bool:
    digest, _, body = data.partition(b"\n")
    return len(body) == BLOCK and hashlib.sha256(body).hexdigest().encode() == digest


def test_a_killed_writer_never_leaves_a_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    rng = random.Random(1)
    seen: set[bytes] = set()
    for run in range(8):
        proc = python(REWRITER.format(path=str(path), block=BLOCK, start=run * 1_000_000))
        assert proc.stdout is not None
        with deadline(30):
            assert proc.stdout.readline() == "wrote\n"
            time.sleep(rng.uniform(0.05, 0.3))  # many rewrites in flight
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        assert proc.returncode == -signal.SIGKILL
        data = path.read_bytes()
        assert _is_complete(data), f"partial file: {len(data)} bytes"
        seen.add(data[:64])
    assert len(seen) == 8  # each writer really rewrote the file before it was killed
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != path.name]
    assert all(name.startswith(f".{path.name}.") and name.endswith(".tmp") for name in leftovers)


def test_the_check_would_see_a_plain_partial_write(tmp_path: Path) -> None:
    """The control: the same writer without ``write_atomic`` is caught half done."""
    path = tmp_path / "plain.json"
    body = b"x" * BLOCK
    path.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body[: BLOCK // 2])
    assert not _is_complete(path.read_bytes())


def test_temporary_files_of_a_killed_catalog_write_are_cleared_on_open(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    Library.open(SEEDS, index_dir=index_dir).close()
    stale = index_dir / ".catalog.json.k1ll3d.tmp"  # what write_atomic leaves when killed mid-write
    stale.write_bytes(b'{"version": 1, "files": {"half')
    with Library.open(SEEDS, index_dir=index_dir) as lib:
        assert not stale.exists()
        assert lib.notices == [] and len(lib.articles()) == 2
