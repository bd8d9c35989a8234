"""The index's segments are read in place from memory maps (``search.index.mapped``), never copied."""

from __future__ import annotations

import io
from pathlib import Path

from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.structfile import BufferFile

from search.index.mapped import InPlaceBufferFile, MappedStorage
from search.library import Library
from tests.conftest import SEEDS


def test_an_opened_index_reads_its_segments_from_the_mapped_pages(tmp_path: Path) -> None:
    library = Library.open(SEEDS, index_dir=tmp_path / "index")
    library.close()
    ix = MappedStorage(tmp_path / "index").open_index()
    [segment] = ix._segments()
    compound = segment.open_compound_file(ix.storage)
    assert isinstance(compound, CompoundStorage) and compound._source is None  # Whoosh did not map it
    inner = [compound.open_file(name) for name in compound.list()]
    assert inner and all(isinstance(f, InPlaceBufferFile) for f in inner)
    assert not any(isinstance(f.file, io.BytesIO) for f in inner)  # no copy behind them
    with ix.searcher() as searcher:
        assert searcher.doc_count() == len(list(SEEDS.glob("*.txt")))
    for f in inner:
        f.close()
    compound.close()


def test_whoosh_itself_is_not_patched() -> None:
    from whoosh.filedb import compound

    assert compound.BufferFile is BufferFile
