"""Saved web pages: main text without boilerplate, metadata, bad pages in the load report, no network."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

from search.corpus.html import MAX_ELEMENTS, html_to_text
from search.corpus.loader import build_articles, read_file
from search.corpus.report import REPAIRED, SKIPPED
from tui.cli import main

ARTICLE = [
    "The finance ministry published its spending review on Tuesday, setting out cuts to "
    "regional transport budgets and a new fund for coastal flood defences.",
    "Officials said the flood fund would be paid out over five years, with the first grants "
    "going to towns that flooded twice in the last decade.",
    "Opposition members called the transport cuts short-sighted and promised to force a vote "
    "on the review before the summer recess.",
]
BOILERPLATE = ["Subscribe to our newsletter", "Cookie settings", "Great article, thanks!", "Buy gold now"]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Spending review cuts transport | The Daily Ledger</title>
<meta property="og:title" content="Spending review cuts transport, funds flood defences">
<meta name="author" content="Maria Okafor">
<meta property="article:published_time" content="2024-03-12T09:30:00Z">
<meta property="og:site_name" content="The Daily Ledger">
<link rel="canonical" href="https://ledger.example/politics/spending-review">
<script>document.write("injected by a script");</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/newsletter">{BOILERPLATE[0]}</a></li></ul></nav>
<div class="cookie-banner">{BOILERPLATE[1]}</div>
<article>
<h1>Spending review cuts transport, funds flood defences</h1>
{"".join(f"<p>{p}</p>" for p in ARTICLE)}
</article>
<aside class="ad sponsored"><p>{BOILERPLATE[3]}</p></aside>
<section id="comments" class="comments"><div class="comment"><p>{BOILERPLATE[2]}</p></div></section>
<footer><p>© The Daily Ledger</p></footer>
</body></html>
"""


def load(root: Path, rel: str):
    loaded = read_file(root, rel)
    return loaded, build_articles(loaded)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))  # type: ignore[arg-type]
    return attempts


def test_main_text_and_metadata_without_boilerplate(tmp_path: Path, no_network: list[object]) -> None:
    (tmp_path / "review.html").write_text(PAGE, encoding="utf-8")
    loaded, [article] = load(tmp_path, "review.html")
    assert loaded.issues == []
    assert article.id == "review.html"
    assert article.paragraphs == ARTICLE
    for junk in [*BOILERPLATE, "injected by a script", "Home", "© The Daily Ledger"]:
        assert junk not in article.body
    assert (article.title, article.author, article.date, article.url, article.source) == (
        "Spending review cuts transport, funds flood defences",
        "Maria Okafor",
        "2024-03-12",
        "https://ledger.example/politics/spending-review",
        "The Daily Ledger",
    )
    assert no_network == []


def test_a_page_naming_urls_fetches_nothing(tmp_path: Path, no_network: list[object]) -> None:
    page = PAGE.replace(
        "<h1>", '<img src="http://127.0.0.1:9/x.png"><iframe src="http://127.0.0.1:9/"></iframe><h1>'
    )
    (tmp_path / "a.htm").write_bytes(page.encode("utf-8"))
    _, [article] = load(tmp_path, "a.htm")
    assert article.paragraphs == ARTICLE
    assert no_network == []


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Tuesday", "Tuesday (café)")
    (tmp_path / "latin.html").write_bytes(page.encode("iso-8859-1", "replace"))
    loaded, [article] = load(tmp_path, "latin.html")
    assert "Tuesday (café)" in article.paragraphs[0]
    assert loaded.issues == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<html><head><title>x</title><script>var a = 'not text';</script></head><body></body></html>",
         "no article text found in the HTML page"),
        (b"\x00\x01\x02\xff\xfe" * 200, "not readable as HTML"),
        (b"<div>" * 200_000 + b"deep", "not readable as HTML"),
    ],
    ids=["script-only", "binary", "deeply-nested"],
)  # fmt: skip
def test_a_page_without_an_article_is_skipped(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "bad.html").write_bytes(content)
    loaded, articles = load(tmp_path, "bad.html")
    assert articles == []
    assert [(i.kind, i.reason) for i in loaded.issues] == [(SKIPPED, reason)]


def test_malformed_html_still_gives_its_text(tmp_path: Path) -> None:
    broken = "<html><body><article><p>" + ARTICLE[0] + "<p>" + ARTICLE[1] + "</div></span><p>" + ARTICLE[2]
    (tmp_path / "broken.html").write_text(broken, encoding="utf-8")
    _, [article] = load(tmp_path, "broken.html")
    assert article.paragraphs == ARTICLE


def test_escape_sequences_in_a_page_cannot_reach_the_terminal(tmp_path: Path) -> None:
    page = PAGE.replace("on Tuesday", "on \x1b[31mTuesday\x1b]0;owned\x07")
    (tmp_path / "esc.html").write_text(page, encoding="utf-8")
    _, [article] = load(tmp_path, "esc.html")  # lxml drops the control bytes; what is left is plain text
    assert not any(c in article.body for c in "\x1b\x07\x9b")
    assert "Tuesday" in article.paragraphs[0]


def test_a_page_too_large_for_extraction_is_indexed_whole_in_linear_time(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>row {i}</td><td>cell</td></tr>" for i in range(MAX_ELEMENTS // 3 + 1))
    page = f"<html><head><title>Big table</title></head><body><table>{rows}</table></body></html>"
    (tmp_path / "big.html").write_text(page, encoding="utf-8")
    elements = 4 + 1 + 3 * (MAX_ELEMENTS // 3 + 1)  # html, head, title, body; table; tr + 2 td a row
    started = time.perf_counter()
    loaded, [article] = load(tmp_path, "big.html")
    assert time.perf_counter() - started < 10  # generous: a shared 2-core machine
    assert article.title == "Big table"
    assert (
        article.paragraphs[:2] == ["row 0 cell", "row 1 cell"]
        and len(article.paragraphs) == MAX_ELEMENTS // 3 + 1
    )
    assert [(i.kind, i.reason) for i in loaded.issues] == [
        (REPAIRED, f"page too large for main-text extraction ({elements:,} elements, over {MAX_ELEMENTS:,}); "
         "indexed all of its text")
    ]  # fmt: skip


def test_html_fragment_to_text() -> None:
    fragment = "<p>One <b>bold</b> word.</p><script>evil()</script><ul><li>Two</li><li>Three</li></ul>tail"
    assert html_to_text(fragment) == "One bold word.\n\nTwo\n\nThree\n\ntail"
    assert html_to_text("plain & simple") == "plain & simple"


def test_cli_indexes_and_searches_a_folder_of_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: list[object]
) -> None:
    corpus = tmp_path / "pages"
    corpus.mkdir()
    (corpus / "review.html").write_text(PAGE, encoding="utf-8")
    (corpus / "empty-shell.htm").write_text("<html><body><script>x = 1</script></body></html>")
    index = ["--index-dir", str(tmp_path / "idx")]
    assert main(["index", str(corpus), *index]) == 0
    printed = capsys.readouterr().out
    assert "1 articles from 2 files, 1 skipped" in printed
    assert "skipped   empty-shell.htm: no article text found in the HTML page" in printed
    assert main(["search", "flood", "--corpus", str(corpus), "--json", *index]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert (hit["id"], hit["title"], hit["date"], hit["source"]) == (
        "review.html",
        "Spending review cuts transport, funds flood defences",
        "2024-03-12",
        "The Daily Ledger",
    )
    assert main(["search", "newsletter OR gold", "--corpus", str(corpus), "--json", *index]) == 0
    assert json.loads(capsys.readouterr().out) == []
