"""`brief-tui index --watch`: indexes, then a line per update while files change, until ctrl+c."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import search.watch
from tests.conftest import ROOT
from tui.cli import main

SOON = 15.0  # seconds for a line to come (the first includes building the index)


class Lines:
    """A process's stdout, a line at a time, never blocking the test for longer than asked."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self._lines: queue.Queue[str] = queue.Queue()
        assert proc.stdout is not None
        stdout = proc.stdout
        threading.Thread(target=lambda: [self._lines.put(line) for line in stdout], daemon=True).start()

    def until(self, pattern: str) -> list[str]:
        """The lines up to the first that matches ``pattern`` (which is the last)."""
        seen: list[str] = []
        while not seen or not re.search(pattern, seen[-1]):
            try:
                seen.append(self._lines.get(timeout=SOON).rstrip("\n"))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} after {seen}") from None
        return seen


def summary(corpus: Path, skipped: int = 0) -> str:
    """The load report's summary, from the files on disk: one article a .txt file but those skipped."""
    files = [p for p in corpus.iterdir() if p.suffix == ".txt"]
    others = sum(1 for p in corpus.iterdir() if p.suffix != ".txt")
    line = f"{len(files) - skipped} articles from {len(files)} files"
    line += f", {skipped} skipped" if skipped else ""
    return line + (f", {others} other file{'s' if others > 1 else ''} ignored" if others else "")


def test_index_watch_prints_a_line_per_update_and_stops_on_ctrl_c(seeds: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "index",
            "--watch",
            str(seeds),
            "--index-dir",
            str(tmp_path / "ix"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = Lines(proc)
        first = lines.until(r"^watching ")
        assert "indexed 2 file(s), removed 0, 0 unchanged" in first[0]
        assert first[-1] == f"watching {seeds.resolve()} for changes (ctrl+c stops)"

        (seeds / "new.txt").write_text("Zanzibar ferry plans.\n\nThe port of Zanzibar expands.\n")
        [line] = lines.until("changed")
        assert re.fullmatch(r"\d\d:\d\d:\d\d 1 file changed: indexed; " + re.escape(summary(seeds)), line)

        (seeds / "new.txt").unlink()
        (seeds / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
        [line, skipped] = lines.until("changed") + lines.until("bad.txt")
        assert line.endswith(" 2 files changed: indexed (1 removed), 1 skipped; " + summary(seeds, skipped=1))
        assert skipped.startswith("  skipped   bad.txt: ")

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=SOON) == 0
        assert lines.until("^stopped watching$") == ["stopped watching"]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.stderr is not None
    assert proc.stderr.read() == ""


def test_a_folder_that_cannot_be_watched_is_said_in_one_line(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*paths: object, **options: object) -> Iterator[set[object]]:
        raise OSError("OS file watch limit reached")  # what watchfiles raises when inotify has no watch left
        yield set()  # (a generator, like watchfiles.watch)

    monkeypatch.setattr(search.watch, "watch_changes", refuse)
    assert main(["index", "--watch", str(seeds), "--index-dir", str(tmp_path / "ix")]) == 1
    out, err = capsys.readouterr()
    assert err == f"brief-tui: cannot watch {seeds.resolve()}: OS file watch limit reached\n"
    assert out.startswith("indexed 2 file(s)")  # the index itself was built
