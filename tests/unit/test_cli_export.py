from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from search.export import ARTICLE_COLUMNS, MENTION_COLUMNS
from tests.conftest import BIDEN, TAKAICHI
from tui.cli import main


def test_search_to_a_markdown_file(
    capsys: pytest.CaptureFixture[str], index_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    assert main(["search", "abe", "-o", str(target), "--index-dir", str(index_dir)]) == 0
    assert capsys.readouterr().out == f"wrote 1 result to {target}\n"
    brief = target.read_text(encoding="utf-8")
    assert brief.startswith("# Search: abe\n\nQuery: abe · 1 of 1 article · Generated ")
    assert "1. **Japan's freshly appointed leader" in brief and TAKAICHI.replace("_", "\\_") in brief
    assert "Shinzo **Abe**" in brief


def test_topic_as_csv_on_stdout(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    assert main(["topic", "missle defence", "--format", "csv", "--index-dir", str(index_dir)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert list(rows[0]) == [*ARTICLE_COLUMNS, "snippet"]
    assert rows[0]["id"] == BIDEN and "missile" in rows[0]["snippet"].lower()


def test_topic_as_json_names_the_topic(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    assert main(["topic", "missle defence", "--format", "json", "--index-dir", str(index_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "topic" and data["topic"]["id"] == "defence.missile_defence"
    assert data["query"] == "missle defence" and data["articles"][0]["id"] == BIDEN


def test_topic_without_a_topic_exports_the_full_text_results(
    capsys: pytest.CaptureFixture[str], index_dir: Path
) -> None:
    assert main(["topic", "cherry blossom", "--format", "json", "--index-dir", str(index_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "search" and [a["id"] for a in data["articles"]] == [BIDEN]


def test_entity_to_a_json_file(capsys: pytest.CaptureFixture[str], index_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    assert main(["entity", "abe", "-o", str(target), "--index-dir", str(index_dir)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert capsys.readouterr().out == f"wrote {len(data['mentions'])} results to {target}\n"
    assert data["kind"] == "entity" and data["entity"]["name"] == "Shinzo Abe"
    assert len(data["mentions"]) == data["entity"]["mentions"] == 2
    assert all(list(m) == list(MENTION_COLUMNS) and m["text"] in m["context"] for m in data["mentions"])


def test_format_wins_over_the_extension(index_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.txt"
    assert main(["entity", "abe", "--format", "md", "-o", str(target), "--index-dir", str(index_dir)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Entity: Shinzo Abe\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "abe", "-o", "brief.txt"],
        ["topic", "tariffs", "-o", "brief"],
        ["entity", "abe", "--format", "pdf"],
        ["search", "abe", "--json", "-o", "out.json"],
        ["entity", "abe", "--json", "--format", "json"],
    ],
)
def test_bad_export_requests_are_usage_errors(
    capsys: pytest.CaptureFixture[str], index_dir: Path, tmp_path: Path, argv: list[str]
) -> None:
    argv = [str(tmp_path / a) if a.startswith(("brief", "out.")) else a for a in argv]
    assert _status([*argv, "--index-dir", str(index_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("brief-tui: error: ") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # nothing written, and no index built


def _status(argv: list[str]) -> int | str | None:
    try:
        return main(argv)
    except SystemExit as exit:  # argparse's usage errors
        return exit.code


def test_unwritable_output_is_an_error(
    capsys: pytest.CaptureFixture[str], index_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("")
    assert (
        main(["search", "abe", "-o", str(tmp_path / "file" / "out.md"), "--index-dir", str(index_dir)]) == 1
    )
    assert capsys.readouterr().err.startswith("brief-tui: error: cannot write ")
