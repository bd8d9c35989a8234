"""Indexing progress as the status line says it: files done of the total, rate, time left; then
the merge."""

from __future__ import annotations

import time
from collections.abc import Callable

from search.model import INDEXING, MERGING

Show = Callable[[int, int, str], None]  # (done, total, the line)
EVERY = 0.25  # seconds between two lines, at most (the last one always shows)


class Progress:
    """Called with (files done, files to do) by an update; passes a line on to ``show`` at most
    every ``EVERY`` seconds. The rate counts from the first call (the files of this update). The
    merge that follows the last file (``stage=MERGING``) is said once."""

    def __init__(self, show: Show, clock: Callable[[], float] = time.monotonic) -> None:
        self._show = show
        self._clock = clock
        self._start: tuple[float, int] | None = None  # (time, files done) at the first call
        self._last = -EVERY
        self._stage = INDEXING

    def __call__(self, done: int, total: int, stage: str = INDEXING) -> None:
        now = self._clock()
        if self._start is None or done < self._start[1]:  # a new update starts over
            self._start = (now, done)
        if stage == self._stage == MERGING or (done < total and now - self._last < EVERY):
            return  # (the merge's line does not change while it lasts)
        self._last, self._stage = now, stage
        if stage == MERGING:
            self._show(done, total, f"Indexed {total:,} files · merging the index (search works meanwhile)")
        else:
            self._show(done, total, self.line(done, total, now))

    def line(self, done: int, total: int, now: float) -> str:
        parts = [f"Indexing {done:,} of {total:,} files"]
        assert self._start is not None
        seconds, before = now - self._start[0], self._start[1]
        if seconds >= 1 and done > before:
            rate = (done - before) / seconds
            parts.append(f"{rate:,.0f} files/s")
            if done < total:
                parts.append(f"about {_duration((total - done) / rate)} left")
        return " · ".join(parts)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes, seconds = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    return f"{minutes // 60} h {minutes % 60:02d} min"
