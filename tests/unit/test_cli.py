from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TAKAICHI
from tests.unit.index.test_query_bytes import corpus_with_a_cafe
from tests.unit.reliability.support import write_small_corpus
from tui.cli import main


def test_search_json_contract(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    assert main(["search", "abe", "--json", "--index-dir", str(index_dir)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["id"] == TAKAICHI
    assert {"id", "title", "score", "path", "snippets"} <= hits[0].keys()
    snippet = hits[0]["snippets"][0]
    assert [snippet["text"][a:b] for a, b in snippet["highlights"]] == ["Abe"]
    assert Path(hits[0]["path"]).is_file()


def test_search_text_marks_hits_when_piped(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    assert main(["search", "defence", "--index-dir", str(index_dir), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "**defense**" in out and out.count(" 1. ") == 1


def test_index_reports_counts(capsys: pytest.CaptureFixture[str], seeds: Path, index_dir: Path) -> None:
    (seeds / "blank.txt").write_text("   ")
    assert main(["index", str(seeds), "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "2 articles from 3 files, 1 skipped" in out
    assert "blank.txt: empty file" in out


def test_index_on_a_terminal_shows_the_files_then_the_merge(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus", 250)  # more than one pass: merged at the end
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["index", str(corpus), "--index-dir", str(tmp_path / "index")]) == 0
    lines = capsys.readouterr().err.split("\n")
    assert lines[0].endswith("indexing [##############################] 250/250 files")
    assert lines[1:] == ["merging the index", ""]


@pytest.mark.parametrize(
    "argv", [["/no/such/path"], ["search", "x", "--corpus", "/nope"], ["--bogus"], ["search"]]
)
def test_usage_errors_exit_2_with_one_line(argv: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tui.cli", *argv], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("brief-tui: error:")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("brief-tui ")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "search QUERY" in capsys.readouterr().out


@pytest.mark.parametrize(("typed", "meant"), [("searhc", "search"), ("entitiy", "entity"), ("indx", "index")])
def test_a_mistyped_subcommand_gets_a_suggestion(
    capsys: pytest.CaptureFixture[str],
    typed: str,
    meant: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([typed, "foo"]) == 2
    err = capsys.readouterr().err
    assert err == f"brief-tui: error: no command {typed!r}: did you mean {meant!r}? (see --help)\n"


def test_a_folder_named_like_a_subcommand_is_opened_not_corrected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.cli.command import _mistyped_command, build_parser

    (tmp_path / "searhc").mkdir()
    monkeypatch.chdir(tmp_path)
    assert _mistyped_command("searhc", build_parser()) == ""


def test_a_query_with_bytes_that_are_not_utf8_is_read_and_explained(tmp_path: Path) -> None:
    """``brief-tui search $'caf\\xe9'`` from a Latin-1 terminal: the café article, and a note."""
    corpus = corpus_with_a_cafe(tmp_path / "corpus")
    argv = [b"search", b"caf\xe9", b"--corpus", bytes(corpus), b"--index-dir", bytes(tmp_path / "index")]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"tui.cli", *argv],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0
    assert (
        proc.stderr.decode()
        == "note: Part of the query was not valid UTF-8 text; searched for 'café' instead.\n"
    )
    out = proc.stdout.decode().splitlines()
    assert out[0] == "1 article(s) match; all shown:"
    assert out[2].startswith(" 1. **Café** society returns.  [") and out[3] == "    cafe.txt"


def test_an_export_of_such_a_query_names_what_was_searched(tmp_path: Path) -> None:
    """The exported file's header says 'café', the words searched, not 'caf\\ufffd'."""
    corpus = corpus_with_a_cafe(tmp_path / "corpus")
    out = tmp_path / "found.md"
    argv = [b"search", b"caf\xe9", b"--corpus", bytes(corpus), b"--index-dir", bytes(tmp_path / "index")]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"tui.cli", *argv, b"-o", bytes(out)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Search: café" and lines[2].startswith("Query: café · 1 of 1 article · ")
    assert "\ufffd" not in out.read_text(encoding="utf-8")
