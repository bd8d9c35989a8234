"""Damaged segment files are found and repaired: a manifest of their checksums, kept beside them.

After each commit the writer records every file of the index (its segments, ``MAIN_<id>.*``, its
table of contents, and the packs of article texts beside them: ``texts``) with its size,
modification time and CRC32 (``record``). Segment files and packs never change once written, so
only new ones are read to checksum them, while they are still in the page cache. Opening the
index (``verify``) compares sizes and times, which costs one ``stat`` a file; only a file whose
size or time changed is read and checksummed again, so a start does not read the index.
Everything is checksummed when asked (``full``): by ``brief-tui index``, and when a read failed
(``flag``). A damaged segment is dropped from the index (``drop_segments``) and the files whose
articles it held are indexed again by the update that follows; so is a damaged or missing pack
of texts, and the files of the articles whose texts it held.
"""

from __future__ import annotations

import json
import os
import zlib
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.index import TOC, FileIndex, clean_files

from search.atomic import write_atomic
from search.index import texts

MANIFEST_NAME = "segments.json"
FLAG_NAME = "needs-check"  # a read failed: check every file at the next open or refresh
FORMAT = 1
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Damage:
    segments: frozenset[str]  # ids of damaged segments
    reasons: tuple[str, ...]  # "MAIN_x.seg: checksum mismatch", one a file
    texts: frozenset[str] = frozenset()  # names of damaged or missing packs of texts (``texts``)


def record(folder: Path, ix: FileIndex) -> None:
    """Save the manifest of the index as committed (new files are checksummed; known ones kept);
    nothing is written when it is unchanged."""
    saved = _load(folder)
    known = saved.get("files", {})
    files = {}
    for name in _index_files(folder, ix):
        st = (folder / name).stat()
        old = known.get(name)
        same = old is not None and old[0] == st.st_size and old[1] == st.st_mtime_ns
        files[name] = old if same else [st.st_size, st.st_mtime_ns, _crc(folder / name)]
    data = {"format": FORMAT, "generation": ix.latest_generation(), "files": files}
    if data == saved:
        return
    write_atomic(folder / MANIFEST_NAME, json.dumps(data, separators=(",", ":")).encode())


def verify(folder: Path, ix: FileIndex, full: bool = False) -> Damage:
    """Which segments are damaged: a file listed in the manifest that is missing, of another size,
    or (read when its time changed, or ``full``) of another checksum. Files the manifest does not
    know (an index from before manifests, or a commit cut short before its manifest was saved)
    are taken as they are and recorded by the next ``record``."""
    known = _load(folder).get("files", {})
    segments, reasons = set(), []
    toc_name = TOC._filename(ix.indexname, ix.latest_generation())
    for segment in ix._read_toc().segments:
        sid = segment.segment_id()
        for name, saved in known.items():
            if not name.startswith(f"{sid}."):
                continue
            problem = _problem(folder / name, saved, full)
            if problem:
                segments.add(sid)
                reasons.append(f"{name}: {problem}")
    if toc_name in known and (problem := _problem(folder / toc_name, known[toc_name], full)):
        reasons.append(f"{toc_name}: {problem}")  # (read already, or opening would have failed)
    packs = set()
    for name, saved in known.items():
        if _is_pack(name) and (problem := _problem(folder / name, saved, full)):
            packs.add(name)
            reasons.append(f"{name}: {problem}")
    return Damage(frozenset(segments), tuple(reasons), frozenset(packs))


def drop_segments(ix: FileIndex, damaged: frozenset[str]) -> FileIndex:
    """The index without the ``damaged`` segments (a new table of contents; their files deleted)."""
    toc = ix._read_toc()
    kept = [s for s in toc.segments if s.segment_id() not in damaged]
    generation = toc.generation + 1
    TOC(toc.schema, kept, generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, kept)
    return FileIndex(ix.storage, toc.schema, ix.indexname)


def flag(folder: Path, reason: str) -> None:
    """Ask the next open or refresh to checksum every file (a read failed: ``reason``)."""
    with suppress(OSError):  # a folder that cannot be written cannot be repaired either
        write_atomic(folder / FLAG_NAME, reason.encode("utf-8", "replace"))


def flagged(folder: Path) -> str:
    """Why a read failed, if one did since the last check; "" otherwise."""
    try:
        return (folder / FLAG_NAME).read_text("utf-8", "replace") or "a read failed"
    except OSError:
        return ""


def unflag(folder: Path) -> None:
    (folder / FLAG_NAME).unlink(missing_ok=True)


def _problem(path: Path, saved: list[int], full: bool) -> str:
    try:
        st = path.stat()
    except OSError:
        return "missing"
    if st.st_size != saved[0]:
        return f"size {st.st_size}, written as {saved[0]}"
    if (full or st.st_mtime_ns != saved[1]) and _crc(path) != saved[2]:
        return "checksum mismatch"
    return ""


def _index_files(folder: Path, ix: FileIndex) -> list[str]:
    toc = ix._read_toc()
    ids = {s.segment_id() for s in toc.segments}
    pattern = TOC._segment_pattern(ix.indexname)
    names = [TOC._filename(ix.indexname, toc.generation)]
    for name in os.listdir(folder):
        match = pattern.match(name)
        if (match and match.group(1) in ids) or _is_pack(name):
            names.append(name)
    return sorted(names)


def _is_pack(name: str) -> bool:
    return name.startswith(texts.PREFIX) and name.endswith(texts.SUFFIX)


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def _load(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST_NAME).read_bytes())
    except (OSError, ValueError):
        return {}
    if not (isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("files"), dict)):
        return {}
    files = {  # (a hand-edited manifest: what is not three numbers is not known)
        name: saved for name, saved in data["files"].items()
        if isinstance(saved, list) and len(saved) == 3 and all(type(n) is int for n in saved)
    }  # fmt: skip
    return {**data, "files": files}
