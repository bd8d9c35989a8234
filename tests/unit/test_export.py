from __future__ import annotations

import csv
import io
import json
import stat
from collections.abc import Sequence
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from search.analysis.entities import Entity
from search.export import (
    ARTICLE_COLUMNS,
    FORMATS,
    MENTION_COLUMNS,
    Bookmark,
    ExportError,
    ExportView,
    bookmarks_view,
    entity_view,
    export,
    fmt_for_path,
    md_text,
    search_view,
    topic_view,
    write_export,
)
from search.model import Hit, MentionContext, SearchResult, Snippet, Span, TopicInfo

HOSTILE = "# heading [link](x) ![img](y) *star* _under_ `code` <script>alert(1)</script> &amp; | a | ~~s~~"
MULTILINE = 'Tokyo, "quoted", comma\nsecond line\r\nthird\rfourth'


def _hit(
    title: str = "Abe visits Tokyo", snippet: str = "Shinzo Abe said", spans: Sequence[Span] = ((7, 10),)
) -> Hit:
    return Hit("news/a.txt", title, 1.23456, "/c/news/a.txt", "Reuters", "2024-05-01T09:00", "world",
               (Snippet(snippet, tuple(spans)),))  # fmt: skip


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def test_search_markdown_is_a_brief_with_bold_highlights() -> None:
    result = SearchResult("abe", [_hit()], 3)
    text = export(search_view("abe", result, {"source": "Reuters"}), "md")
    lines = text.splitlines()
    assert lines[0] == "# Search: abe"
    assert lines[2].startswith("Query: abe · source: Reuters · 1 of 3 articles · Generated ")
    assert lines[4] == "1. **Abe visits Tokyo** — news/a.txt · Reuters · 2024-05-01 · score 1.23"
    assert lines[5] == "   - …Shinzo **Abe** said…"
    assert "<strong>Abe</strong>" in _html(text)


def test_hostile_article_text_cannot_make_markdown_structure() -> None:
    snippet = f"{HOSTILE}\n# injected heading\n\n- injected item\n    indented code"
    result = SearchResult("q", [_hit(HOSTILE, snippet, [(len(snippet) - 4, len(snippet))])], 1)
    html = _html(export(search_view(HOSTILE, result), "md"))
    assert html.count("<h1>") == 1 and html.count("<li>") == 2 and html.count("<strong>") == 2
    for tag in ("<a ", "<img", "<em>", "<code>", "<pre>", "<script", "<h2>", "<del>", "<table", "<hr"):
        assert tag not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp;amp;" in html
    assert "<strong>code</strong>" in html  # the highlight survives the escaping


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("1. first", [], r"1\. first"),
        ("- item", [], r"\- item"),
        ("a\n\n#b", [], r"a \#b"),
        ("say abe now", [(3, 8)], "say **abe** now"),  # whitespace moved out of the bold
        ("abcdef", [(0, 2), (2, 4), (3, 5)], "**abcde**f"),  # touching and overlapping spans merge
        ("abc", [(1, 99), (-5, 0)], "a**bc**"),  # spans beyond the text are clipped
        ("a  b", [(1, 3)], "a b"),  # a highlight of spaces only is not bold
    ],
)
def test_md_text(text: str, spans: list[tuple[int, int]], expected: str) -> None:
    assert md_text(text, spans) == expected


def test_csv_round_trips_commas_quotes_and_newlines() -> None:
    hit = _hit(MULTILINE, 'a passage,\nwith "quotes"', [])
    rows = list(
        csv.reader(io.StringIO(export(search_view("q", SearchResult("q", [hit], 1)), "csv"), newline=""))
    )
    assert rows[0] == [*ARTICLE_COLUMNS, "snippet"]
    assert rows[1] == ["news/a.txt", MULTILINE, "1.2346", "Reuters", "2024-05-01T09:00", "world",
                       'a passage, with "quotes"']  # fmt: skip
    assert len(rows) == 2


def test_search_json_shape() -> None:
    result = SearchResult("abe", [_hit()], 1, notice="odd query")
    data = json.loads(export(search_view("abe", result, {"section": ["a", "b"]}), "json"))
    assert data["kind"] == "search" and data["query"] == "abe" and data["notice"] == "odd query"
    assert data["filters"] == {"section": ["a", "b"]} and data["total"] == 1
    assert data["articles"] == [
        {"id": "news/a.txt", "title": "Abe visits Tokyo", "score": 1.2346, "source": "Reuters",
         "date": "2024-05-01T09:00", "section": "world",
         "snippets": [{"text": "Shinzo Abe said", "highlights": [[7, 10]]}]}
    ]  # fmt: skip


def test_topic_view_in_every_format() -> None:
    topic = TopicInfo("defence.missile_defence", "Missile defence", "Interceptors", "defence", 4)
    view = topic_view(topic, SearchResult("Missile defence", [_hit()], 1), asked="missle defence")
    data = json.loads(export(view, "json"))
    assert data["topic"] == {
        "id": topic.id,
        "label": "Missile defence",
        "description": "Interceptors",
        "articles": 4,
    }
    assert data["query"] == "missle defence" and [a["id"] for a in data["articles"]] == ["news/a.txt"]
    md = export(view, "md")
    assert md.startswith("# Topic: Missile defence\n") and "asked: missle defence" in md
    assert list(csv.reader(io.StringIO(export(view, "csv"))))[1][0] == "news/a.txt"


def _entity_view() -> ExportView:
    entity = Entity("person:shinzo-abe", "Shinzo Abe", "PERSON", ("Abe",), "", ("a.txt",), 1)
    context = Snippet("He met *Abe* [there](x).", ((8, 11),))
    return entity_view(entity, [MentionContext("a.txt", 'A, "B"\nC', 40, 43, "Abe", context)])


def test_entity_view_in_every_format() -> None:
    view = _entity_view()
    data = json.loads(export(view, "json"))
    assert data["entity"]["name"] == "Shinzo Abe" and data["entity"]["type"] == "PERSON"
    assert data["mentions"] == [
        {"article": "a.txt", "title": 'A, "B"\nC', "start": 40, "end": 43, "text": "Abe",
         "context": "He met *Abe* [there](x)."}
    ]  # fmt: skip
    md = export(view, "md")
    assert '1. **A, "B" C** — a.txt · characters 40–43\n   - He met \\***Abe**\\* \\[there\\](x).\n' in md
    rows = list(csv.reader(io.StringIO(export(view, "csv"), newline="")))
    assert rows == [
        list(MENTION_COLUMNS),
        ["a.txt", 'A, "B"\nC', "40", "43", "Abe", "He met *Abe* [there](x)."],
    ]


def test_bookmarks_from_dataclasses_or_dicts() -> None:
    made = Bookmark(
        "search", "tarif*", "Tariffs", "check <b>these</b>\n1. later", "2024-05-01T10:00:00+00:00"
    )
    plain = {
        "kind": "search",
        "key": "tarif*",
        "label": "Tariffs",
        "note": made.note,
        "created": made.created,
    }
    view, same = bookmarks_view([made]), bookmarks_view([{**plain, "state": {"x": 1}}])
    for fmt in FORMATS:
        assert export(view, fmt).replace(view.generated, "") == export(same, fmt).replace(same.generated, "")
    assert json.loads(export(view, "json"))["bookmarks"] == [plain]
    md = export(view, "md")
    assert "1. **Tariffs** — search · tarif\\* · 2024-05-01T10:00:00+00:00\n" in md
    assert "\n   - check \\<b\\>these\\</b\\> 1. later\n" in md
    assert "<b>" not in _html(md)
    with pytest.raises(ValueError, match="kind"):
        bookmarks_view([{"kind": "folder", "key": "x"}])


def test_empty_views_say_so() -> None:
    assert export(search_view("zzz", SearchResult("zzz", [], 0)), "md").endswith("\nNo articles.\n")
    assert export(bookmarks_view([]), "csv") == "kind,key,label,note,created\r\n"


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.md", "md"), ("A.MARKDOWN", "md"), ("x/b.json", "json"), ("c.CSV", "csv")]
)
def test_fmt_for_path(name: str, fmt: str) -> None:
    assert fmt_for_path(name) == fmt


@pytest.mark.parametrize("name", ["brief.txt", "brief", "brief.md.bak"])
def test_fmt_for_path_refuses_other_names(name: str) -> None:
    with pytest.raises(ExportError, match=name.replace(".", r"\.")):
        fmt_for_path(name)


def test_unknown_format() -> None:
    with pytest.raises(ExportError):
        export(_entity_view(), "pdf")  # type: ignore[arg-type]


def test_write_export_is_whole_and_keeps_a_normal_mode(tmp_path: Path) -> None:
    target = tmp_path / "new" / "brief.md"
    write_export(target, "héllo\n")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    write_export(target, "again\n")
    assert target.read_text() == "again\n" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["brief.md"]  # no temporary file left
