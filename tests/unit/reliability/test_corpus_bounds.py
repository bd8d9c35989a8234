"""No single file or folder breaks a corpus, and nothing outside the corpus gets in.

Deep folders, links that leave the corpus, lone surrogates and escapes written as JSON escapes."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from search.corpus.discover import discover
from search.corpus.loader import build_articles, read_file
from tests.unit.reliability.support import TERMINAL_CONTROLS, deadline
from tui.cli import main
from tui.cli.output import write_json

OUTSIDE = "a link to a place outside the corpus folder; not followed"


@pytest.fixture
def deep_corpus(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A corpus with a file 1,200 folders down; removed one folder at a time (rmtree recurses)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    deep = str(corpus)
    for _ in range(1200):  # one at a time: mkdir(parents=True) recurses too
        deep += "/d"
        os.mkdir(deep)
    Path(deep, "bottom.txt").write_text("Abyssword lives at the bottom of the folders.\n")
    (corpus / "top.txt").write_text("Summitword lives at the top.\n")
    yield corpus, "d/" * 1200 + "bottom.txt"
    os.remove(Path(deep, "bottom.txt"))
    while deep != str(corpus):
        os.rmdir(deep)
        deep = os.path.dirname(deep)


def test_twelve_hundred_nested_folders(
    tmp_path: Path, deep_corpus: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, bottom = deep_corpus
    with deadline(30):
        found = discover(corpus)
    assert [f.rel for f in found.files] == [bottom, "top.txt"] and found.issues == []
    index = tmp_path / "index"
    assert main(["index", str(corpus), "--index-dir", str(index)]) == 0
    assert "indexed 2 file(s)" in capsys.readouterr().out
    assert main(["search", "abyssword", "--corpus", str(corpus), "--index-dir", str(index), "--json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["id"] == bottom


def test_links_that_leave_the_corpus_are_reported_and_not_followed(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    (corpus / "real").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("Secretword must never be indexed.\n")
    (corpus / "real" / "a.txt").write_text("Insideword is an article.\n")
    links = {
        "passwd.txt": Path("/etc/passwd"),
        "etc": Path("/etc"),
        "slash": Path("/"),
        "up": Path("../outside"),  # relative, out through the parent
        "secret.txt": outside / "secret.txt",
    }
    for name, target in links.items():
        os.symlink(target, corpus / name)
    (corpus / "alias").symlink_to(corpus / "real")  # a link inside the corpus is still followed
    with deadline(10):  # the link to / was walked for minutes
        found = discover(corpus)
    assert [f.rel for f in found.files] == ["alias/a.txt"]  # the same folder is read once
    outside_links = sorted(i.path for i in found.issues if i.reason == OUTSIDE)
    assert outside_links == sorted(links) and len(found.issues) == len(links) + 1
    loaded = read_file(corpus, "passwd.txt")  # read on its own, too (a link made after the walk)
    assert build_articles(loaded) == [] and loaded.issues[0].reason == OUTSIDE


def _json_file(tmp_path: Path, items: list[dict[str, str]]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # json.dumps writes the lone surrogate and the escape as "\ud83d" and "\u001b", as hostile files do
    (corpus / "items.json").write_text(json.dumps(items))
    return corpus


def test_lone_surrogates_are_replaced_at_load_and_search_json_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _json_file(
        tmp_path,
        [
            {
                "title": "Halfword \ud83d title",
                "body": "Halfword body with a lone \udc00 surrogate.",
                "source": "x\ud83d",
            },
            {"title": "Pairword", "body": "Pairword keeps its emoji \U0001f600 whole."},
        ],
    )
    text = (corpus / "items.json").read_text()
    assert "\\ud83d" in text and "\\udc00" in text
    loaded = read_file(corpus, "items.json")
    first, second = build_articles(loaded)
    assert first.title == "Halfword \ufffd title" and "lone \ufffd surrogate" in first.body
    assert first.source == "x\ufffd" and second.body == "Pairword keeps its emoji \U0001f600 whole."
    assert [i.reason for i in loaded.issues] == [
        "replaced 3 lone surrogate(s) (half of a character) with U+FFFD"
    ]
    index = str(tmp_path / "index")
    assert main(["index", str(corpus), "--index-dir", index]) == 0
    capsys.readouterr()
    assert main(["search", "halfword", "--corpus", str(corpus), "--index-dir", index, "--json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["title"] == "Halfword \ufffd title"
    assert "\ufffd" in "".join(s["text"] for s in hit["snippets"])


def test_escapes_written_as_json_escapes_are_removed_and_reported(tmp_path: Path) -> None:
    corpus = _json_file(
        tmp_path,
        [
            {
                "title": "Redword \u001b[31mred\u001b[0m",
                "body": "Clearword \u001b[2J\u001b]0;owned\u0007 body\u0000.",
                "author": "Eve\u001b[5m",
                "tags": ["a\u009b31m", "b"],
            }
        ],
    )
    assert "\\u001b" in (corpus / "items.json").read_text()
    loaded = read_file(corpus, "items.json")
    [article] = build_articles(loaded)
    assert (article.title, article.body, article.author, article.tags) == (
        "Redword red",
        "Clearword  body.",
        "Eve",
        ["a", "b"],
    )
    assert [i.reason for i in loaded.issues] == [
        "removed 7 control character(s) or escape sequence(s) written as \\u escapes"
    ]
    fields = (article.title, article.body, article.author, article.source, *article.tags)
    assert not any(TERMINAL_CONTROLS.search(value) for value in fields)


def test_front_matter_escapes_are_removed_too(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('---\ntitle: "Yamlword \\e[1mbold\\x07"\n---\n\nBody text.\n')
    loaded = read_file(tmp_path, "a.md")
    [article] = build_articles(loaded)
    assert article.title == "Yamlword bold" and "removed 2" in loaded.issues[0].reason


def test_json_output_escapes_a_lone_surrogate_left_in_an_old_index(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_json([{"title": "Half \ud83d", "body": "C1 \x9b and DEL \x7f"}])
    out = capsys.readouterr().out
    assert "\\ud83d" in out and "\\u009b" in out and "\\u007f" in out
    assert json.loads(out) == [{"title": "Half \ud83d", "body": "C1 \x9b and DEL \x7f"}]
