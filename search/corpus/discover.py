"""Find the files of a corpus: a folder walked (links inside it followed, loops cut) or one file."""

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
    other: list[str] = field(default_factory=list)  # files that are not articles (by their suffix)
    issues: list[LoadIssue] = field(default_factory=list)
    linked: bool = False  # whether the walk met a link (re-walking a part of it is then unsafe)

    @property
    def other_files(self) -> int:
        return len(self.other)

    def sort(self) -> None:
        self.files.sort(key=lambda f: f.rel)
        self.other.sort()
        self.issues.sort(key=lambda i: (i.path, i.reason))


def is_doc_file(name: str) -> bool:
    stem = name.rsplit(".", 1)[0].lower()
    return stem in _DOC_NAMES


def discover(root: Path, only: str | None = None) -> Discovery:
    """Every readable article file under ``root`` (or just ``only``), sorted by path.

    The walk keeps its own stack (any depth, no recursion) and follows links only while they stay
    inside ``root``: a link that leads out of it is reported and not followed."""
    found = Discovery()
    top = os.fspath(root)
    if only is not None:
        add(found, top, only)
        return found
    walk(found, top, "")
    found.sort()
    return found


def walk(found: Discovery, top: str, start: str) -> None:
    """Add to ``found`` what the folder ``start`` (relative to the root ``top``: "" is the root,
    else "a/b/") holds, its sub-folders included."""
    inside = _Inside(top)
    seen: set[tuple[int, int]] = set()
    stack = [start]  # folders to read, as prefixes relative to the root
    while stack:
        prefix = stack.pop()
        dirpath = os.path.join(top, prefix) if prefix else top
        try:
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen:
                reason = "folder link loop; not followed again"
                found.issues.append(LoadIssue(shown_path(prefix.rstrip("/")), SKIPPED, reason))
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(dirpath) as scan:
                entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as err:
            rel = shown_path(prefix.rstrip("/") or ".")
            found.issues.append(LoadIssue(rel, SKIPPED, f"folder not readable ({err.strerror})"))
            continue
        folders, files = [], []
        for entry in entries:
            if entry.is_symlink():
                found.linked = True
                if not inside(entry.path):
                    reason = "a link to a place outside the corpus folder; not followed"
                    found.issues.append(LoadIssue(shown_path(prefix + entry.name), SKIPPED, reason))
                    continue
            if _is_dir(entry):
                folders.append(entry.name)
            else:
                files.append(entry.name)
        stack.extend(prefix + name + "/" for name in reversed(folders))
        _add_files(found, top, dirpath, prefix, files)


class _Inside:
    """Whether a path, links resolved, is inside the corpus root."""

    def __init__(self, top: str) -> None:
        self.top = os.path.realpath(top)

    def __call__(self, path: str) -> bool:
        target = os.path.realpath(path)
        return target == self.top or target.startswith(self.top.rstrip(os.sep) + os.sep)


def is_inside(root: Path, path: Path) -> bool:
    """Whether ``path``, links resolved, is inside ``root``."""
    return _Inside(os.fspath(root))(os.fspath(path))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _add_files(found: Discovery, top: str, dirpath: str, prefix: str, names: list[str]) -> None:
    try:
        folder: int | None = os.open(dirpath, os.O_RDONLY | os.O_DIRECTORY)  # stat by name, not by path
    except OSError:
        folder = None
    try:
        for name in names:
            add(found, top, prefix + name, name, folder)  # strings, not paths: tens of thousands
    finally:
        if folder is not None:
            os.close(folder)


def add(found: Discovery, root: str, rel: str, name: str = "", folder: int | None = None) -> None:
    """Record file ``rel``; ``name`` is its name in the open directory ``folder``, if given."""
    name = name or rel.rsplit("/", 1)[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or "." + suffix.lower() not in SUFFIXES:
        found.other.append(rel)
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
