"""The indexing progress line: files done of the total, the rate, the time left; not too often."""

from __future__ import annotations

from search.model import MERGING
from tui.state.progress import EVERY, Progress


def test_the_line_says_done_of_total_rate_and_time_left() -> None:
    now = [100.0]
    shown: list[str] = []
    progress = Progress(lambda done, total, line: shown.append(line), clock=lambda: now[0])
    progress(0, 7572)
    now[0] = 110.0  # 2,000 files in 10 s: 200 files/s, 5,572 left: 28 s
    progress(2000, 7572)
    now[0] = 110.1  # too soon after the last line: not shown
    progress(2025, 7572)
    now[0] = 137.9
    progress(7572, 7572)
    assert shown == [
        "Indexing 0 of 7,572 files",
        "Indexing 2,000 of 7,572 files · 200 files/s · about 28 s left",
        "Indexing 7,572 of 7,572 files · 200 files/s",
    ]


def test_long_waits_read_in_minutes_and_hours() -> None:
    now = [0.0]
    shown: list[str] = []
    progress = Progress(lambda done, total, line: shown.append(line), clock=lambda: now[0])
    progress(0, 50_000)
    now[0] = 100.0
    progress(1000, 50_000)  # 10 files/s: 4,900 s left
    now[0] = 200.0
    progress(49_000, 50_000)  # 490 files/s: about 2 s left
    assert shown[1:] == [
        "Indexing 1,000 of 50,000 files · 10 files/s · about 1 h 21 min left",
        "Indexing 49,000 of 50,000 files · 245 files/s · about 4 s left",
    ]


def test_the_merge_after_the_last_file_is_said_once() -> None:
    now = [0.0]
    shown: list[str] = []
    progress = Progress(lambda done, total, line: shown.append(line), clock=lambda: now[0])
    progress(0, 50_000)
    now[0] = 100.0
    progress(50_000, 50_000)
    for step in range(1, 40):  # the merge checks in every few thousand terms
        now[0] = 100.0 + step * EVERY / 4
        progress(50_000, 50_000, MERGING)
    assert shown[1:] == [
        "Indexing 50,000 of 50,000 files · 500 files/s",
        "Indexed 50,000 files · merging the index (search works meanwhile)",
    ]
