"""A time budget for analysing one article, checked cooperatively inside the loops.

No signals and no threads: analysis runs in worker processes and in a thread of the TUI,
where neither would work. The loops call :func:`check` and stop with :class:`OutOfTime`.
"""

from __future__ import annotations

import math
import time

NO_DEADLINE = math.inf


class OutOfTime(Exception):
    """Analysis of one article ran past its deadline."""


def deadline_after(seconds: float) -> float:
    """The ``time.monotonic()`` value ``seconds`` from now."""
    return time.monotonic() + seconds


def check(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise OutOfTime
