"""The data files kept beside the index (mentions, vocabulary, entity links): data only, checked
on load.

They were pickles, and unpickling runs code: a file put in the index folder could run anything,
and a zeroed one loaded as nothing at all. Each is now MessagePack (maps, lists, strings,
numbers and bytes; nothing that runs) behind a header that names its kind and format and holds
the CRC32 and length of what follows. A file that is truncated, zeroed, altered or of another
kind is ``DamagedFile``; its owner treats it as missing, says so, and makes it again.

Maps of many string keys unpack slower than lists (a third of the load time of the entity
links), so big ones are kept as two columns (``columns``): their keys and their values.

A file may be compressed (``dump(..., level=N)``: Zstandard, a flag in its format word): the
mentions, the vocabulary and the entity links are. Zstandard makes them smaller than zlib did
(at level 9 its window spans many articles, which repeat names) and decompresses several times
as fast: the entity links of ../shared/corpus, 20.6 MB packed, were 8.3 MB with zlib (level 1;
0.16 s to decompress) and 4.5 MB at level 9 (0.03 s), for about as long to compress. Files
saved after each pass of a build (mentions, vocabulary) use ``FAST``: 10% bigger, several times
as quick to compress.

The entity links are saved at ``LONG``, a fast level, with long-distance matching over a window of
``WINDOW_LOG`` (128 MB, what a decompressor accepts without being told), which finds the names an
article repeats from articles far before it. Level 9 found them only within its 8 MB window and
took 2-4 times as long: at 50,000 articles 68 MB of links took 1.3 s of CPU to compress at level 9
(13.2 MB), 0.6 s this way (12.6 MB); at 7,500, 0.35 against 0.13 s (3.7 against 4.2 MB).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import msgpack
import zstandard

MAGIC = b"brief-tui data\n\0"
_HEADER = struct.Struct("<16s16sIIQ")  # magic, kind, format, CRC32 and length of the body
ZSTD = 1 << 31  # in the format word: the body is Zstandard-compressed MessagePack
FAST = 3
LONG = 4  # with long-distance matching (``dump(..., long=True)``); level 9 alone: see above
WINDOW_LOG = 27  # the largest window a decompressor takes by default (ZSTD_WINDOWLOG_LIMIT_DEFAULT)


class DamagedFile(Exception):
    """A data file that cannot be trusted: its reason says why, in the user's words."""


def dump(kind: str, fmt: int, data: Any, level: int = 0, long: bool = False) -> bytes:
    """``data`` as saved: compressed at Zstandard ``level`` (0: not compressed), with long-distance
    matching over ``WINDOW_LOG`` if ``long``."""
    body = msgpack.packb(data, use_bin_type=True)
    if level:
        body, fmt = _compressor(level, long).compress(body), fmt | ZSTD
    return _HEADER.pack(MAGIC, kind.encode(), fmt, zlib.crc32(body), len(body)) + body


def _compressor(level: int, long: bool) -> zstandard.ZstdCompressor:
    if not long:
        return zstandard.ZstdCompressor(level=level)
    params = zstandard.ZstdCompressionParameters.from_level(level, enable_ldm=True, window_log=WINDOW_LOG)
    return zstandard.ZstdCompressor(compression_params=params)


def load(raw: bytes, kind: str, fmt: int, unpack: bool = True) -> Any:
    """What ``dump(kind, fmt, ...)`` saved in ``raw``; ``DamagedFile`` when it is not that
    (``unpack`` False: only checked)."""
    if len(raw) < _HEADER.size:
        raise DamagedFile(f"{kind}: truncated ({len(raw)} bytes)")
    magic, saved_kind, saved_fmt, crc, length = _HEADER.unpack_from(raw)
    if magic != MAGIC or saved_kind.rstrip(b"\0") != kind.encode():
        raise DamagedFile(f"{kind}: not a brief-tui {kind} file")
    if saved_fmt & ~ZSTD != fmt:
        raise DamagedFile(f"{kind}: made by another version (format {saved_fmt & ~ZSTD}, not {fmt})")
    body = memoryview(raw)[_HEADER.size :]
    if len(body) != length or zlib.crc32(body) != crc:
        raise DamagedFile(f"{kind}: checksum mismatch (the file was changed or cut short)")
    if not unpack:
        return None
    try:
        if saved_fmt & ZSTD:
            body = memoryview(zstandard.ZstdDecompressor().decompress(body))
        return msgpack.unpackb(body, use_list=False, raw=False)
    except Exception as err:  # (a file made to pass the checksum: data, never code)
        raise DamagedFile(f"{kind}: unreadable ({type(err).__name__})") from None


def read(path: Path, kind: str, fmt: int) -> Any:
    """The data saved in ``path``: None when there is no file, ``DamagedFile`` when it is bad."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise DamagedFile(f"{kind}: cannot be read ({err.strerror or err})") from None
    return load(raw, kind, fmt)


def damage(path: Path, kind: str, fmt: int) -> str:
    """Why the data file ``path`` is damaged ("" when it is sound or missing), without unpacking it."""
    try:
        raw = path.read_bytes()
        load(raw, kind, fmt, unpack=False)
    except FileNotFoundError:
        return ""
    except (OSError, DamagedFile) as err:
        return str(err)
    return ""


def columns(mapping: Mapping[str, Any]) -> tuple[list[str], list[Any]]:
    """A map as two columns, its keys and its values (quick to save and load)."""
    return list(mapping), list(mapping.values())


def from_columns(saved: Iterable[Any]) -> dict[str, Any]:
    """The map ``columns`` made (``ValueError``/``TypeError`` when the columns do not match up)."""
    keys, values = saved
    return dict(zip(keys, values, strict=True))
