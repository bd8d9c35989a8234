"""The catalog: what each corpus file contributed to the index, kept beside it as JSON.

It makes re-opening incremental (size and mtime per file), holds the article list
the UI shows without touching Whoosh, and keeps each file's load problems so the
load report survives restarts. It is written atomically after each commit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from search.atomic import write_atomic
from search.corpus.report import LoadIssue
from search.model import ArticleSummary

CATALOG_NAME = "catalog.json"


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
        data: dict[str, Any] = {
            "version": self.version,
            "files": {k: asdict(v) for k, v in self.files.items()},
            "articles": {k: [v.title, v.source, v.date, v.section, v.path] for k, v in self.articles.items()},
            "hashes": self.hashes,
            "boilerplate": self.boilerplate,
            "other_files": self.other_files,
            "analysis": self.analysis,
            "walk_issues": self.walk_issues,
        }
        write_atomic(index_dir / CATALOG_NAME, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def load(cls, index_dir: Path, version: int) -> Catalog | None:
        """The saved catalog, or None when it is missing, unreadable or of another version."""
        try:
            data = json.loads((index_dir / CATALOG_NAME).read_bytes())
            if not isinstance(data, dict) or data.get("version") != version:
                return None
            catalog = cls(
                version=version,
                files={k: FileEntry(**v) for k, v in data["files"].items()},
                articles={k: ArticleSummary(k, *v) for k, v in data["articles"].items()},
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
