"""The user's settings: a TOML file in the user config folder (``--config PATH`` names another).

Loading never fails: a file that cannot be read gives the defaults, a setting that cannot be used
keeps its default, and each is reported as a problem naming the file and the setting::

    corpus = "~/news"              # opened when no PATH is given
    index_dir = "~/.brief-indexes"
    theme = "gruvbox"              # a Textual theme name

    [keymap]                       # binding id = keys
    "app.search" = "ctrl+f"
    "list.down" = "j,down"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.atomic import write_atomic
from search.paths import config_dir

FILE_NAME = "config.toml"
MAX_BYTES = 256 * 1024  # a config is a few lines; a bigger file is refused before it is parsed
MAX_LINE = 4096  # tomllib takes quadratic time over a dotted key of thousands of parts
MAX_PROBLEMS = 20  # more are counted, not listed
MAX_KEYS = 8  # keys one binding may take
MAX_DEPTH = 4  # "a.b.c.d": deeper keymap tables are no binding id
# Keys no keymap can take away: the way out and the way to help (binding id that owns each).
RESERVED_KEYS = {"ctrl+q": "app.quit", "f1": "app.help"}

_TYPE_NAMES = {bool: "a boolean", int: "an integer", float: "a float", list: "an array", dict: "a table"}


@dataclass(frozen=True)
class Config:
    corpus: Path | None = None  # the corpus opened when none is given; None: the bundled seeds
    index_dir: Path | None = None  # None: the user cache folder
    theme: str | None = None  # None: the app's default theme
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. "j,down"


class _Unreadable(Exception):
    """The file exists but gives no settings: why, naming the file."""


def default_path() -> Path:
    return config_dir() / FILE_NAME


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings in ``path`` (default: the user config folder's file) and the problems found."""
    path = path or default_path()
    try:
        _, data = _read(path)
    except FileNotFoundError:
        return Config(), []
    except _Unreadable as err:
        return Config(), [f"{err}; using the default settings"]
    problems: list[str] = []
    settings: dict[str, Any] = {}
    for name, value in data.items():
        if name in ("corpus", "index_dir", "theme"):
            if isinstance(value, str) and value.strip():
                settings[name] = value if name == "theme" else Path(value).expanduser()
            else:
                problems.append(f"{path}: {name} must be a non-empty string, not {_describe(value)}; ignored")
        elif name == "keymap":
            settings[name] = _keymap(path, value, problems)
        else:
            problems.append(f"{path}: unknown setting {name!r}; ignored")
    return Config(**settings), _capped(path, problems)


def _capped(path: Path, problems: list[str]) -> list[str]:
    """Each problem once, and at most MAX_PROBLEMS of them (then how many more there were)."""
    unique = list(dict.fromkeys(problems))
    if len(unique) <= MAX_PROBLEMS:
        return unique
    return [*unique[:MAX_PROBLEMS], f"{path}: and {len(unique) - MAX_PROBLEMS} more problem(s)"]


def save_theme(path: Path | None, theme: str) -> str | None:
    """Set ``theme`` in the config file, keeping the rest of it, comments too.

    Returns None, or why the file was left as it was (it does not parse, it cannot be written...)."""
    path = path or default_path()
    try:
        text, data = _read(path)
    except FileNotFoundError:
        text, data = "", {}
    except _Unreadable as err:
        return f"theme not saved: {err}"
    if data.get("theme") == theme:
        return None
    line = f"theme = {_quote(theme)}\n"
    updated = _replace_top_level(text, "theme", line) if "theme" in data else line + text
    try:
        safe = tomllib.loads(updated) == {**data, "theme": theme}
    except tomllib.TOMLDecodeError:
        safe = False
    if not safe:
        return f"theme not saved: could not change the theme line of {path}; please edit it by hand"
    try:
        write_atomic(path, updated.encode())
    except OSError as err:
        return f"theme not saved: could not write {path}: {err.strerror or err}"
    return None


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and settings; FileNotFoundError, or _Unreadable with the reason."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise
    except OSError as err:
        raise _Unreadable(f"could not read {path}: {err.strerror or err}") from err
    if len(raw) > MAX_BYTES:
        raise _Unreadable(f"{path} is larger than {MAX_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _Unreadable(f"{path} is not UTF-8 text") from err
    long = next((n for n, line in enumerate(text.splitlines(), 1) if len(line) > MAX_LINE), 0)
    if long:
        raise _Unreadable(f"{path} line {long} is longer than {MAX_LINE} characters")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:  # its message ends "(at line L, column C)"
        raise _Unreadable(f"{path} is not valid TOML: {err}") from err
    except RecursionError as err:
        raise _Unreadable(f"{path} is nested too deeply to be read") from err


def _keymap(path: Path, value: object, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(f"{path}: keymap must be a table, not {_describe(value)}; ignored")
        return {}
    keymap: dict[str, str] = {}
    for binding, keys in _flatten(value, problems, path):
        if not (isinstance(keys, str) and all(part.strip() for part in keys.split(","))):
            problems.append(
                f'{path}: keymap "{binding}" must be keys like "ctrl+f" or "j,down", '
                f"not {_describe(keys)[:80]}; ignored"
            )
            continue
        wanted = list(dict.fromkeys(part.strip() for part in keys.split(",")))
        if len(wanted) > MAX_KEYS:
            problems.append(f'{path}: keymap "{binding}" lists {len(wanted)} keys; kept the first {MAX_KEYS}')
            wanted = wanted[:MAX_KEYS]
        kept = [key for key in wanted if RESERVED_KEYS.get(key.lower(), binding) == binding]
        if len(kept) < len(wanted):
            problems.append(f"{path}: keymap: ctrl+q (quit) and f1 (help) cannot be given to other actions")
        for key, owner in RESERVED_KEYS.items():
            if owner == binding and key not in (k.lower() for k in kept):
                kept.append(key)  # remapping quit or help adds keys; it never takes these away
        if kept:
            keymap[binding] = ",".join(kept)
    return keymap


def _flatten(table: dict[str, Any], problems: list[str], path: Path) -> Iterator[tuple[str, object]]:
    """Binding ids as dotted strings, also when written unquoted (``app.search = ...`` is a table)."""
    stack: list[tuple[str, int, dict[str, Any]]] = [("", 0, table)]
    while stack:  # a loop, not recursion: the table may be nested thousands deep
        prefix, depth, current = stack.pop()
        for name, value in current.items():
            if not isinstance(value, dict):
                yield f"{prefix}{name}", value
            elif depth + 1 < MAX_DEPTH:
                stack.append((f"{prefix}{name}.", depth + 1, value))
            else:
                problems.append(
                    f"{path}: keymap tables nested more than {MAX_DEPTH} deep are no binding; ignored"
                )


def _describe(value: object) -> str:
    if isinstance(value, str):
        return repr(value)
    return _TYPE_NAMES.get(type(value), "a date or time")


def _replace_top_level(text: str, key: str, line: str) -> str:
    """``text`` with ``line`` in place of the line setting ``key`` before the first table.

    A heuristic (a multi-line value defeats it): the caller checks that the result parses right."""
    assignment = re.compile(rf"""\s*({key}|"{key}"|'{key}')\s*=""")
    lines = text.splitlines(keepends=True)
    for number, old in enumerate(lines):
        if old.lstrip().startswith("["):
            break
        if assignment.match(old):
            lines[number] = line
            break
    return "".join(lines)


def _quote(value: str) -> str:
    """A TOML basic string: backslash, quote and control characters escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'
