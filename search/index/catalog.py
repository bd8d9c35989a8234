"""The catalog: what each corpus file contributed to the index, kept beside it as JSON.

It makes re-opening incremental (size and mtime per file), holds the article list
the UI shows without touching Whoosh, and keeps each file's load problems so the
load report survives restarts. It is written atomically after each commit, in columns
(one list a field, not an object a file): it is read at every start, and that parses
several times faster.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.atomic import write_atomic
from search.corpus.report import LoadIssue
from search.index.bulk import without_gc
from search.model import ArticleSummary

CATALOG_NAME = "catalog.json"
FORMAT = 2  # files and articles in columns (articles in the order of the files' ids), lists joined by SEP
SEP = "\0"  # in no path, id or hash


@dataclass(slots=True)
class FileEntry:
    size: int
    mtime_ns: int
    ids: list[str] = field(default_factory=list)  # articles indexed from this file
    hashes: list[str] = field(default_factory=list)  # their body hashes, in the same order
    issues: list[tuple[str, str]] = field(default_factory=list)  # (kind, reason)
    edges: list[str] = field(default_factory=list)  # hashes of boilerplate-candidate lines
    duplicate_of: list[str] = field(default_factory=list)  # canonical ids of its duplicate articles


@dataclass(slots=True)
class Catalog:
    version: int
    files: dict[str, FileEntry] = field(default_factory=dict)
    articles: dict[str, ArticleSummary] = field(default_factory=dict)  # indexed articles only
    hashes: dict[str, str] = field(default_factory=dict)  # body hash -> indexed article id
    boilerplate: list[str] = field(default_factory=list)
    other_files: int = 0
    analysis: str = ""  # the key of the analysis the articles were indexed with
    walk_issues: list[tuple[str, str, str]] = field(default_factory=list)  # (path, kind, reason)

    def issues(self) -> list[LoadIssue]:
        out = [LoadIssue(*i) for i in self.walk_issues]
        for rel, entry in self.files.items():
            out.extend(LoadIssue(rel, kind, reason) for kind, reason in entry.issues)
        return out

    def save(self, index_dir: Path) -> None:
        with without_gc():
            encoded = json.dumps(self._columns(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_atomic(index_dir / CATALOG_NAME, encoded)

    def _columns(self) -> dict[str, Any]:
        in_order = [self.articles[i] for entry in self.files.values() for i in entry.ids]
        return {
            "version": self.version,
            "format": FORMAT,
            "files": _file_columns(self.files),
            "articles": {  # each file's articles (its ids), file by file
                "titles": [a.title for a in in_order],
                "sources": [a.source for a in in_order],
                "dates": [a.date for a in in_order],
                "sections": [a.section for a in in_order],
            },
            "hashes": self.hashes,
            "boilerplate": self.boilerplate,
            "other_files": self.other_files,
            "analysis": self.analysis,
            "walk_issues": self.walk_issues,
        }

    @classmethod
    def load(cls, index_dir: Path, version: int) -> Catalog | None:
        """The saved catalog, or None when it is missing, unreadable or of another version."""
        try:
            with without_gc():
                data = json.loads((index_dir / CATALOG_NAME).read_bytes())
                if not isinstance(data, dict) or (data.get("version"), data.get("format")) != (
                    version,
                    FORMAT,
                ):
                    return None
                files = _file_entries(data["files"])
                a = data["articles"]
                ids = [(i, rel) for rel, entry in files.items() for i in entry.ids]
                columns = ids, a["titles"], a["sources"], a["dates"], a["sections"]
                catalog = cls(
                    version=version,
                    files=files,
                    articles={
                        i: ArticleSummary(i, title, source, date, section, rel)
                        for (i, rel), title, source, date, section in zip(*columns, strict=True)
                    },
                    hashes=data["hashes"],
                    boilerplate=data["boilerplate"],
                    other_files=data["other_files"],
                    analysis=data["analysis"],
                    walk_issues=[tuple(i) for i in data["walk_issues"]],
                )
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # AttributeError: valid JSON of the wrong shape, e.g. "files": []
        containers = (catalog.hashes, dict), (catalog.boilerplate, list), (catalog.other_files, int)
        return catalog if all(isinstance(value, kind) for value, kind in containers) else None


def _file_columns(files: dict[str, FileEntry]) -> dict[str, Any]:
    entries = list(files.values())
    return {
        "paths": list(files),
        "sizes": [e.size for e in entries],
        "mtimes": [e.mtime_ns for e in entries],
        "ids": [None if e.ids == [rel] else SEP.join(e.ids) for rel, e in files.items()],  # most: [rel]
        "hashes": [SEP.join(e.hashes) for e in entries],
        "edges": [SEP.join(e.edges) for e in entries],
        "issues": {rel: e.issues for rel, e in files.items() if e.issues},
        "duplicate_of": {rel: e.duplicate_of for rel, e in files.items() if e.duplicate_of},
    }


def _file_entries(columns: dict[str, Any]) -> dict[str, FileEntry]:
    issues, duplicates = columns["issues"], columns["duplicate_of"]
    rows = zip(
        columns["paths"], columns["sizes"], columns["mtimes"], columns["ids"], columns["hashes"],
        columns["edges"], strict=True,
    )  # fmt: skip
    return {
        rel: FileEntry(
            size,
            mtime_ns,
            [rel] if ids is None else _split(ids),
            _split(hashes),
            [tuple(i) for i in issues[rel]] if rel in issues else [],
            _split(edges),
            duplicates.get(rel, []),
        )
        for rel, size, mtime_ns, ids, hashes, edges in rows
    }


def _split(joined: str) -> list[str]:
    return joined.split(SEP) if joined else []
