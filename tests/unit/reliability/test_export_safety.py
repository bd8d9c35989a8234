"""Exports carry no terminal escapes, control characters or spreadsheet formulas, whatever the files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from search.export import bookmarks_view, export, search_view
from search.model import Hit, SearchResult, Snippet
from tests.unit.reliability.support import TERMINAL_CONTROLS
from tui.cli import main

ESC_TITLE = "Tokyo\x1b[31m red\x1b[0m \x1b]0;owned\x07summit\x9b2J \ud83d"
ESC_ID = "news/\x1b[2Jwipe\x07.txt"
SNIPPET = "\x1b[1mShinzo\x1b[0m Abe \x00said\x7f"  # "Shinzo Abe said" once cleaned; "Abe" at 11..14 raw


def _view() -> tuple[SearchResult, list[str]]:
    hit = Hit(
        ESC_ID,
        ESC_TITLE,
        1.0,
        "/c/" + ESC_ID,
        "=cmd|' /C calc'!A0",
        "+1",
        "-2",
        (Snippet(SNIPPET, ((15, 18),)),),
    )
    return SearchResult("abe", [hit], 1, notice="\x1b[5mblink"), []


def _no_controls(text: str) -> None:
    assert (
        TERMINAL_CONTROLS.findall(text.replace("\r\n", "\n")) == [] and "\x1b" not in text
    )  # CSV rows end \r\n
    text.encode("utf-8")  # no lone surrogate either


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
def test_no_escape_or_control_reaches_an_export(fmt: str) -> None:
    result, _ = _view()
    assert SNIPPET[15:18] == "Abe"
    text = export(search_view("a\x1b[31mbe", result, {"source": ["\x1b]8;;x\x07r"]}), fmt)  # type: ignore[arg-type]
    _no_controls(text)
    if fmt == "json":
        data = json.loads(text)
        [row] = data["articles"]
        assert row["id"] == "news/wipe.txt" and row["title"] == "Tokyo red summit \ufffd"
        [snippet] = row["snippets"]
        assert snippet["text"] == "Shinzo Abe said"
        [[a, b]] = snippet["highlights"]
        assert snippet["text"][a:b] == "Abe"  # the highlight still marks the same word
        assert data["query"] == "abe" and data["notice"] == "blink" and data["filters"] == {"source": ["r"]}
    if fmt == "md":
        assert "Shinzo **Abe** said" in text and "news/wipe.txt" in text


def test_csv_cells_cannot_be_formulas() -> None:
    result, _ = _view()
    rows = list(csv.reader(io.StringIO(export(search_view("abe", result), "csv"))))
    header, row = rows
    cells = dict(zip(header, row, strict=True))
    assert cells["source"] == "'=cmd|' /C calc'!A0" and cells["date"] == "'+1" and cells["section"] == "'-2"
    marks = bookmarks_view([{"kind": "search", "key": "@SUM(1+1)", "label": "\t=1+1", "note": "ok"}])
    [_, mark] = list(csv.reader(io.StringIO(export(marks, "csv"))))
    assert mark[:3] == ["search", "'@SUM(1+1)", "'\t=1+1"]
    assert all(cell[:1] not in ("=", "+", "-", "@") for cell in [*row, *mark])


@pytest.mark.parametrize("command", [["search", "quizzword"], ["topic", "quizzword"], ["entity", "zorbek"]])
def test_the_cli_exports_hostile_file_names_and_json_escapes_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil\x1b]0;pwned\x07name.txt").write_text(
        "Quizzword appears in a file with an escape in its name, said Anton Zorbek\x1b[31m today.\n"
    )
    item = {
        "title": '=HYPERLINK("http://x")\u001b[31m',
        "body": "Quizzword \u001b[2J body \ud83d. Anton Zorbek\x07 agreed.",
    }
    (corpus / "items.json").write_text(json.dumps(item))
    (corpus / "entities.toml").write_text('[[entity]]\nname = "Anton Zorbek"\ntype = "PERSON"\n')
    index = str(tmp_path / "index")
    for suffix in ("csv", "md", "json"):
        out = tmp_path / f"x.{suffix}"
        assert main([*command, "--corpus", str(corpus), "--index-dir", index, "-o", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        _no_controls(text)
        assert "evilname.txt" in text  # the name, without its escape sequence
    data = json.loads((tmp_path / "x.json").read_text())
    rows = [r["article"] for r in data["mentions"]] if command[0] == "entity" else data["articles"]
    assert len(rows) == 2
    if command[0] != "entity":
        rows = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text())))
        assert sorted(r["title"] for r in rows)[0] == '\'=HYPERLINK("http://x")'
    capsys.readouterr()
