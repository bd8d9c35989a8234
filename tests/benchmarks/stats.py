"""Figures of a benchmark run: samples, their median and p95, the target, and the table they make."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def percentile(samples: Sequence[float], share: float) -> float:
    """The ``share`` (0..1) percentile, interpolated between the closest ranks."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    rank = share * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(slots=True)
class Figure:
    """One measured quantity over repeated runs; ``better`` says which way is good."""

    name: str
    unit: str
    samples: list[float]
    target: float | None = None
    better: str = "lower"  # "lower" or "higher"
    gate: str = "median"  # which statistic the target applies to: "median" or "p95"
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        # "higher is better" figures (throughput, ratios): the bad tail is the low end
        return percentile(self.samples, 0.95 if self.better == "lower" else 0.05)

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        value = self.p95 if self.gate == "p95" else self.median
        return value <= self.target if self.better == "lower" else value >= self.target

    def target_text(self) -> str:
        if self.target is None:
            return "–"
        sign = "≤" if self.better == "lower" else "≥"
        return f"{self.gate} {sign} {_number(self.target)} {self.unit}"


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(corpus: str, figures: Sequence[Figure]) -> str:
    """A markdown table of ``figures`` measured on ``corpus``."""
    rows = [
        f"### {corpus}",
        "",
        "| figure | median | p95 | runs | target | met | notes |",
        "|---|---:|---:|---:|---|:-:|---|",
    ]
    for f in figures:
        met = {True: "yes", False: "**no**", None: ""}[f.met]
        rows.append(
            f"| {f.name} | {_number(f.median)} {f.unit} | {_number(f.p95)} {f.unit} | {len(f.samples)} "
            f"| {f.target_text()} | {met} | {f.note} |"
        )
    return "\n".join(rows) + "\n"


def timed_ms(action: Callable[[], object]) -> float:
    """How long ``action`` takes, in milliseconds."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def child_run(code: Path, script: str, *args: str) -> dict[str, Any]:
    """Run ``script`` in a fresh Python process on the code in ``code`` (another version of it, for
    a before/after run); what it printed last, as JSON."""
    env = dict(os.environ, PYTHONPATH=str(code))
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, cwd=code, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
