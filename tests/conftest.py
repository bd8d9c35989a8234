from __future__ import annotations

import json
import os
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import zstandard

from search.index.catalog import CATALOG_NAME

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
TAKAICHI = "000_c94f89535bcf7037.txt"
BIDEN = "004_b0d31c5b66e5a83c.txt"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's cache, config and data dirs away from the user's own."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the seed corpus that a test may change."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def missing(what: str) -> None:
    """Something a test needs is not on this machine: skip it here, but fail it in CI (``CI=true``),
    where a missing corpus or tool would otherwise turn a red run green."""
    if in_ci():
        pytest.fail(f"{what} (required when CI=true)", pytrace=False)
    pytest.skip(what)


def require_shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        missing("../shared/corpus is not present")
    return SHARED_CORPUS


@pytest.fixture
def shared_corpus() -> Path:
    return require_shared_corpus()


def edit_catalog_head(index_dir: Path, edit: Callable[[dict[str, Any]], object]) -> None:
    """Change the part of the saved catalog a start reads with ``edit`` (its checksum made to match:
    what the catalog's own checks find)."""
    path = index_dir / CATALOG_NAME
    first, _, rest = path.read_bytes().partition(b"\n")
    header = json.loads(first)
    split = header["head"][1]
    head = json.loads(zstandard.ZstdDecompressor().decompress(rest[:split]))
    head.update(version=header["version"], format=header["format"])  # (kept in the header line)
    edit(head)
    header.update(version=head.pop("version"), format=head.pop("format"))
    part = zstandard.ZstdCompressor().compress(json.dumps(head).encode())
    header["head"] = [zlib.crc32(part), len(part)]
    path.write_bytes(json.dumps(header).encode() + b"\n" + part + rest[split:])


def bump(path: Path) -> None:
    """Touch a file so its modification time really changes."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
