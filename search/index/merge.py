"""Merging segments quickly: their postings streamed in order into the new segment.

Whoosh merges a segment (``add_reader``) by feeding each of its postings into the writer's pool,
which sorts them all again through temporary files: about 40 s for the 7.5k-article corpus on
this machine. A segment's postings are sorted already, so here the segments' per-document data
is copied as Whoosh does, and their postings, field by field and term by term, are merged
(``heapq.merge``, the documents renumbered) straight into the writer's field writer, as Whoosh's
own multi-process writer does with its workers' runs. Deleted documents are left out.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from typing import Any

from whoosh.codec.base import Segment
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.index import Index
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

Posting = tuple[str, bytes, int, float, bytes]
CHECK_TERMS = 5000  # terms of a segment's field merged between two calls of ``check``


def merge_small(ix: Index, options: dict[str, Any], added: int, check: Callable[[], None]) -> bool:
    """After an update that indexed ``added`` articles in several segments: merge every segment
    of at most that many documents (after a first build, all of them) into one, and commit.
    ``check`` is called every few thousand terms and may raise to stop (nothing is lost then).
    Returns whether segments were merged."""
    writer = ix.writer(**options)
    try:
        chosen = [s for s in writer.segments if s.doc_count_all() <= added]
        if len(chosen) < 2:
            writer.cancel()
            return False
        kept = [s for s in writer.segments if s not in chosen]
        merged = merge_segments(writer, chosen, check)
        writer._commit_toc([*kept, merged])
        writer._finish()
    except BaseException:
        with suppress(Exception):
            writer.cancel()
        raise
    return True


def merge_segments(
    writer: SegmentWriter, segments: Sequence[Segment], check: Callable[[], None] = lambda: None
) -> Segment:
    """Write the live documents of ``segments`` (and what ``writer`` holds itself) into
    ``writer``'s new segment, and close it; returns that segment, for the table of contents."""
    schema = writer.schema
    names = set(schema.names())
    readers = [SegmentReader(writer.storage, schema, s) for s in segments]
    try:
        sources: list[Iterator[Posting]] = []
        if writer._added:
            sources.append(writer.pool.iter_postings())
        for reader in readers:
            base = writer.docnum
            docmap = writer.write_per_doc(names, reader)
            sources.append(_postings(reader, sorted(names), base, docmap, check))
        writer.perdocwriter.close()
        lengths = writer.per_document_reader()
        try:
            writer.fieldwriter.add_postings(schema, _Lengths(lengths, sorted(names)), heapq.merge(*sources))
        finally:
            lengths.close()
        writer._added = True
    finally:
        for reader in readers:
            reader.close()
    writer._close_segment()
    writer._assemble_segment()
    return writer.get_segment()


def _postings(
    reader: SegmentReader,
    fieldnames: list[str],
    base: int,
    docmap: dict[int, int] | None,
    check: Callable[[], None],
) -> Iterator[Posting]:
    """``reader``'s postings in the order a field writer takes them (field name, term, document),
    renumbered as the merged segment's documents (``docmap`` when some were deleted), read a
    block at a time."""
    terms = reader._terms
    indexed = set(reader.indexed_field_names())
    for fieldname in fieldnames:
        if fieldname not in indexed:
            continue
        fmt = reader.schema[fieldname].format
        for n, ((name, text), info) in enumerate(terms.items_from(fieldname, b"")):
            if name != fieldname:
                break
            if n % CHECK_TERMS == 0:
                check()
            for ids, weights, values in _blocks(terms, info, fmt):
                for docnum, weight, value in zip(ids, weights, values, strict=True):
                    if docmap is None:
                        yield fieldname, text, base + docnum, weight, value
                    elif docnum in docmap:
                        yield fieldname, text, docmap[docnum], weight, value


def _blocks(terms: Any, info: Any, fmt: Any) -> Iterator[tuple[Any, Any, Any]]:
    """A term's postings, block by block: (ids, weights, values)."""
    if info.is_inlined():
        yield info.inlined_postings()
        return
    m = W3LeafMatcher(terms._postfile, info._offset, info._length, fmt)
    while m.is_active():
        m._read_ids()
        m._read_weights()
        m._read_values()
        yield m._ids, m._weights, m._values
        m._next_block()


class _Lengths:
    """The merged documents' field lengths, read once (Whoosh's reader reads a column a call)."""

    def __init__(self, lengths: Any, fieldnames: list[str]) -> None:
        self._tables: dict[str, list[int | None]] = {}
        for fieldname in fieldnames:
            column = lengths._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if column is not None:
                self._tables[fieldname] = [byte_to_length(b) if b else None for b in column]

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        table = self._tables.get(fieldname)
        return default if table is None else table[docnum]
