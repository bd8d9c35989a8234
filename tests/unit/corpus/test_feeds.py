"""RSS 2.0 and Atom feeds: one article per item; broken feeds and other XML in the load report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.corpus.loader import build_articles, read_file
from search.corpus.report import REPAIRED, SKIPPED
from tui.cli import main

ITEMS = [
    {
        "title": "Council approves harbour dredging",
        "link": "https://port.example/news/dredging",
        "date": ("Mon, 04 Mar 2024 08:00:00 GMT", "2024-03-04"),
        "author": "Dana Wills",
        "html": "<p>The council approved the <b>harbour dredging</b> plan.</p><p>Work starts in May.</p>",
        "paragraphs": ["The council approved the harbour dredging plan.", "Work starts in May."],
    },
    {
        "title": "Ferry fares frozen for a year",
        "link": "https://port.example/news/fares",
        "date": ("Tue, 05 Mar 2024 17:45:00 +0100", "2024-03-05"),
        "author": "Lee Park",
        "html": "Fares on the island ferry stay at 2023 prices &amp; season tickets drop by 5%.",
        "paragraphs": ["Fares on the island ferry stay at 2023 prices & season tickets drop by 5%."],
    },
]


def rss(items: list[dict] = ITEMS) -> str:
    body = "".join(
        f"<item><title>{i['title']}</title><link>{i['link']}</link><guid>{i['link']}</guid>"
        f"<pubDate>{i['date'][0]}</pubDate><author>{i['author']}</author>"
        f"<description><![CDATA[{i['html']}]]></description></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Port Gazette</title>'
        f"<link>https://port.example/</link><description>News</description>{body}</channel></rss>"
    )


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Energy Desk</title><id>urn:energy-desk</id><updated>2024-05-02T10:00:00Z</updated>
  <entry>
    <title>Grid operator warns of winter shortfall</title>
    <link rel="alternate" href="https://energy.example/grid-winter"/>
    <id>urn:energy-desk:1</id><published>2024-05-01T06:00:00Z</published><updated>2024-05-02T10:00:00Z</updated>
    <author><name>Ines Duarte</name></author>
    <summary>Short summary only.</summary>
    <content type="html">&lt;p&gt;The grid operator expects a shortfall of 2 GW.&lt;/p&gt;
      &lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Imports will cover part of it.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def load(root: Path, rel: str):
    loaded = read_file(root, rel)
    return loaded, build_articles(loaded)


@pytest.mark.parametrize("name", ["port.rss", "port.xml"])
def test_rss_items_become_articles(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(rss(), encoding="utf-8")
    loaded, articles = load(tmp_path, name)
    assert loaded.issues == []
    assert [a.id for a in articles] == [f"{name}#1", f"{name}#2"]
    for article, item in zip(articles, ITEMS, strict=True):
        assert (article.title, article.url, article.date, article.author, article.source) == (
            item["title"],
            item["link"],
            item["date"][1],
            item["author"],
            "Port Gazette",
        )
        assert article.paragraphs == item["paragraphs"]


def test_atom_entry_prefers_content_to_summary_and_drops_scripts(tmp_path: Path) -> None:
    (tmp_path / "energy.atom").write_text(ATOM, encoding="utf-8")
    loaded, [article] = load(tmp_path, "energy.atom")
    assert loaded.issues == []
    assert article.id == "energy.atom"  # a single item has no #N, like a one-object JSON file
    assert (article.title, article.url, article.date, article.author, article.source) == (
        "Grid operator warns of winter shortfall",
        "https://energy.example/grid-winter",
        "2024-05-01",
        "Ines Duarte",
        "Energy Desk",
    )
    assert article.paragraphs == [
        "The grid operator expects a shortfall of 2 GW.",
        "Imports will cover part of it.",
    ]


def test_a_truncated_feed_keeps_its_complete_items_and_says_so(tmp_path: Path) -> None:
    text = rss()
    cut = text.index("<item>", text.index("</item>"))  # the second item is cut off mid-way
    (tmp_path / "cut.rss").write_text(text[: cut + 40], encoding="utf-8")
    loaded, articles = load(tmp_path, "cut.rss")
    assert articles[0].title == ITEMS[0]["title"]
    assert articles[0].paragraphs == ITEMS[0]["paragraphs"]
    assert [a.id for a in articles] == ["cut.rss#1"]
    assert [(i.kind, i.reason) for i in loaded.issues] == [
        (REPAIRED, "feed is not well-formed (<unknown>:1:554: no element found); read leniently"),
        (REPAIRED, "skipped 1 item(s) with neither title nor text"),
    ]


def test_a_feed_with_a_javascript_link_keeps_no_url(tmp_path: Path) -> None:
    item = dict(ITEMS[0], link="javascript:alert(1)")
    (tmp_path / "js.rss").write_text(rss([item]), encoding="utf-8")
    _, [article] = load(tmp_path, "js.rss")
    assert article.url == ""


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>',
         "not an RSS or Atom feed"),
        ("empty.rss", '<rss version="2.0"><channel><title>Nothing yet</title></channel></rss>',
         "feed has no items"),
        ("junk.atom", "not XML at all, just words", "not an RSS or Atom feed (<unknown>:2:0: syntax error)"),
        ("entity.rss", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         "<rss version=\"2.0\"><channel><item><title>&x;</title></item></channel></rss>", None),
    ],
    ids=["other-xml", "no-items", "not-xml", "external-entity"],
)  # fmt: skip
def test_what_is_not_a_usable_feed_is_reported(
    tmp_path: Path, name: str, content: str, reason: str | None
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    loaded, articles = load(tmp_path, name)
    assert "root:" not in "".join(a.body + a.title for a in articles)  # never the entity's file
    if reason is not None:
        assert articles == []
        assert [(i.kind, i.reason) for i in loaded.issues] == [(SKIPPED, reason)]


def test_cli_search_finds_feed_items_by_their_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "feeds"
    corpus.mkdir()
    (corpus / "port.rss").write_text(rss(), encoding="utf-8")
    (corpus / "energy.atom").write_text(ATOM, encoding="utf-8")
    index = ["--index-dir", str(tmp_path / "idx")]
    assert main(["index", str(corpus), *index]) == 0
    assert "3 articles from 2 files" in capsys.readouterr().out
    assert main(["search", "ferry OR grid", "--corpus", str(corpus), "--json", *index]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert sorted((h["id"], h["source"], h["date"]) for h in hits) == [
        ("energy.atom", "Energy Desk", "2024-05-01"),
        ("port.rss#2", "Port Gazette", "2024-03-05"),
    ]


def test_an_html_title_is_text(tmp_path: Path) -> None:
    feed = ATOM.replace(
        "<title>Grid operator warns of winter shortfall</title>",
        '<title type="html">Grid operator &lt;em&gt;warns&lt;/em&gt; of winter shortfall</title>',
    )
    (tmp_path / "energy.atom").write_text(feed, encoding="utf-8")
    _, [article] = load(tmp_path, "energy.atom")
    assert article.title == "Grid operator warns of winter shortfall"
