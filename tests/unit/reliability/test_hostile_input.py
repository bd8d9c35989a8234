"""Hostile files: each loads or is skipped with a reason; nothing crashes, hangs or drives a terminal."""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from search.corpus.discover import discover
from search.corpus.loader import build_articles, read_file
from search.library import Library
from tests.unit.reliability.support import (
    DUPLICATE,
    LOADED,
    REPAIRED,
    SKIPPED,
    Case,
    build_corpus,
    controls_in,
    deadline,
    hostile_cases,
)
from tui.cli import main as cli_main
from tui.cli.output import LISTED_ISSUES

CASES = hostile_cases()
BY_NAME = {c.name: c for c in CASES}
SEARCHED = [c for c in CASES if c.outcome in (LOADED, REPAIRED)]


@dataclass(slots=True)
class Hostile:
    root: Path
    index_dir: Path
    cli: dict[str, tuple[int, str, str]]  # command -> (status, stdout, stderr)


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(list(argv))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("hostile") / "corpus", CASES)


@pytest.fixture(scope="module")
def hostile(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """The corpus, indexed once by ``brief-tui index``; the CLI's answers are collected up front."""
    index_dir = tmp_path_factory.mktemp("hostile-index")
    common = ("--index-dir", str(index_dir))
    cli: dict[str, tuple[int, str, str]] = {}
    with deadline(60):
        cli["index"] = _cli("index", str(root), *common)
        for word in ("escnameword", "cnameword", "newlineword", "escword", "markword"):
            cli[word] = _cli("search", word, "--corpus", str(root), *common)
            cli[f"{word} --json"] = _cli("search", word, "--corpus", str(root), "--json", *common)
        cli["bad query"] = _cli("search", 'title:"\x1b[2J (\x9b', "--corpus", str(root), *common)
        cli["latin-1 query"] = _cli("search", "caf\udce9*", "--corpus", str(root), *common)  # argv bytes
    return Hostile(root, index_dir, cli)


@pytest.fixture(scope="module")
def library(hostile: Hostile) -> Iterator[Library]:
    with deadline(30), Library.open(hostile.root, index_dir=hostile.index_dir) as lib:
        yield lib


# -- the load report ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[repr(c.name)[1:-1][:40] for c in CASES])
def test_each_file_is_loaded_or_reported_with_its_reason(library: Library, case: Case) -> None:
    issues = [i for i in library.load_report.issues if i.path == case.name or i.path == _shown(case.name)]
    ids = {a.id for a in library.articles()}
    if case.outcome == LOADED:
        assert case.article_id in ids
        assert [(i.kind, i.reason) for i in issues] == []
    elif case.outcome == REPAIRED:
        assert case.article_id in ids
        assert any(i.kind == REPAIRED and case.reason in i.reason for i in issues), issues
    else:
        assert case.name not in ids
        assert [i.kind for i in issues] == [case.outcome], issues
        assert case.reason in issues[0].reason


def _shown(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def test_the_index_holds_exactly_the_files_that_load(library: Library) -> None:
    expected = {c.article_id for c in SEARCHED}
    assert {a.id for a in library.articles()} == expected
    report = library.load_report
    assert report.skipped == sum(c.outcome == SKIPPED for c in CASES)
    assert report.duplicates == sum(c.outcome == DUPLICATE for c in CASES)


@pytest.mark.parametrize("case", SEARCHED, ids=[c.word for c in SEARCHED])
def test_each_loaded_file_is_found_by_its_own_word(library: Library, case: Case) -> None:
    assert [h.id for h in library.search(case.word).hits] == [case.article_id]


def test_loaded_text_is_clean_and_literal(library: Library) -> None:
    for summary in library.articles():
        article = library.article(summary.id)
        assert article is not None
        for value in (article.body, article.title, article.author, *article.tags):
            assert controls_in(value) == [] or value == article.id, (article.id, value[:80])
            assert "\r" not in value and "\ufeff" not in value
        for block in article.blocks:
            assert 0 <= block.start <= block.end <= len(article.body)
    assert "café coûte 5£" in _body(library, "latin1.txt")
    assert "“Quoxil” – said" in _body(library, "cp1252.txt")
    assert _body(library, "bom-crlf.txt") == "Bomword heads\n\nSecond para."
    assert "[bold]Markword[/bold] [link=https://evil.example]x[/link] [@click=app.quit]quit[/]" in _body(
        library, "markup.txt"
    )
    assert _body(library, "escapes.txt") == "Escword  clear  title  bell del c1 nextline dcs end."


def _body(library: Library, article_id: str) -> str:
    article = library.article(article_id)
    assert article is not None
    return article.body


def test_a_title_of_nested_yaml_aliases_is_not_expanded(library: Library) -> None:
    article = library.article("alias-bomb.md")
    assert article is not None
    assert article.title == "Bombword survives a billion laughs."  # the list of lists is no title
    assert article.tags == [] and len(article.author) <= 10_000


def test_the_two_megabyte_line_loads_whole(library: Library) -> None:
    article = library.article("one-line-2mb.txt")
    assert article is not None
    assert len(article.body) > 2_000_000
    assert article.body.startswith("Firstlongword") and article.body.endswith("Lastlongword")
    assert len(article.title) <= 200
    assert [h.id for h in library.search("firstlongword").hits] == ["one-line-2mb.txt"]


# -- the loader on its own ----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[repr(c.name)[1:-1][:40] for c in CASES])
def test_read_file_never_raises_or_blocks(root: Path, case: Case) -> None:
    with deadline(10):
        loaded = read_file(root, case.name)
        articles = build_articles(loaded)
    if (
        case.outcome in (SKIPPED,)
        and case.name not in ("README.md", "sub/loop")
        and "UTF-8" not in case.reason
    ):
        assert articles == [] and case.reason in loaded.issues[0].reason
    for article in articles:
        assert all(0 <= b.start <= b.end <= len(article.body) for b in article.blocks)


def test_a_fifo_is_skipped_even_when_discover_did_not_see_it(root: Path) -> None:
    started = time.monotonic()
    with deadline(5):
        loaded = read_file(root, "fifo.txt")  # a plain open() would wait for a writer forever
    assert [(i.kind, i.reason) for i in loaded.issues] == [
        (SKIPPED, "not a regular file (a pipe, device or socket)")
    ]
    assert time.monotonic() - started < 1


def test_discover_lists_no_pipes_devices_or_undecodable_names(root: Path) -> None:
    with deadline(10):
        found = discover(root)
    rels = {f.rel for f in found.files}
    assert not rels & {"fifo.txt", "null-device.txt", "dangling.txt", "loop-a.txt", "loop-b.txt"}
    assert all(_shown(r) == r for r in rels)
    json.dumps([i.path for i in found.issues], ensure_ascii=False).encode("utf-8")  # storable as JSON


# -- the command line ---------------------------------------------------------------------------


def test_index_command_lists_every_odd_file_safely(hostile: Hostile) -> None:
    status, out, err = hostile.cli["index"]
    assert status == 0, err
    assert controls_in(out) == [] and controls_in(err) == []
    assert "files with problems:" in out
    odd = [c for c in CASES if c.outcome in (SKIPPED, REPAIRED)]
    lines = out.splitlines()

    def is_listed(case: Case) -> bool:
        prefix = f"  {case.outcome:9s} {_escaped(_shown(case.name))}: "
        return any(line.startswith(prefix) and case.reason in line for line in lines)

    listed = [c for c in odd if is_listed(c)]
    assert len(listed) == min(len(odd), LISTED_ISSUES)
    assert len(odd) <= LISTED_ISSUES or f"… and {len(odd) - LISTED_ISSUES} more" in out
    assert "skipped   latin-\ufffd-name.txt: file name is not valid UTF-8" in out
    assert "skipped   fifo.txt: not a regular file" in out
    assert f"{sum(c.reason == 'binary file' for c in CASES)}  skipped: binary file" in out


def _escaped(name: str) -> str:
    return "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in name)


@pytest.mark.parametrize("word", ["escnameword", "cnameword", "newlineword", "escword", "markword"])
def test_search_output_never_carries_control_characters(hostile: Hostile, word: str) -> None:
    status, out, err = hostile.cli[word]
    assert status == 0 and "1 article(s) match" in out
    assert controls_in(out) == [] and controls_in(err) == []
    status, out, err = hostile.cli[f"{word} --json"]
    assert status == 0 and controls_in(out) == [] and controls_in(err) == []
    [hit] = json.loads(out)
    assert hit["id"] == next(
        c.article_id for c in SEARCHED if c.word == word
    )  # the raw name survives in JSON


def test_a_hostile_query_is_answered_without_control_characters(hostile: Hostile) -> None:
    status, out, err = hostile.cli["bad query"]
    assert status == 0
    assert controls_in(out) == [] and controls_in(err) == []


def test_a_query_of_undecodable_argv_bytes_is_searched_not_failed(hostile: Hostile, library: Library) -> None:
    status, out, err = hostile.cli["latin-1 query"]
    assert status == 0
    assert err == "note: Part of the query was not valid UTF-8 text; searched for 'café*' instead.\n"
    found = library.search("café*").total  # the bytes read as Windows-1252
    assert out.startswith(f"{found} article(s) match" if found else "no articles match")
