"""Builders and checks shared by the reliability tests: hostile corpora, deadlines, subprocesses."""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

# What must never reach a terminal: C0 controls but newline and tab, DEL and the C1 controls.
TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

LOADED = "loaded"
SKIPPED = "skipped"
REPAIRED = "repaired"
DUPLICATE = "duplicate"

TWO_MB = 2 * 1024 * 1024
TWENTY_MB = 20 * 1024 * 1024
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

_YAML_BOMB = (
    "---\n"
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "title: [*i, *i, *i, *i, *i, *i, *i, *i, *i, *i]\n"
    + "tags: [*i, *i, *i, *i, *i, *i, *i, *i, *i, *i]\n"
    + "author: *i\n"
    "---\n\nBombword survives a billion laughs.\n"
)


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile file: how it is made and what the load report must say about it."""

    name: str  # path relative to the corpus root
    data: bytes | None  # the file's bytes; None for files ``make_special`` builds (links, FIFOs)
    outcome: str  # LOADED, SKIPPED, REPAIRED or DUPLICATE
    reason: str = ""  # a part of the load report's reason
    word: str = ""  # a word only this file has, to search for when it loads
    key: str = ""  # what the loader appends to the name for the article's id, e.g. "#1"

    @property
    def article_id(self) -> str:
        return self.name + self.key


def _one_line(first: str, last: str) -> bytes:
    rng = random.Random(7)
    words = ("tariff", "summit", "yen", "budget", "reactor", "harvest", "ballot", "convoy")
    filler = " ".join(rng.choice(words) for _ in range(TWO_MB // 6))
    return f"{first} {filler}"[: TWO_MB - len(last) - 2].encode() + f" {last}\n".encode()


def hostile_cases(big: bool = True) -> list[Case]:
    """Every kind of odd file the loader must survive; ``big`` adds the 20 MB and 2 MB files."""
    cases = [
        Case(
            "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), SKIPPED, "binary file"
        ),
        Case("nul-in-text.txt", b"Hello\x00world, a C string.", SKIPPED, "binary file"),
        Case("empty.txt", b"", SKIPPED, "empty file"),
        Case("whitespace.md", b"  \n\t\r\n   \n", SKIPPED, "empty file"),
        Case("latin1.txt", b"Zorblax caf\xe9 co\xfbte 5\xa3 today.", REPAIRED, "not UTF-8", "zorblax"),
        Case("cp1252.txt", b"\x93Quoxil\x94 \x96 said the minister.", REPAIRED, "not UTF-8", "quoxil"),
        Case("utf16-no-bom.txt", "Frobnitz in UTF-16.".encode("utf-16-le"), SKIPPED, "binary file"),
        Case("utf16-bom.txt", "Frobnitz again.".encode("utf-16"), SKIPPED, "binary file"),
        Case(
            "shift-jis.txt", "日本語の記事 Kanjiword.".encode("shift_jis"), REPAIRED, "not UTF-8", "kanjiword"
        ),
        Case("bom-crlf.txt", b"\xef\xbb\xbfBomword heads\r\n\r\nSecond para.\r\n", LOADED, "", "bomword"),
        Case(
            "markup.txt",
            b"[bold]Markword[/bold] [link=https://evil.example]x[/link] [@click=app.quit]quit[/] [/]",
            LOADED,
            "",
            "markword",
        ),
        Case(
            "escapes.txt",
            "Escword \x1b[2J clear \x1b]0;pwned\x07 title \x07 bell del\x7f "
            "c1\x9b31m next\x85line \x90dcs\x9c end.".encode(),
            REPAIRED,
            "control character",
            "escword",
        ),
        Case(
            "bad-yaml.md",
            b"---\ntitle: [unclosed\n---\nYamlword body.\n",
            REPAIRED,
            "malformed front",
            "yamlword",
        ),
        Case(
            "bad-date.md",
            b"---\ndate: 2024-02-30\n---\nDateword body.\n",
            REPAIRED,
            "malformed front",
            "dateword",
        ),
        Case("no-close.md", b"---\ntitle: x\n\nNoclose body.\n", REPAIRED, "no closing", "noclose"),
        Case(
            "not-mapping.md", b"---\n- a\n- b\n---\nListword body.\n", REPAIRED, "not a mapping", "listword"
        ),
        Case("alias-bomb.md", _YAML_BOMB.encode(), LOADED, "", "bombword"),
        Case(
            "huge-int.md", b"---\ntitle: 0x" + b"f" * 5000 + b"\n---\nHexword body.\n", LOADED, "", "hexword"
        ),
        Case("broken.json", b'{"title": "x", "body": "unterminated', SKIPPED, "malformed JSON"),
        Case("deep.json", b"[" * 100_000 + b"]" * 100_000, SKIPPED, "malformed JSON"),
        Case(
            "long-number.json",
            b'{"body": "Numword", "title": ' + b"1" * 5000 + b"}",
            SKIPPED,
            "malformed JSON",
        ),
        Case("not-objects.json", b"[1, 2, 3]", SKIPPED, "not an object"),
        Case(
            "broken-lines.jsonl",
            b'{"title": "Jsonlword", "body": "Good line."}\n{broken\n[1\n' + b"[" * 5000 + b"\n",
            REPAIRED,
            "skipped 3 bad item(s)",
            "jsonlword",
            key="#1",
        ),
        Case("all-broken.jsonl", b"{\n[\n", SKIPPED, "not valid JSON"),
        Case("new\nline.txt", b"Newlineword in a file whose name has a newline.", LOADED, "", "newlineword"),
        Case(
            "naïve café ☕ 日本.txt",
            b"Unicodeword, with a name in four scripts.",
            LOADED,
            "",
            "unicodeword",
        ),
        Case(
            "esc\x1b[2J\x07bell.txt", b"Escnameword: the name clears the screen.", LOADED, "", "escnameword"
        ),
        Case("c1\x9b\x85name.txt", b"Cnameword: C1 controls in the name.", LOADED, "", "cnameword"),
        Case("tab\tname.txt", b"Tabnameword: a tab in the name.", LOADED, "", "tabnameword"),
        Case("[bold]name[@click=app.quit].txt", b"Brackword: markup in the name.", LOADED, "", "brackword"),
        Case(os.fsdecode(b"latin-\xe9-name.txt"), b"Never read.", SKIPPED, "not valid UTF-8"),
        Case("dup-a.txt", b"Dupword: the same story twice.", LOADED, "", "dupword"),
        Case("dup-b.txt", b"Dupword: the same story twice.", DUPLICATE, "same text as dup-a.txt"),
        Case("README.md", b"# About this folder", SKIPPED, "documentation file"),
        Case("dangling.txt", None, SKIPPED, "not readable"),
        Case("loop-a.txt", None, SKIPPED, "not readable"),
        Case("loop-b.txt", None, SKIPPED, "not readable"),
        Case("sub/loop", None, SKIPPED, "link loop"),
        Case("fifo.txt", None, SKIPPED, "not a regular file"),
        Case("null-device.txt", None, SKIPPED, "outside the corpus folder; not followed"),  # a link to it
        # root reads a chmod 000 file: as root, a link to /proc/self/mem (whose read fails) is refused
        Case(
            "unreadable.txt", None, SKIPPED, "outside the corpus folder" if IS_ROOT else "Permission denied"
        ),
    ]
    if big:
        cases += [
            Case("huge-20mb.txt", b"word " * (TWENTY_MB // 5), SKIPPED, "size cap"),
            Case("one-line-2mb.txt", _one_line("Firstlongword", "Lastlongword"), LOADED, "", "lastlongword"),
        ]
    return cases


def make_special(root: Path, case: Case) -> None:
    path = root / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    if case.name == "dangling.txt":
        os.symlink(root / "no-such-target.txt", path)
    elif case.name == "loop-a.txt":
        os.symlink(root / "loop-b.txt", path)
    elif case.name == "loop-b.txt":
        os.symlink(root / "loop-a.txt", path)
    elif case.name == "sub/loop":
        os.symlink(root, path)
    elif case.name == "fifo.txt":
        os.mkfifo(path)
    elif case.name == "null-device.txt":
        os.symlink(os.devnull, path)
    elif case.name == "unreadable.txt":
        if IS_ROOT:
            os.symlink("/proc/self/mem", path)
        else:
            path.write_text("You cannot read me.")
            path.chmod(0)
    else:
        raise ValueError(case.name)


def build_corpus(root: Path, cases: list[Case]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for case in cases:
        if case.data is None:
            make_special(root, case)
        else:
            path = root / case.name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(case.data)
    return root


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError instead of hanging (a blocking open of a FIFO, a runaway loop)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def controls_in(text: str) -> list[str]:
    return sorted(set(TERMINAL_CONTROLS.findall(text)))


def write_small_corpus(root: Path, count: int, prefix: str = "a") -> Path:
    """``count`` small articles; file N holds the unique word ``unique{prefix}{N}x``."""
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    words = [
        "market",
        "trade",
        "policy",
        "minister",
        "budget",
        "election",
        "summit",
        "energy",
        "climate",
        "bank",
        "rates",
        "growth",
    ]
    for i in range(count):
        body = "\n\n".join(" ".join(rng.choice(words) for _ in range(30)) + "." for _ in range(2))
        (root / f"{prefix}{i:05d}.txt").write_text(
            f"Story {i} of {count} today.\n\n{body}\n\nunique{prefix}{i}x\n"
        )
    return root


def python(code: str, **kwargs: object) -> subprocess.Popen[str]:
    """Start ``python -c code`` in the repository, its output captured."""
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[arg-type]
    )
