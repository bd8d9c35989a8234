"""The installed ``brief-tui`` command in a real pseudo-terminal, read as a person sees it.

pexpect runs the console script in a pty (worker processes, terminal I/O and all); pyte, a
terminal emulator, turns what it writes into the screen's lines, which the tests read.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

COLUMNS, LINES = 120, 36


def installed_command() -> Path:
    """The ``brief-tui`` script pip installed beside this Python (not the source tree's modules)."""
    found = Path(sys.executable).parent / "brief-tui"
    if not found.exists():
        which = shutil.which("brief-tui")
        assert which is not None, "brief-tui is not installed"
        found = Path(which)
    return found


def empty_home(root: Path) -> dict[str, str]:
    """An environment with empty XDG folders under ``root``: a first run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TEXTUAL", "NO_COLOR"))}
    for name in ("CACHE", "CONFIG", "DATA"):
        folder = root / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(folder)
    env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    return env


class Terminal:
    """One run of a command in a pty, with the screen as a terminal would show it."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            str(installed_command()), args, env=env, dimensions=(LINES, COLUMNS), timeout=1
        )

    def pump(self, seconds: float = 0.1) -> None:
        """Read what the program wrote for up to ``seconds``."""
        end = time.monotonic() + seconds
        while True:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                return
            if time.monotonic() >= end:
                return

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, found: Callable[[str], bool] | str, timeout: float, what: str = "") -> str:
        """Read until ``found`` (a predicate on the screen, or a regular expression) holds."""
        test = found if callable(found) else (lambda text: re.search(found, text, re.M) is not None)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.2)
            text = self.text
            assert "Traceback" not in text, text
            if test(text):
                return text
            if not self.child.isalive():
                break
        raise AssertionError(f"not seen within {timeout} s: {what or found}\n{self.text}")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            self.pump(0.05)

    def quit(self, timeout: float = 15) -> int:
        """ctrl+q; the exit status once the program has ended."""
        self.child.send("\x11")
        end = time.monotonic() + timeout
        while self.child.isalive() and time.monotonic() < end:
            self.pump(0.2)
        assert not self.child.isalive(), f"still running {timeout} s after ctrl+q\n{self.text}"
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else -(self.child.signalstatus or 0)

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
