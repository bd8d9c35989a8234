"""The load report: every file that was skipped, repaired or found to be a duplicate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SKIPPED = "skipped"
REPAIRED = "repaired"
DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class LoadIssue:
    path: str  # relative to the corpus root
    kind: str  # SKIPPED, REPAIRED or DUPLICATE
    reason: str


@dataclass(slots=True)
class LoadReport:
    articles: int = 0
    files: int = 0
    other_files: int = 0  # files of a format the loader does not read
    issues: list[LoadIssue] = field(default_factory=list)
    unindexed: int = 0  # files found but not indexed yet (an update is running)
    failure: str = ""  # why the last update failed: files it did not reach are missing

    def count(self, kind: str) -> int:
        return sum(1 for issue in self.issues if issue.kind == kind)

    @property
    def skipped(self) -> int:
        return self.count(SKIPPED)

    @property
    def repaired(self) -> int:
        return self.count(REPAIRED)

    @property
    def duplicates(self) -> int:
        return self.count(DUPLICATE)

    def reasons(self) -> Counter[str]:
        """How often each kind of problem occurred, e.g. ``{"skipped: binary file": 2, "duplicate": 5}``."""
        return Counter(
            i.kind if i.kind == DUPLICATE else f"{i.kind}: {i.reason.split(' (')[0]}" for i in self.issues
        )

    def summary(self) -> str:
        parts = [f"{self.articles} articles from {self.files} files"]
        for label, n in (
            ("skipped", self.skipped),
            ("repaired", self.repaired),
            ("duplicate" if self.duplicates == 1 else "duplicates", self.duplicates),
            ("other file ignored" if self.other_files == 1 else "other files ignored", self.other_files),
        ):
            if n:
                parts.append(f"{n} {label}")
        if self.unindexed:
            parts.append(f"{self.unindexed:,} files still to index")
        if self.failure:
            parts.append(f"the last update failed ({self.failure})")
        return ", ".join(parts)
