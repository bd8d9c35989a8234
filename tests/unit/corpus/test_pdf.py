"""PDF reports: text under page headings, document info, and every unreadable kind in the load report."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from search.corpus.loader import MAX_FILE_BYTES, build_articles, read_file
from search.corpus.report import SKIPPED
from search.model import Article
from tui.cli import main

PAGES = [
    [
        "Reservoir levels stood at 64 percent at the end of September, down from 71 percent a year "
        "earlier, after the driest summer since records began in the region.",
        "Hosepipe bans stayed in force in four districts until the end of October.",
    ],
    [
        "Leaks in the old mains network cost the board an estimated four million litres a day, "
        "and the replacement programme is two years behind schedule.",
    ],
    ["The board proposes a new reservoir at Hollin Moor, subject to a public inquiry next spring."],
]


def make_pdf(
    pages: list[list[str]] = PAGES, password: str | None = None, drawing_only: bool = False
) -> bytes:
    pdf = FPDF()
    pdf.set_title("Annual Water Report 2023")
    pdf.set_author("Regional Water Board")
    pdf.set_creation_date(dt.datetime(2023, 11, 20, 9, 0, tzinfo=dt.UTC))
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.set_font("Helvetica", size=11)
    for paragraphs in pages:
        pdf.add_page()
        if drawing_only:  # what a scanned page is to a text extractor: marks, no text
            pdf.rect(20, 20, 120, 160, style="F")
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(4)
    return bytes(pdf.output())


def load(root: Path, rel: str):
    loaded = read_file(root, rel)
    return loaded, build_articles(loaded)


def page_of(article: Article, phrase: str) -> str:
    """The heading above the paragraph with ``phrase``: what the reader shows above a hit."""
    at = article.body.index(phrase)
    headings = [article.body[b.start : b.end] for b in article.blocks if b.kind == "heading" and b.start < at]
    return headings[-1]


def test_three_pages_with_page_headings_and_document_info(tmp_path: Path) -> None:
    data = make_pdf()
    assert len(PdfReader(io.BytesIO(data)).pages) == 3
    (tmp_path / "report.pdf").write_bytes(data)
    loaded, [article] = load(tmp_path, "report.pdf")
    assert loaded.issues == []
    assert article.headings == ["Page 1", "Page 2", "Page 3"]
    assert article.paragraphs == [p for page in PAGES for p in page]
    assert (article.title, article.author, article.date) == (
        "Annual Water Report 2023",
        "Regional Water Board",
        "2023-11-20",
    )
    assert page_of(article, "Leaks in the old mains") == "Page 2"
    assert page_of(article, "Hollin Moor") == "Page 3"


def test_encrypted_with_an_empty_password_is_read(tmp_path: Path) -> None:
    (tmp_path / "open.pdf").write_bytes(make_pdf(password=""))
    loaded, [article] = load(tmp_path, "open.pdf")
    assert loaded.issues == []
    assert article.paragraphs == [p for page in PAGES for p in page]


def damaged(data: bytes) -> bytes:
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (make_pdf(password="secret"), "encrypted PDF (needs a password)"),
        (make_pdf(drawing_only=True, pages=[[], []]),
         "PDF has no text layer (scanned or image-only); run OCR on it to index it"),
        (damaged(make_pdf()), "damaged PDF (Stream has ended unexpectedly)"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 40, "damaged PDF (Stream has ended unexpectedly)"),
    ],
    ids=["encrypted", "image-only", "truncated", "garbage"],
)  # fmt: skip
def test_unreadable_pdfs_are_skipped_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "bad.pdf").write_bytes(data)
    loaded, articles = load(tmp_path, "bad.pdf")
    assert articles == []
    assert [(i.kind, i.reason) for i in loaded.issues] == [(SKIPPED, reason)]


def test_a_pdf_over_the_size_cap_is_not_read(tmp_path: Path) -> None:
    data = make_pdf()
    (tmp_path / "huge.pdf").write_bytes(data + b"%" * (MAX_FILE_BYTES + 1 - len(data)))
    loaded, articles = load(tmp_path, "huge.pdf")
    assert articles == []
    assert [(i.kind, i.reason) for i in loaded.issues] == [(SKIPPED, "larger than the 8 MB size cap")]


def test_cli_index_reports_the_damaged_pdf_and_finds_the_good_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "reports"
    corpus.mkdir()
    (corpus / "water.pdf").write_bytes(make_pdf())
    (corpus / "broken.pdf").write_bytes(damaged(make_pdf()))
    (corpus / "locked.pdf").write_bytes(make_pdf(password="secret"))
    index = ["--index-dir", str(tmp_path / "idx")]
    assert main(["index", str(corpus), *index]) == 0
    printed = capsys.readouterr().out
    assert "1 articles from 3 files, 2 skipped" in printed
    assert "skipped   broken.pdf: damaged PDF (Stream has ended unexpectedly)" in printed
    assert "skipped   locked.pdf: encrypted PDF (needs a password)" in printed
    assert main(["search", "reservoir", "--corpus", str(corpus), "--json", *index]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert (hit["id"], hit["title"], hit["date"]) == ("water.pdf", "Annual Water Report 2023", "2023-11-20")
