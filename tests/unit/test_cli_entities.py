from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import BIDEN, SEEDS, TAKAICHI
from tui.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_entities_json_contract(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    found = run_json(capsys, "entities", "--json", "--index-dir", str(index_dir))
    assert isinstance(found, list)
    by_name = {e["name"]: e for e in found}
    assert set(by_name["Japan"]) == {"id", "name", "type", "aliases", "articles", "mentions"}
    assert sorted(by_name["Japan"]["articles"]) == sorted([TAKAICHI, BIDEN])
    assert sorted(by_name["United States"]["articles"]) == sorted([TAKAICHI, BIDEN])
    assert {"U.S.", "US"} <= set(by_name["United States"]["aliases"])
    assert "Abe" not in by_name and by_name["Shinzo Abe"]["mentions"] == 2
    for junk in ("However", "Tech", "The News", "Know More", "Notable"):
        assert junk not in by_name


def test_entities_by_type(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    found = run_json(capsys, "entities", "--type", "person", "--json", "--index-dir", str(index_dir))
    assert isinstance(found, list) and {e["type"] for e in found} == {"PERSON"}
    assert "Sanae Takaichi" in {e["name"] for e in found}


def test_entity_json_lists_mentions_with_context(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    found = run_json(capsys, "entity", "takaichi", "--json", "--index-dir", str(index_dir))
    assert isinstance(found, dict) and found["entity"]["name"] == "Sanae Takaichi"
    mentions = found["mentions"]
    written = sum(len(re.findall(r"\bTakaichi\b", f.read_text())) for f in SEEDS.glob("*.txt"))
    assert len(mentions) == found["entity"]["mentions"] == written == 7
    assert set(mentions[0]) == {"article", "start", "end", "text", "context"}
    assert all(m["text"] in m["context"] for m in mentions)


def test_entity_fuzzy_name_and_unknown(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    assert main(["entity", "kishda", "--index-dir", str(index_dir)]) == 0
    assert capsys.readouterr().out.startswith("Fumio Kishida  PERSON")
    assert main(["entity", "zzzzqqq", "--index-dir", str(index_dir)]) == 1
    assert main(["entity", "kishida zzzzqqq", "--index-dir", str(index_dir)]) == 1  # half a name is not it
    assert main(["entity", "kishida fumio", "--index-dir", str(index_dir)]) == 0  # any word order
    assert capsys.readouterr().out.startswith("Fumio Kishida  PERSON")


def test_a_weak_fuzzy_name_is_said_to_be_a_guess(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    assert main(["entity", "tokio", "--index-dir", str(index_dir)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Tokyo  GPE")
    assert re.fullmatch(
        r"brief-tui: weak match: no entity named 'tokio'; the closest is Tokyo \(\d+/100\)\n", err
    )
    assert main(["entity", "kishda", "--index-dir", str(index_dir)]) == 0  # a close guess: no note
    assert capsys.readouterr().err == ""
