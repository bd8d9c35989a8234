"""Merging segments quickly: their postings streamed in order into the new segment.

Whoosh merges a segment (``add_reader``) by feeding each of its postings into the writer's pool,
which sorts them all again through temporary files: 41-46 s for the 7.5k-article index on this
machine under load. A segment's postings are sorted already, so here the segments' per-document
data is copied as Whoosh does, and their postings, field by field and term by term (the terms of
all segments merged in order), are read a block at a time, renumbered and written straight into
the new segment's postings, as Whoosh's own multi-process writer does with its workers' runs.
Deleted documents are left out.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from itertools import groupby
from operator import itemgetter
from typing import Any

from whoosh.codec.base import Segment
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.index import Index
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

CHECK_TERMS = 5000  # terms merged between two calls of ``check``
SMALL = 500  # documents: a segment that small updates leave
PILE = 10  # small segments that may pile up before they are merged
Source = tuple[SegmentReader, int, "dict[int, int] | None"]  # reader, first new docnum, docmap


Merge = Callable[[list[list[Segment]]], Iterable[Segment]]  # groups of segments -> merged


def merge_small(
    ix: Index,
    options: dict[str, Any],
    added: int,
    check: Callable[[], None],
    parts: int = 1,
    merge: Merge | None = None,
) -> bool:
    """After an update that indexed ``added`` articles in several segments: merge every segment
    of at most that many documents (all of them when that is half the index or more: after a
    build), into ``parts`` segments of about the same size, and commit.

    ``merge`` merges the groups (in worker processes, one a group, side by side); without it they
    are merged here, one after the other, and ``check`` is called every few thousand terms (it
    may raise to stop: nothing is lost then). Returns whether segments were merged."""
    segments = ix._segments()
    total = sum(s.doc_count_all() for s in segments)
    most = total if 2 * added >= total else added  # a build (or as big an update): everything
    chosen = [s for s in segments if s.doc_count_all() <= most]
    if len(chosen) < 2:
        return False
    groups = _groups(chosen, parts)
    if not groups:
        return False
    if merge is None:
        merged = [merge_group(ix, options, group, check) for group in groups]
    else:
        merged = list(merge(groups))
    _commit_merged(ix, options, groups, merged)
    return True


def merge_pile(ix: Index, options: dict[str, Any], check: Callable[[], None]) -> bool:
    """After a small update (committed without merging, to be searchable sooner): once ``PILE``
    segments of fewer than ``SMALL`` documents have piled up, merge them into one and commit.
    Returns whether it did."""
    small = [s for s in ix._segments() if s.doc_count_all() < SMALL]
    if len(small) < PILE:
        return False
    _commit_merged(ix, options, [small], [merge_group(ix, options, small, check)])
    return True


def _commit_merged(
    ix: Index, options: dict[str, Any], groups: list[list[Segment]], merged: list[Segment]
) -> None:
    """Commit the index with each of ``groups`` replaced by the segments ``merged``."""
    gone = {s.segment_id() for group in groups for s in group}
    writer = ix.writer(**options)
    try:
        writer._close_segment()  # (its own segment stays empty)
        writer._commit_toc([s for s in writer.segments if s.segment_id() not in gone] + merged)
        writer._finish()
    except BaseException:
        with suppress(Exception):
            writer.cancel()
        raise


def merge_group(
    ix: Index, options: dict[str, Any], group: list[Segment], check: Callable[[], None]
) -> Segment:
    """The segments ``group`` merged into a new segment, not yet committed (nor locked: the
    caller holds the index's lock and commits it)."""
    writer = SegmentWriter(ix, _lk=False, **options)
    try:
        return merge_segments(writer, group, check)
    except BaseException:
        writer._close_segment()  # not cancel(): that would remove the temporary folder others share
        raise


def _groups(segments: list[Segment], parts: int) -> list[list[Segment]]:
    """``segments`` in at most ``parts`` groups of about as many documents (biggest first, each
    to the group with fewest), leaving out groups of one segment (nothing to merge)."""
    groups: list[list[Segment]] = [[] for _ in range(max(1, min(parts, len(segments) // 2)))]
    sizes = [0] * len(groups)
    for segment in sorted(segments, key=lambda s: -s.doc_count_all()):
        n = sizes.index(min(sizes))
        groups[n].append(segment)
        sizes[n] += segment.doc_count_all()
    return [g for g in groups if len(g) > 1]


def merge_segments(
    writer: SegmentWriter, segments: Sequence[Segment], check: Callable[[], None] = lambda: None
) -> Segment:
    """Write the live documents of ``segments`` into ``writer``'s new segment (``writer`` holds
    nothing else), and close it; returns that segment, for the table of contents."""
    if writer._added:
        raise ValueError("merge_segments needs a writer of its own")
    names = sorted(writer.schema.names())
    readers = [SegmentReader(writer.storage, writer.schema, s) for s in segments]
    try:
        sources = []
        for reader in readers:
            base = writer.docnum
            sources.append((reader, base, writer.write_per_doc(set(names), reader)))
        writer.perdocwriter.close()
        lengths = writer.per_document_reader()
        try:
            _write_postings(writer, names, sources, _lengths(lengths, names), check)
        finally:
            lengths.close()
        writer._added = True
    finally:
        for reader in readers:
            reader.close()
    writer._close_segment()
    writer._assemble_segment()
    return writer.get_segment()


def _write_postings(
    writer: SegmentWriter,
    names: list[str],
    sources: list[Source],
    lengths: dict[str, list[int | None]],
    check: Callable[[], None],
) -> None:
    fieldwriter = writer.fieldwriter
    terms_done = 0
    for fieldname in names:
        streams = [_terms(reader, fieldname, k) for k, (reader, _, _) in enumerate(sources)]
        fieldobj = writer.schema[fieldname]
        in_field = False
        table = lengths.get(fieldname)
        for text, found in groupby(heapq.merge(*streams), key=itemgetter(0)):
            terms_done += 1
            if terms_done % CHECK_TERMS == 0:
                check()
            started = False
            for _, k, info in found:
                reader, base, docmap = sources[k]
                for ids, weights, values in _blocks(reader, info, fieldobj.format):
                    for docnum, weight, value in zip(ids, weights, values, strict=True):
                        new = base + docnum if docmap is None else docmap.get(docnum)
                        if new is None:  # deleted
                            continue
                        if not started:
                            if not in_field:
                                fieldwriter.start_field(fieldname, fieldobj)
                                in_field = True
                            fieldwriter.start_term(text)
                            add = fieldwriter._postwriter.add_posting
                            started = True
                        length = None if table is None else table[new]
                        add(new, weight, b"" if value is None else value, length)
            if started:
                fieldwriter.finish_term()
        if in_field:
            fieldwriter.finish_field()


def _terms(reader: SegmentReader, fieldname: str, k: int) -> Iterator[tuple[bytes, int, Any]]:
    """The terms of one field of a segment, in order, with their term infos (and ``k``)."""
    if fieldname not in reader.indexed_field_names():
        return
    for (name, text), info in reader._terms.items_from(fieldname, b""):
        if name != fieldname:
            return
        yield text, k, info


def _blocks(reader: SegmentReader, info: Any, fmt: Any) -> Iterator[tuple[Any, Any, Any]]:
    """A term's postings, block by block: (ids, weights, values)."""
    if info.is_inlined():  # (kept in the term table: see codec.py; without values when none has one)
        ids, weights, values = info.inlined_postings()
        yield ids, weights, values or (None,) * len(ids)
        return
    m = W3LeafMatcher(reader._terms._postfile, info._offset, info._length, fmt)
    while m.is_active():
        m._read_ids()
        m._read_weights()
        m._read_values()
        yield m._ids, m._weights, m._values
        m._next_block()


def _lengths(perdoc: Any, names: list[str]) -> dict[str, list[int | None]]:
    """The merged documents' field lengths, read once (Whoosh's reader reads a column a call)."""
    tables = {}
    for fieldname in names:
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is not None:
            tables[fieldname] = [byte_to_length(b) if b else None for b in column]
    return tables
