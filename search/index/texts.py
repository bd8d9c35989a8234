"""Article texts kept beside the index, Zstandard-compressed: what the reader, snippets, exports
and find-in-article show, as indexed, whatever the file holds now.

Whoosh kept each article's text in its stored fields, a zlib stream a document (4.3 MB of the
7.5k corpus's 8.0 MB of text). Here each text (body and block layout) is a Zstandard frame of
its own (with its checksum), compressed with a dictionary trained on the texts of its pack, so
that a text is read back alone, in about 10 microseconds: 3.6 MB for the build's packs of the
same texts. (Frames of 64 KB of texts without a dictionary were 10% smaller, but showing the
12 rows of a search in view then decompressed 12 such frames: 5 ms instead of 0.3.) A text is
found by its key (a hash of the text and layout, stored in the index as the ``text`` field): the
same text always has the same key, so a text saved twice, or by a pass cut short before its
commit, is never wrong, only spare.

A pack file (``texts-<id>.pack``) is written once (atomically, before the commit of the index
that refers to its texts) and never changed: a header with its dictionary (none for fewer than
``TRAIN_MIN`` texts), the frames, and a table of its keys and where each frame starts, checked
by a CRC. Every pack in the folder is read (a reader that misses a
key looks again: another process may have saved a pack). Texts no article refers to any more
(changed or deleted articles) stay until ``compact`` finds them over ``GARBAGE_SHARE`` of what is
kept, and the small packs that single-file updates leave are joined once ``PILE`` have piled up.
The packs are in the index's manifest of checksums (``integrity``): a pack found damaged or
missing is dropped, and the files whose texts it held are indexed again.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgpack
import zstandard

from search.atomic import write_atomic
from search.model import Article, Block

PREFIX, SUFFIX = "texts-", ".pack"
MAGIC = b"brief-tui texts\n"
FORMAT = 1
_HEAD = struct.Struct("<16sII")  # magic, format, length of the dictionary that follows
_FOOT = struct.Struct("<QII16s")  # table offset, table length, table CRC32, magic
KEY_BYTES = 12
DICTIONARY_BYTES = 32 * 1024  # (16 KB: 2% bigger at 7.5k; 64 KB: as big)
TRAIN_MIN, TRAIN_MAX = 150, 2000  # texts a pack needs to train its dictionary; texts it is trained on
LEVEL = 9  # Zstandard level (3: 6% bigger; 19: 4% smaller, several times as slow)
KEPT_TEXTS = 64  # texts kept read (a search's rows in view, as the query is typed)
GARBAGE_SHARE = 0.25  # texts no article refers to, of all kept, that set off a compaction
PILE, SMALL = 10, 500  # small packs (of fewer texts) that may pile up before they are joined

Text = tuple[str, list[tuple[int, int, str]]]  # body, blocks (start, end, kind)


class DamagedTexts(Exception):
    """A pack of texts that cannot be read, or a text that no pack holds."""


def text_of(article: Article) -> Text:
    return article.body, [(b.start, b.end, b.kind) for b in article.blocks]


def key(text: Text) -> bytes:
    """The key of a text: the same for the same body and layout, different for any other."""
    return hashlib.blake2b(msgpack.packb(text, use_bin_type=True), digest_size=KEY_BYTES).digest()


@dataclass(slots=True)
class _Pack:
    name: str
    fd: int  # (kept open: a pack another process removes stays readable)
    frames: list[int]  # offsets of the frames, and of the table after the last one
    where: dict[bytes, int]  # key -> its frame
    reader: zstandard.ZstdDecompressor  # (with the pack's dictionary)


class TextStore:
    """The texts saved in ``folder`` (read when first asked for), and those to save with the next
    commit (``put``, then ``save``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._packs: dict[str, _Pack] | None = None
        self._pending: dict[bytes, Text] = {}
        self._read: OrderedDict[tuple[str, int], Any] = OrderedDict()  # the last texts read
        self._lock = threading.RLock()

    # -- reading --------------------------------------------------------------------------------

    def get(self, text_key: bytes) -> tuple[str, list[Block]]:
        """The body and blocks saved under ``text_key``; ``DamagedTexts`` when no pack holds it."""
        with self._lock:
            found = self._find(text_key)
            if found is None:
                self._scan()  # (a pack saved since, here or by another process)
                found = self._find(text_key)
            if found is None:
                raise DamagedTexts(f"an article's text is missing from {self.folder.name}")
            body, blocks = self._text(*found)
            return body, [Block(*b) for b in blocks]

    def _find(self, text_key: bytes) -> tuple[_Pack, int] | None:
        for pack in self._loaded().values():
            where = pack.where.get(text_key)
            if where is not None:
                return pack, where
        return None

    def _loaded(self) -> dict[str, _Pack]:
        if self._packs is None:
            self._packs = {}
            self._scan()
        return self._packs

    def _scan(self) -> None:
        """Read the tables of the packs not read yet (those gone are kept while open). A pack that
        cannot be read is left out: its texts are missing, which a read reports (and the check
        that follows finds the pack damaged, and drops it)."""
        packs = self._loaded()
        for name in pack_names(self.folder):
            if name not in packs:
                try:
                    packs[name] = _open(self.folder / name)
                except (FileNotFoundError, DamagedTexts):  # (gone: removed by a compaction since)
                    continue

    def _text(self, pack: _Pack, frame: int) -> Any:
        cached = self._read.get((pack.name, frame))
        if cached is not None:
            self._read.move_to_end((pack.name, frame))
            return cached
        start, end = pack.frames[frame], pack.frames[frame + 1]
        raw = os.pread(pack.fd, end - start, start)
        try:
            text = msgpack.unpackb(pack.reader.decompress(raw), raw=False)
        except (zstandard.ZstdError, ValueError) as err:
            raise DamagedTexts(f"{pack.name}: damaged ({type(err).__name__})") from None
        self._read[(pack.name, frame)] = text
        if len(self._read) > KEPT_TEXTS:
            self._read.popitem(last=False)
        return text

    def keys(self) -> set[bytes]:
        """The keys of every text saved."""
        with self._lock:
            self._scan()
            return {k for pack in self._loaded().values() for k in pack.where}

    # -- writing (with the index's lock held) ---------------------------------------------------

    def put(self, text: Text) -> bytes:
        """Keep ``text`` for the next ``save``; returns its key."""
        text_key = key(text)
        self._pending[text_key] = text
        return text_key

    def discard(self) -> None:
        """Forget what was put since the last save (its pass failed)."""
        self._pending = {}

    def save(self) -> None:
        """Save the texts put since the last save (those not saved already) in a new pack."""
        with self._lock:
            self._scan()
            present = set(pack_names(self.folder))  # (not those removed since: a rebuild wipes them)
            known = [p.where for p in self._loaded().values() if p.name in present]
            new = [(k, t) for k, t in self._pending.items() if not any(k in where for where in known)]
            self._pending = {}
            if new:
                self._write(new)

    def _write(self, texts: list[tuple[bytes, Text]]) -> str:
        name = f"{PREFIX}{secrets.token_hex(8)}{SUFFIX}"
        write_atomic(self.folder / name, _pack_bytes(texts))
        self._loaded()[name] = _open(self.folder / name)
        return name

    def compact(self, live: Callable[[], Iterable[bytes]], articles: int) -> bool:
        """Join the small packs once ``PILE`` have piled up, or, when the texts no article refers to
        are over ``GARBAGE_SHARE`` of those kept (``articles`` refer to at most as many), write the
        texts of ``live()`` in one pack instead of all. Returns whether it did."""
        with self._lock:
            self._scan()
            packs = self._loaded()
            kept = sum(len(p.where) for p in packs.values())
            if kept - articles > GARBAGE_SHARE * kept:
                chosen, wanted = list(packs.values()), set(live())
            else:
                chosen = [p for p in packs.values() if len(p.where) < SMALL]
                if len(chosen) < PILE:
                    return False
                wanted = {k for p in chosen for k in p.where}
            texts = {}
            for pack in chosen:
                for text_key, frame in pack.where.items():
                    if text_key in wanted and text_key not in texts:
                        texts[text_key] = tuple(self._text(pack, frame))
            if texts:
                self._write(list(texts.items()))  # type: ignore[arg-type]
            for pack in chosen:
                self._drop(pack)
            return True

    def drop(self, names: Iterable[str]) -> None:
        """Remove the packs ``names`` (damaged: their texts are indexed again)."""
        with self._lock:
            packs = self._loaded()
            for name in names:
                pack = packs.get(name)
                if pack is not None:
                    self._drop(pack)
                else:
                    (self.folder / name).unlink(missing_ok=True)

    def _drop(self, pack: _Pack) -> None:
        (self.folder / pack.name).unlink(missing_ok=True)
        os.close(pack.fd)
        del self._loaded()[pack.name]
        for cached in [c for c in self._read if c[0] == pack.name]:
            del self._read[cached]

    def close(self) -> None:
        with self._lock:
            for pack in (self._packs or {}).values():
                os.close(pack.fd)
            self._packs = None
            self._read.clear()


def pack_names(folder: Path) -> list[str]:
    try:
        return sorted(n for n in os.listdir(folder) if n.startswith(PREFIX) and n.endswith(SUFFIX))
    except FileNotFoundError:
        return []


def _pack_bytes(texts: list[tuple[bytes, Text]]) -> bytes:
    """A pack of ``texts``: header and dictionary, a frame a text, table, footer."""
    packed = [msgpack.packb(text, use_bin_type=True) for _, text in texts]
    dictionary = _trained(packed)
    compressor = zstandard.ZstdCompressor(
        level=LEVEL,
        dict_data=zstandard.ZstdCompressionDict(dictionary) if dictionary else None,
        write_checksum=True,
        write_dict_id=False,
    )
    parts = [_HEAD.pack(MAGIC, FORMAT, len(dictionary)), dictionary]
    offset = _HEAD.size + len(dictionary)
    frames = []
    for raw in packed:
        frame = compressor.compress(raw)
        frames.append(offset)
        parts.append(frame)
        offset += len(frame)
    frames.append(offset)
    table = msgpack.packb([b"".join(k for k, _ in texts), frames], use_bin_type=True)
    parts.append(table)
    parts.append(_FOOT.pack(offset, len(table), zlib.crc32(table), MAGIC))
    return b"".join(parts)


def _trained(packed: list[bytes]) -> bytes:
    """A dictionary for these texts (b"" for too few: not worth its size)."""
    if len(packed) < TRAIN_MIN:
        return b""
    step = max(1, len(packed) // TRAIN_MAX)
    try:
        return zstandard.train_dictionary(DICTIONARY_BYTES, packed[::step]).as_bytes()
    except zstandard.ZstdError:  # (texts too alike or too short to learn from)
        return b""


def _open(path: Path) -> _Pack:
    """A pack's table, read and checked (``DamagedTexts`` when it is not a sound pack)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        head = os.pread(fd, _HEAD.size, 0)
        foot = os.pread(fd, _FOOT.size, size - _FOOT.size) if size >= _HEAD.size + _FOOT.size else b""
        if len(foot) < _FOOT.size or _HEAD.unpack(head)[:2] != (MAGIC, FORMAT):
            raise DamagedTexts(f"{path.name}: not a pack of texts of this version")
        offset, length, crc, magic = _FOOT.unpack(foot)
        table = os.pread(fd, length, offset)
        if magic != MAGIC or offset + length + _FOOT.size != size or zlib.crc32(table) != crc:
            raise DamagedTexts(f"{path.name}: damaged (its table does not check)")
        keys, frames = msgpack.unpackb(table, raw=False)
        found = {keys[i : i + KEY_BYTES]: n for n, i in enumerate(range(0, len(keys), KEY_BYTES))}
        reader = _reader(os.pread(fd, _HEAD.unpack(head)[2], _HEAD.size), path.name)
    except BaseException:
        os.close(fd)
        raise
    return _Pack(path.name, fd, frames, found, reader)


def _reader(dictionary: bytes, name: str) -> zstandard.ZstdDecompressor:
    try:
        return zstandard.ZstdDecompressor(
            dict_data=zstandard.ZstdCompressionDict(dictionary) if dictionary else None
        )
    except zstandard.ZstdError:
        raise DamagedTexts(f"{name}: damaged (its dictionary)") from None
