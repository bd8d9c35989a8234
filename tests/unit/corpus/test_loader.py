from __future__ import annotations

import os
from pathlib import Path

import pytest

from search.corpus.discover import discover
from search.corpus.loader import MAX_FILE_BYTES, build_articles, read_file
from search.corpus.report import REPAIRED, SKIPPED
from tests.conftest import BIDEN, SEEDS, TAKAICHI


def load(root: Path, rel: str):
    loaded = read_file(root, rel)
    return loaded, build_articles(loaded)


def test_seed_title_comes_from_first_real_sentence_not_the_bio() -> None:
    _, [article] = load(SEEDS, TAKAICHI)
    assert article.title.startswith("Japan's freshly appointed leader, Sanae Takaichi")
    assert article.title.endswith("…") and len(article.title) <= 90
    assert article.author.startswith("Tech enthusiast and writer")
    assert "Tech enthusiast" not in article.body
    assert article.body.startswith("Japan's freshly appointed leader")


def test_short_title_lines_become_headings() -> None:
    _, [article] = load(SEEDS, BIDEN)
    assert article.headings == ["The News", "Know More", "Notable"]
    assert not any(p in ("The News", "Know More", "Notable") for p in article.paragraphs)
    assert article.title.startswith("A new partnership on space exploration")
    for block in article.blocks:
        assert article.body[block.start : block.end].strip() == article.body[block.start : block.end]


def test_markdown_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        '---\ntitle: "Budget vote"\ndate: "2024-01-02"\nsource: "Wire"\ntags: [x, y]\n---\n\n'
        "First.\n\nSecond.\n"
    )
    loaded, [article] = load(tmp_path, "a.md")
    assert (article.title, article.date, article.source, article.tags) == (
        "Budget vote",
        "2024-01-02",
        "Wire",
        ["x", "y"],
    )
    assert article.paragraphs == ["First.", "Second."]
    assert loaded.issues == []


def test_malformed_front_matter_keeps_the_body(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\n---\nThe body survives here.\n")
    loaded, [article] = load(tmp_path, "a.md")
    assert article.paragraphs == ["The body survives here."]
    assert [(i.kind, i.reason) for i in loaded.issues] == [
        (REPAIRED, "malformed front matter at line 2; kept the body")
    ]


def test_json_list_and_jsonl_with_a_broken_line(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        '[{"title": "One", "body": "Alpha."}, {"title": "Two", "text": "Beta."}]'
    )
    (tmp_path / "b.jsonl").write_text('{"title": "Three", "body": "Gamma."}\n{broken\n{"body": "Delta."}\n')
    _, arts = load(tmp_path, "a.json")
    assert [(a.id, a.title) for a in arts] == [("a.json#1", "One"), ("a.json#2", "Two")]
    loaded, arts = load(tmp_path, "b.jsonl")
    assert [a.id for a in arts] == ["b.jsonl#1", "b.jsonl#3"]
    assert "line 2 is not valid JSON" in loaded.issues[0].reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"{not json", "malformed JSON at line 1, column 2"),
    ],
)
def test_unusable_files_are_skipped_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    name = "x.json" if content.startswith(b"{") else "x.txt"
    (tmp_path / name).write_bytes(content)
    loaded, arts = load(tmp_path, name)
    assert arts == []
    assert [(i.kind, i.reason) for i in loaded.issues] == [(SKIPPED, reason)]


def test_oversized_file_names_the_cap(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"word " * (MAX_FILE_BYTES // 5 + 10))
    loaded, arts = load(tmp_path, "big.txt")
    assert arts == [] and "8 MB size cap" in loaded.issues[0].reason


def test_latin1_bom_crlf_and_control_characters(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(
        b"\xef\xbb\xbfPrice \xa35 rose.\r\nSemiconducto\x1b[Br Division\x07 grew.\r\n"
    )
    loaded, [article] = load(tmp_path, "a.txt")
    assert article.paragraphs == ["Price £5 rose.", "Semiconductor Division grew."]
    reasons = " | ".join(i.reason for i in loaded.issues)
    assert "not UTF-8" in reasons and "control character" in reasons


def test_discover_skips_other_files_readme_and_link_loops(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Alpha text.")
    (tmp_path / "README.md").write_text("# About")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    found = discover(tmp_path)
    assert [f.rel for f in found.files] == ["sub/a.txt"]
    assert found.other_files == 1
    reasons = {i.path: i.reason for i in found.issues}
    assert "README" in reasons["README.md"]
    assert "link loop" in reasons["sub/loop"]
