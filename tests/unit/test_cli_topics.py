from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import BIDEN, SEEDS, TAKAICHI
from tui.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("query", "first"), [("defence spnding", TAKAICHI), ("missle defence", BIDEN)])
def test_misspelt_topics_rank_the_right_seed_first(
    capsys: pytest.CaptureFixture[str], index_dir: Path, query: str, first: str
) -> None:
    found = run_json(capsys, "topic", query, "--json", "--index-dir", str(index_dir))
    assert isinstance(found, dict)
    assert found["articles"][0]["id"] == first
    assert {"id", "title", "score", "snippets"} <= found["articles"][0].keys()
    assert found["topics"][0]["id"] in ("defence.spending", "defence.missile_defence")
    scores = [t["score"] for t in found["topics"]]
    assert scores == sorted(scores, reverse=True)


def test_topic_always_answers_with_articles(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    found = run_json(capsys, "topic", "cherry blossom", "--json", "--index-dir", str(index_dir))
    assert isinstance(found, dict) and [a["id"] for a in found["articles"]] == [BIDEN]


def test_topics_json_lists_counts(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    topics = run_json(capsys, "topics", "--json", "--index-dir", str(index_dir))
    assert isinstance(topics, list) and len(topics) == len(taxonomy_ids())
    assert [t["id"] for t in topics] == taxonomy_ids()
    by_id = {t["id"]: t for t in topics}
    assert set(by_id["defence"]) == {"id", "label", "description", "articles"}
    assert by_id["defence"]["articles"] == 2 and by_id["space"]["articles"] == 1


def test_topic_text_output(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    assert main(["topic", "milatary", "--index-dir", str(index_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Topic: Defence and security"
    numbered = [line for line in lines if re.match(r" ?\d+\. ", line)]
    military = [
        f for f in SEEDS.glob("*.txt") if re.search(r"\b(military|defen[cs]e)\b", f.read_text(), re.I)
    ]
    assert len(numbered) == len(military) == 2


def taxonomy_ids() -> list[str]:
    """Every topic of the taxonomy file (a table with a label), in file order."""

    def walk(table: dict[str, object], prefix: str) -> list[str]:
        found = [prefix] if prefix and "label" in table else []
        for key, value in table.items():
            if isinstance(value, dict):
                found += walk(value, f"{prefix}.{key}" if prefix else key)
        return found

    path = Path(__file__).resolve().parents[2] / "search" / "analysis" / "topics" / "taxonomy.toml"
    return walk(tomllib.loads(path.read_text()), "")


def test_a_weak_or_empty_topic_match_is_said_so(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    assert main(["topic", "brexit", "--index-dir", str(index_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()  # the seeds: no article has the Awards topic
    assert lines[0] == (
        "No topic matches 'brexit' well (the closest topic, 'Awards', has no articles);"
        " full-text results instead."
    )
    assert lines[-1] == "no articles found"
    assert main(["topic", "missile defence", "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Topic: **Missile** **defence**\n") and "weak match" not in out
