"""Find the files of a corpus: a folder walked recursively (links followed, loops cut) or one file."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from search.corpus.formats import SUFFIXES
from search.corpus.report import SKIPPED, LoadIssue

_DOC_NAMES = ("readme", "license", "licence", "changelog", "contributing", "copying")


@dataclass(frozen=True, slots=True)
class FileStat:
    rel: str  # posix path relative to the corpus root
    size: int
    mtime_ns: int


@dataclass(slots=True)
class Discovery:
    files: list[FileStat] = field(default_factory=list)
    other_files: int = 0
    issues: list[LoadIssue] = field(default_factory=list)


def is_doc_file(name: str) -> bool:
    stem = name.rsplit(".", 1)[0].lower()
    return stem in _DOC_NAMES


def discover(root: Path, only: str | None = None) -> Discovery:
    """Every readable article file under ``root`` (or just ``only``), sorted by path."""
    found = Discovery()
    if only is not None:
        _add(found, os.fspath(root), only)
        return found
    seen: set[tuple[int, int]] = set()
    top = os.fspath(root)

    def onerror(err: OSError) -> None:
        rel = Path(err.filename).relative_to(root).as_posix() if err.filename else "?"
        found.issues.append(LoadIssue(shown_path(rel), SKIPPED, f"folder not readable ({err.strerror})"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen:
            rel = shown_path(Path(dirpath).relative_to(root).as_posix())
            found.issues.append(LoadIssue(rel, SKIPPED, "folder link loop; not followed again"))
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath).relative_to(root).as_posix()
        prefix = "" if base == "." else base + "/"  # strings, not paths: tens of thousands of files
        try:
            folder = os.open(dirpath, os.O_RDONLY | os.O_DIRECTORY)  # stat by name, not by path
        except OSError:
            folder = None
        try:
            for name in sorted(filenames):
                if not name.startswith("."):
                    _add(found, top, prefix + name, name, folder)
        finally:
            if folder is not None:
                os.close(folder)
    found.files.sort(key=lambda f: f.rel)
    return found


def _add(found: Discovery, root: str, rel: str, name: str = "", folder: int | None = None) -> None:
    """Record file ``rel``; ``name`` is its name in the open directory ``folder``, if given."""
    name = name or rel.rsplit("/", 1)[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or "." + suffix.lower() not in SUFFIXES:
        found.other_files += 1
        return
    if is_doc_file(name):
        found.issues.append(LoadIssue(rel, SKIPPED, "documentation file (README/LICENSE), not an article"))
        return
    if not _is_utf8(rel):
        reason = "file name is not valid UTF-8; rename it to index it"
        found.issues.append(LoadIssue(shown_path(rel), SKIPPED, reason))
        return
    try:
        st = os.stat(name, dir_fd=folder) if folder is not None else os.stat(os.path.join(root, rel))
    except OSError as err:
        found.issues.append(LoadIssue(rel, SKIPPED, f"not readable ({err.strerror or err})"))
        return
    if not stat.S_ISREG(st.st_mode):  # reading a FIFO would block; a device may never end
        found.issues.append(LoadIssue(rel, SKIPPED, "not a regular file (a pipe, device or socket)"))
        return
    found.files.append(FileStat(rel, st.st_size, st.st_mtime_ns))


def _is_utf8(name: str) -> bool:
    """False for a name with bytes that are not UTF-8 (Python hands them over as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(rel: str) -> str:
    """``rel`` with undecodable bytes as U+FFFD, so it can be stored as JSON and shown."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
