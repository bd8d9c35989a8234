"""A config file cannot crash, stall or flood brief-tui, nor take away the way out (ctrl+q) or help (F1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.reliability.support import deadline
from tui.cli import main
from tui.state.config import Config, load_config

DEEP = 100_000


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a = " + "[" * 2000 + "]" * 2000 + "\n", "nested too deeply to be read"),  # one line: < 4096
        ("a = " + "{b=" * 1000 + "1" + "}" * 1000 + "\n", "nested too deeply to be read"),
        ("a = " + "[\n" * 50_000 + "]\n" * 50_000, "nested too deeply to be read"),  # 200 KB
        ("a = " + "[\n" * DEEP + "]\n" * DEEP, "is larger than 256 KB"),
        ("[keymap." + ".".join(["a"] * DEEP) + "]\nx = 'j'\n", "line 1 is longer than 4096 characters"),
        ("keymap." + ".".join(["a"] * DEEP) + " = 'j'\n", "line 1 is longer than 4096 characters"),
        ('theme = "nord"\n' + "# padding\n" * 800_000, "is larger than 256 KB"),  # 8 MB
        ('"app.search" = "' + ",".join(["q"] * 20_000) + '"\n', "line 1 is longer than 4096 characters"),
    ],
    ids=[
        "arrays",
        "tables",
        "arrays-by-line",
        "100k-by-line",
        "dotted-table",
        "dotted-key",
        "8mb",
        "key-20k-times",
    ],
)
def test_a_hostile_config_gives_the_defaults_with_one_problem(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with deadline(5):  # a dotted key of 100k parts took minutes, an 8 MB file 30 s
        config, problems = load_config(path)
    assert config == Config() and len(problems) == 1
    assert reason in problems[0] and str(path) in problems[0]


def test_the_cli_warns_once_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], index_dir: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text("a = " + "[\n" * 50_000 + "]\n" * 50_000)
    assert main(["topics", "--json", "--config", str(path), "--index-dir", str(index_dir)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested too deeply" in err


def test_thousands_of_problems_are_counted_not_listed(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    lines = [f"u{n} = {n}" for n in range(15_000)]  # about 200 KB
    lines += ["[keymap]", *(f'"x{n}" = {n}' for n in range(3_000))]
    path.write_text("\n".join(lines) + "\n")
    with deadline(5):
        config, problems = load_config(path)
    assert config == Config() and len(problems) == 21
    assert problems[0].endswith("unknown setting 'u0'; ignored")
    assert problems[-1] == f"{path}: and {15_000 + 3_000 - 20} more problem(s)"
    assert sum(map(len, problems)) < 5_000


def test_the_same_problem_is_said_once_and_keys_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    keys = ",".join(f"f{n}" for n in range(2, 13)) + ",f2,f2"
    path.write_text(
        "[keymap]\n"
        f'"app.search" = "{keys}"\n'
        '"app.topics" = "q,ctrl+q"\n'
        '"app.entities" = "F1,e"\n'
        '"app.quit" = "q"\n'
        '"app.help" = "h"\n'
        "[keymap.a.b.c.d]\n"
        'e = "x"\n'
    )
    config, problems = load_config(path)
    assert config.keymap == {
        "app.search": "f2,f3,f4,f5,f6,f7,f8,f9",
        "app.topics": "q",
        "app.entities": "e",
        "app.quit": "q,ctrl+q",
        "app.help": "h,f1",
    }
    assert sorted(p.removeprefix(f"{path}: ") for p in problems) == [
        'keymap "app.search" lists 11 keys; kept the first 8',
        "keymap tables nested more than 4 deep are no binding; ignored",
        "keymap: ctrl+q (quit) and f1 (help) cannot be given to other actions",
    ]
