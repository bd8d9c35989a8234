"""``brief-tui fetch`` against a local HTTP server: feed, pages, a 304 on the second run, new items
only, a slow and an oversized response, an OPML file; then the saved folder indexed and searched."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from search.fetch.http import Client
from search.fetch.state import STATE_NAME
from tests.unit.corpus.test_html import ARTICLE, PAGE
from tui.cli import main

ETAG = '"v1"'
LAST_MODIFIED = "Tue, 05 Mar 2024 18:00:00 GMT"


@dataclass
class Site:
    base: str = ""
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)
    extra_item: bool = False  # the ETag-less feed gains an item between runs
    stop: threading.Event = field(default_factory=threading.Event)

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


def item(title: str, link: str, date: str, text: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{date}</pubDate>"
        f"<author>desk@port.example (Port Desk)</author><description>{text}</description></item>"
    )


def rss(title: str, items: list[str]) -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://port.example/</link><description>x</description>{''.join(items)}</channel></rss>"
    ).encode()


def handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            site.arrivals.append(time.monotonic())
            site.requests.append((self.path, dict(self.headers.items())))
            self.route()

        def send(self, body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (slow)
                self.wfile.write(body)

        def route(self) -> None:
            b = site.base
            if self.path == "/news.xml":
                if self.headers.get("If-None-Match") == ETAG:
                    self.send(b"", 304)
                    return
                items = [
                    item("Spending review cuts transport", f"{b}/page/review.html", "12 Mar 2024 09:30 GMT",
                         "Summary: cuts to transport."),
                    item("Page that went away", f"{b}/page/gone.html", "Wed, 13 Mar 2024 10:00 GMT",
                         "Only the summary of a page that is gone."),
                ]  # fmt: skip
                self.send(
                    rss("Ledger Politics", items), headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
                )
            elif self.path == "/wire.xml":  # no validators: new items are told apart by their ids
                items = [item("Ferry fares frozen", f"{b}/wire/1", "Mon, 04 Mar 2024 08:00:00 GMT",
                              "Fares stay at 2023 prices.")]  # fmt: skip
                if site.extra_item:
                    new = item(
                        "Harbour dredging approved", f"{b}/wire/2", "Thu, 07 Mar 2024 08:00 GMT", "Dredging."
                    )
                    items.insert(0, new)
                self.send(rss("Wire", items))
            elif self.path == "/relative.xml":  # a link relative to where the feed is
                self.send(
                    rss("Relative", [item("Review", "page/review.html", "12 Mar 2024 09:30 GMT", "Sum.")])
                )
            elif self.path == "/page/review.html":
                self.send(PAGE.encode(), headers={"Content-Type": "text/html; charset=utf-8"})
            elif self.path == "/slow.xml":
                site.stop.wait(3)
                self.send(rss("Slow", []))
            elif self.path == "/big.xml":
                self.send(rss("Big", [item("x", "https://big.example/", "", "y" * 40_000)]))
            elif self.path == "/short.xml":  # the connection closes before the promised length
                self.send_response(200)
                self.send_header("Content-Length", "5000")
                self.end_headers()
                self.wfile.write(b"<rss version")
                self.close_connection = True
            elif self.path == "/drip.xml":  # no Content-Length: the size is found while reading
                self.send_response(200)
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"z" * 1000)
            else:
                self.send(b"not found", 404)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


POLITE = ["--timeout", "0.5", "--delay", "0", "--max-mb", "0.02"]


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, block, body = text.split("---\n", 2)
    return yaml.safe_load(block), body.strip()


def test_fetch_an_opml_list_twice_then_index_it(
    tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    b = site.base
    opml = tmp_path / "subs.opml"
    outlines = "".join(
        f'<outline text="{n}" type="rss" xmlUrl="{b}/{n}.xml"/>'
        for n in ("news", "wire", "slow", "big", "drip")
    )
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}'
                    '<outline text="ftp" xmlUrl="ftp://127.0.0.1/feed.xml"/></body></opml>')  # fmt: skip
    corpus = tmp_path / "corpus"
    assert main(["fetch", str(opml), "--into", str(corpus), "--pages", *POLITE]) == 1
    review, gone = "ledger-politics/spending-review-cuts-transport-", "ledger-politics/page-that-went-away-"
    lines = capsys.readouterr().out.splitlines()
    saved = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.md"))
    assert len(saved) == 3 and saved[0].startswith(gone) and saved[1].startswith(review)
    assert saved[2].startswith("wire/ferry-fares-frozen-")
    assert lines == [
        f"Ledger Politics ({b}/news.xml): 2 new, 0 already saved",
        f"  saved {saved[1]}",
        f"  saved {saved[0]}",
        f"  page not fetched (kept the feed's text): {b}/page/gone.html: HTTP 404 Not Found",
        f"Wire ({b}/wire.xml): 1 new, 0 already saved",
        f"  saved {saved[2]}",
        f"  page not fetched (kept the feed's text): {b}/wire/1: HTTP 404 Not Found",
        f"{b}/slow.xml: failed: no complete answer within 0.5 s (timed out)",
        f"{b}/big.xml: failed: larger than the 0.02 MB size cap",
        f"{b}/drip.xml: failed: larger than the 0.02 MB size cap",
        "ftp://127.0.0.1/feed.xml: failed: not an http(s) URL: ftp://127.0.0.1/feed.xml",
        f"into: {corpus}",
    ]
    meta, body = front_matter(corpus / saved[1])
    assert meta == {
        "title": "Spending review cuts transport",
        "date": "2024-03-12",
        "source": "Ledger Politics",
        "url": f"{b}/page/review.html",
        "author": "desk@port.example (Port Desk)",
    }
    assert body == "\n\n".join(ARTICLE)  # the page's main text, not the feed's summary
    assert front_matter(corpus / saved[0])[1] == "Only the summary of a page that is gone."
    agents = {headers.get("User-Agent", "") for _, headers in site.requests}
    assert len(agents) == 1 and agents.pop().startswith("brief-tui/")

    site.extra_item = True
    site.requests.clear()
    assert main(["fetch", str(opml), "--into", str(corpus), "--pages", *POLITE]) == 1
    lines = capsys.readouterr().out.splitlines()
    [new] = sorted({p.relative_to(corpus).as_posix() for p in corpus.rglob("*.md")} - set(saved))
    assert new.startswith("wire/harbour-dredging-approved-")
    assert lines[:4] == [
        f"{b}/news.xml: not modified since the last fetch",
        f"Wire ({b}/wire.xml): 1 new, 1 already saved",
        f"  saved {new}",
        f"  page not fetched (kept the feed's text): {b}/wire/2: HTTP 404 Not Found",
    ]
    news_headers = dict(site.requests)["/news.xml"]
    assert (news_headers["If-None-Match"], news_headers["If-Modified-Since"]) == (ETAG, LAST_MODIFIED)
    assert "/page/review.html" not in site.paths()

    index = ["--index-dir", str(tmp_path / "idx")]
    assert main(["index", str(corpus), *index]) == 0
    assert "4 articles from 4 files" in capsys.readouterr().out
    assert main(["search", "flood", "--corpus", str(corpus), "--json", *index]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert (hit["id"], hit["source"], hit["date"]) == (saved[1], "Ledger Politics", "2024-03-12")


def test_items_already_saved_are_known_by_file_name_when_the_state_is_damaged(
    tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    assert main(["fetch", f"{site.base}/wire.xml", "--into", str(corpus), *POLITE]) == 0
    (corpus / STATE_NAME).write_text("{not json")
    capsys.readouterr()
    assert main(["fetch", f"{site.base}/wire.xml", "--into", str(corpus), *POLITE]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"note: {STATE_NAME} could not be read (JSONDecodeError), moved aside as ")
    assert lines[1] == f"Wire ({site.base}/wire.xml): 0 new, 1 already saved"
    assert len(list(corpus.rglob("*.md"))) == 1


def test_requests_to_one_host_are_spaced(site: Site) -> None:
    client = Client(timeout=2, host_delay=0.3)
    for _ in range(3):
        assert client.get(f"{site.base}/wire.xml").status == 200
    gaps = [b - a for a, b in zip(site.arrivals, site.arrivals[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["fetch", "file:///etc/passwd", "--into", "x"],
            "not an http(s) URL nor an OPML file: file:///etc/passwd",
        ),
        (["fetch", "https://a.example/feed"], "say where to save: --into DIR (or set corpus in config.toml)"),
    ],
)
def test_bad_sources_are_usage_errors(
    tmp_path: Path,
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert main(argv) == 2
    assert capsys.readouterr().err == f"brief-tui: error: {message}\n"
    assert list(tmp_path.iterdir()) == []


def test_relative_links_resolve_against_the_feed_url(tmp_path: Path, site: Site) -> None:
    corpus = tmp_path / "c"
    assert main(["fetch", f"{site.base}/relative.xml", "--into", str(corpus), "--pages", *POLITE]) == 0
    [saved] = corpus.rglob("*.md")
    meta, body = front_matter(saved)
    assert meta["url"] == f"{site.base}/page/review.html"
    assert body == "\n\n".join(ARTICLE)


def test_a_folder_that_cannot_be_written_fails_that_feed_with_the_reason(
    tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "wire").write_text("a file where the feed's folder would go")
    assert main(["fetch", f"{site.base}/wire.xml", "--into", str(corpus), *POLITE]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        f"Wire ({site.base}/wire.xml): failed: could not save wire/ferry-fares-frozen-"
    )
    assert lines[0].endswith(".md: File exists")
    assert main(["fetch", f"{site.base}/wire.xml", "--into", str(corpus), *POLITE]) == 1  # tried again


def test_a_response_cut_short_is_a_failure_not_a_crash(
    tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fetch", f"{site.base}/short.xml", "--into", str(tmp_path / "c"), *POLITE]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{site.base}/short.xml: failed: the connection closed after 12 of 5000 bytes"
    )
