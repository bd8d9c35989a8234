"""Reading compound segments in place, without copying them into memory.

Whoosh maps a compound segment file (``.seg``) into memory and opens each file inside
it as a ``BufferFile``, which copies that file into an ``io.BytesIO`` up front: opening
an index reads all of it, and a process holds it twice (650 MB for 50,000 articles).
Yet nearly every read goes through ``BufferFile.get``, straight from the mapped pages;
only a few header reads use the file. Here those go through a small view of the
mapped pages instead, so nothing is copied and pages are read as they are needed.
Importing this module installs it.
"""

from __future__ import annotations

import os

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile


class _View:
    """A read-only file over a memoryview (what ``StructFile`` and ``pickle.load`` ask of one)."""

    def __init__(self, buf: memoryview) -> None:
        self._buf = buf
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._buf) if size is None or size < 0 else min(self._pos + size, len(self._buf))
        data = bytes(self._buf[self._pos : end])
        self._pos = max(self._pos, end)
        return data

    def readinto(self, target: bytearray | memoryview) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._buf) if size is None or size < 0 else min(self._pos + size, len(self._buf))
        end = self._pos
        while end < limit and self._buf[end] != 0x0A:
            end += 1
        return self.read(min(end + 1, limit) - self._pos)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._buf)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._buf = memoryview(b"")


class InPlaceBufferFile(BufferFile):
    """A ``BufferFile`` whose sequential reads come from the mapped pages, not from a copy."""

    def __init__(self, buf: memoryview, name: str | None = None, onclose: object = None) -> None:
        self._buf = buf
        self._name = name
        self.file = _View(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False


compound.BufferFile = InPlaceBufferFile  # what CompoundStorage.open_file makes for each inner file
