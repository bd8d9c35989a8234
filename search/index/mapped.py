"""The index folder as a Whoosh storage that reads compound segments in place, never copying them.

Whoosh maps a compound segment file (``.seg``) into memory and opens each file inside
it as a ``BufferFile``, which copies that file into an ``io.BytesIO`` up front: opening
an index reads all of it, and a process holds it twice (650 MB for 50,000 articles).
``MappedStorage`` is passed wherever Whoosh would make its own ``FileStorage``. It maps each
segment file itself and hands out its inner files as views of the mapped pages
(``InPlaceBufferFile``), so nothing is copied and pages are read as they are needed.
"""

from __future__ import annotations

import contextlib
import mmap
import os
from pathlib import Path
from typing import Any

from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.index import FileIndex


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


class _MappedSegment(StructFile):
    """A compound segment file, mapped once; ``CompoundStorage`` asks it for its inner files."""

    def __init__(self, path: str, name: str, **kwargs: Any) -> None:
        super().__init__(open(path, "rb"), name=name, **kwargs)  # noqa: SIM115 (closed by close())
        try:
            self._map: mmap.mmap | None = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty (damaged) file cannot be mapped: read it as a file
            self._map = None

    def subset(self, offset: int, length: int, name: str | None = None) -> StructFile:
        if self._map is None:
            return super().subset(offset, length, name)
        return InPlaceBufferFile(memoryview(self._map)[offset : offset + length], name=name or self._name)

    def close(self) -> None:
        super().close()
        if self._map is not None:
            with contextlib.suppress(BufferError):  # inner files still open: the map goes with them
                self._map.close()


class MappedStorage(FileStorage):
    """An index folder whose compound segments are read in place (see the module's notes)."""

    def __init__(self, folder: Path) -> None:
        # With ``supports_mmap`` off, Whoosh's ``CompoundStorage`` does not map a segment itself:
        # it asks the file this storage opened for each inner file (``subset``), and ours are views.
        super().__init__(str(folder), supports_mmap=False)

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        if not name.endswith(".seg"):
            return super().open_file(name, **kwargs)
        return _MappedSegment(self._fpath(name), name, **kwargs)


def open_folder(folder: Path) -> FileIndex:
    """The Whoosh index in ``folder``, read through ``MappedStorage``."""
    return MappedStorage(folder).open_index()


def create_in_folder(folder: Path, schema: Schema) -> FileIndex:
    """A new, empty Whoosh index in ``folder`` (which exists), read through ``MappedStorage``."""
    return MappedStorage(folder).create_index(schema)
