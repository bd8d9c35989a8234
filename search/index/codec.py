"""How the index's segments are written: Whoosh's own format, short posting lists kept in the term table.

Whoosh writes every word's postings as a block of the postings file: a header, the block's
statistics and its zlib-compressed pickle, about 80 bytes for a word in one article, plus a
pointer to it in the term table. Most words are in a few articles only (of the 22,500 names of
the ``entity`` field of ../shared/corpus, 21,800 are in at most 8; of the 33,700 body words,
27,500), so those blocks were a third of the segments. Whoosh can keep a short posting list in
the term table itself ("inlined", read back by every Whoosh reader), but its writer never does:
its ``inlinelimit`` calls a method its term info does not have (whoosh-reloaded 2.7), and it
pickles inlined postings with protocol 2, which spends about 30 bytes on each ``bytes`` value
(a word's positions). Here posting lists of up to ``INLINE`` documents are inlined, pickled with
protocol 5, and whole weights kept as ints (a word's count times its field's boost: 2 rather
than 2.0), which the readers use as they would the floats. Longer lists are written as Whoosh
writes them. The term infos and postings read back are the same.
"""

from __future__ import annotations

import pickle
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter, W3TermInfo

INLINE = 8  # postings at most kept in the term table (4: 0.2 MB bigger at 7.5k; 16: about the same)


class Codec(W3Codec):
    """Whoosh's W3 codec, but for short posting lists, kept in the term table (see above). Its
    class is pickled in the table of contents: readers need this module, not the codec."""

    def __init__(self, compression: int = 3) -> None:
        super().__init__(compression=compression, inlinelimit=INLINE + 1)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class _TermInfo(W3TermInfo):
    def to_bytes(self) -> bytes:
        if self._inlined is None:
            return super().to_bytes()
        ids, weights, values = self._inlined
        postings = (ids, tuple(int(w) if w.is_integer() else w for w in weights), values)
        self._inlined, kept = (), self._inlined  # (the head only: its pickle is cut off below)
        try:
            head = super().to_bytes()[: self._struct.size]
        finally:
            self._inlined = kept
        return head + pickle.dumps(postings, protocol=5)


class _PostingsWriter(W3PostingsWriter):
    def start_postings(self, format_: Any, terminfo: Any) -> None:
        super().start_postings(format_, _TermInfo())

    def finish_postings(self) -> W3TermInfo:
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
        else:
            if self._ids:
                self._write_block(last=True)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        self._terminfo = None
        return terminfo
