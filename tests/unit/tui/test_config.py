from __future__ import annotations

import errno
import os
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.state import config as config_module
from tui.state.config import Config, default_path, load_config, save_theme


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


def test_a_missing_file_gives_the_defaults(path: Path) -> None:
    assert load_config(path) == (Config(), [])
    assert Config() == Config(corpus=None, index_dir=None, theme=None, keymap={})


def test_every_setting_is_read(path: Path, tmp_path: Path) -> None:
    path.write_text(
        "# my settings\n"
        'corpus = "~/news"\n'
        f'index_dir = "{tmp_path / "indexes"}"\n'
        'theme = "gruvbox"\n'
        "\n"
        "[keymap]\n"
        '"app.search" = "ctrl+f"\n'
        'list.down = "j,down"  # unquoted: TOML reads a table, still binding "list.down"\n'
        "\n"
        "[keymap.reader]\n"
        'page_down = "space"\n'
    )
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(
        corpus=Path.home() / "news",
        index_dir=tmp_path / "indexes",
        theme="gruvbox",
        keymap={"app.search": "ctrl+f", "list.down": "j,down", "reader.page_down": "space"},
    )


def test_the_default_file_is_in_the_user_config_folder() -> None:
    assert os.environ["XDG_CONFIG_HOME"] in str(default_path())  # the private dir from conftest
    default_path().parent.mkdir(parents=True)
    default_path().write_text('theme = "nord"\n')
    assert load_config(None) == (Config(theme="nord"), [])


def test_a_malformed_file_names_the_file_and_the_line(path: Path) -> None:
    path.write_text('theme = "nord"\ncorpus = "/news"\nindex_dir = \n[keymap]\n')
    config, [problem] = load_config(path)
    assert config == Config()
    assert str(path) in problem and "line 3" in problem and "default settings" in problem


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b'theme = "caf\xe9"\n'), "not UTF-8"),
        (lambda p: p.mkdir(), "could not read"),
    ],
    ids=["latin-1", "directory"],
)
def test_an_unreadable_file_gives_the_defaults(
    path: Path, make: Callable[[Path], object], reason: str
) -> None:
    make(path)
    config, [problem] = load_config(path)
    assert config == Config() and reason in problem and str(path) in problem


def test_a_byte_order_mark_is_allowed(path: Path) -> None:
    path.write_bytes(b'\xef\xbb\xbftheme = "nord"\n')
    assert load_config(path) == (Config(theme="nord"), [])


def test_wrong_types_are_ignored_one_by_one(path: Path) -> None:
    path.write_text(
        "corpus = 5\n"
        'index_dir = "/var/indexes"\n'
        'theme = "  "\n'
        "[keymap]\n"
        '"app.quit" = "q"\n'
        '"list.down" = 3\n'
        '"list.up" = "k,,up"\n'
        '"list.top" = ["g", "home"]\n'
    )
    config, problems = load_config(path)
    assert config == Config(
        index_dir=Path("/var/indexes"), keymap={"app.quit": "q,ctrl+q"}
    )  # quit keeps ctrl+q
    assert len(problems) == 5 and all(str(path) in p and "ignored" in p for p in problems)
    assert "corpus must be a non-empty string, not an integer" in problems[0]
    assert "theme must be a non-empty string, not '  '" in problems[1]
    assert 'keymap "list.down"' in problems[2] and "not an integer" in problems[2]
    assert 'keymap "list.up"' in problems[3] and "'k,,up'" in problems[3]
    assert 'keymap "list.top"' in problems[4] and "not an array" in problems[4]


def test_a_keymap_that_is_not_a_table_is_ignored(path: Path) -> None:
    path.write_text('keymap = "vim"\ntheme = "nord"\n')
    config, [problem] = load_config(path)
    assert config == Config(theme="nord") and "keymap must be a table, not 'vim'" in problem


def test_unknown_settings_are_reported_and_the_rest_applies(path: Path) -> None:
    path.write_text('colour = "red"\ntheme = "nord"\n[plugins]\nx = 1\n')
    config, problems = load_config(path)
    assert config == Config(theme="nord")
    assert problems == [
        f"{path}: unknown setting 'colour'; ignored",
        f"{path}: unknown setting 'plugins'; ignored",
    ]


def test_save_theme_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    assert save_theme(path, "nord") is None
    assert load_config(path) == (Config(theme="nord"), [])


def test_save_theme_to_the_default_file() -> None:
    assert save_theme(None, "nord") is None
    assert load_config(None) == (Config(theme="nord"), [])


KEEP = (
    "# brief-tui settings\n"
    'corpus = "/news"  # my corpus\n'
    "colour = 'red'\n"
    "\n"
    "[keymap]\n"
    '"app.search" = "ctrl+f"\n'
    'theme = "a binding id, not the theme"\n'
    "[other]\n"
    "numbers = [1, 2.5, true, 1979-05-27T07:32:00Z]\n"
)


@pytest.mark.parametrize("existing", ["", 'theme = "nord"\n', "  'theme' = 'nord' # old choice\n"])
def test_save_theme_keeps_the_rest_of_the_file(path: Path, existing: str) -> None:
    path.write_text(existing + KEEP)
    before = tomllib.loads(path.read_text())
    assert save_theme(path, "gruvbox") is None
    text = path.read_text()
    assert text == 'theme = "gruvbox"\n' + KEEP  # every other line as it was, comments too
    assert tomllib.loads(text) == {**before, "theme": "gruvbox"}


def test_save_theme_quotes_odd_names(path: Path) -> None:
    odd = 'a "quoted" \\ name\twith\x7fcontrols\n'
    assert save_theme(path, odd) is None
    assert load_config(path)[0].theme == odd


def test_save_theme_leaves_a_malformed_file_alone(path: Path) -> None:
    path.write_text('theme = "nord"\nbroken =\n')
    problem = save_theme(path, "gruvbox")
    assert problem is not None and str(path) in problem and "line 2" in problem
    assert path.read_text() == 'theme = "nord"\nbroken =\n'


def test_save_theme_gives_up_rather_than_break_a_file_it_cannot_edit(path: Path) -> None:
    original = 'theme = """\nnord"""\ncorpus = "/news"\n'  # a multi-line value: the line edit fails
    path.write_text(original)
    problem = save_theme(path, "gruvbox")
    assert problem is not None and "edit it by hand" in problem
    assert path.read_text() == original


def test_save_theme_reports_a_failed_write(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_text('theme = "nord"\n')

    def disk_full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(config_module, "write_atomic", disk_full)
    problem = save_theme(path, "gruvbox")
    assert problem is not None and "No space left on device" in problem and str(path) in problem
    assert path.read_text() == 'theme = "nord"\n'


def test_saving_the_same_theme_writes_nothing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_text('theme = "nord"\n')
    writes: list[Path] = []
    monkeypatch.setattr(config_module, "write_atomic", lambda p, data: writes.append(p))
    assert save_theme(path, "nord") is None and writes == []
