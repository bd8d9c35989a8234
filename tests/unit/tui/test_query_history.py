from __future__ import annotations

import json
from pathlib import Path

from tui.state.query_history import KEPT, QueryHistory, Recall


def test_queries_are_kept_per_corpus_newest_last_once_each(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    one, two = QueryHistory(tmp_path / "one", path), QueryHistory(tmp_path / "two", path)
    for q in ["blair", "brown", "  blair  "]:
        one.add(q)
    two.add("greenspan")
    assert QueryHistory(tmp_path / "one", path).queries == ["brown", "blair"]
    assert QueryHistory(tmp_path / "two", path).queries == ["greenspan"]


def test_two_instances_keep_each_others_queries_and_the_list_stays_small(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    first, second = QueryHistory(tmp_path, path), QueryHistory(tmp_path, path)
    first.add("a1")
    second.add("b1")
    assert QueryHistory(tmp_path, path).queries == ["a1", "b1"]
    for n in range(KEPT + 20):
        first.add(f"q{n}")
    kept = json.loads(path.read_text())["corpora"][str(tmp_path)]
    assert len(kept) == KEPT and kept[-1] == f"q{KEPT + 19}"


def test_a_damaged_file_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    path.write_text("{not json")
    history = QueryHistory(tmp_path, path)
    assert history.queries == [] and "could not be read" in history.problems[0]
    aside = list(tmp_path.glob("h.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_text() == "{not json"
    history.add("x")
    assert QueryHistory(tmp_path, path).queries == ["x"]


def test_an_unwritable_folder_is_a_problem_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    history = QueryHistory(tmp_path, blocker / "h.json")  # its folder is a file
    history.add("x")
    assert any(p.startswith("Query history not saved") for p in history.problems)
    assert history.queries == ["x"]  # still recalled in this run


def test_recall_steps_like_a_shell() -> None:
    recall = Recall(["a", "b", "c"])
    assert recall.newer() is None  # not browsing
    assert [recall.older("typed"), recall.older("c"), recall.older("b"), recall.older("a")] == [
        "c",
        "b",
        "a",
        None,
    ]
    assert [recall.newer(), recall.newer(), recall.newer(), recall.newer()] == ["b", "c", "typed", None]
    assert Recall(["a", "b"]).older("b") == "a"  # the query on screen is skipped
