"""PDF reports (.pdf): the text of each page under a "Page N" heading, by pypdf.

pypdf, not pdfminer.six: it is pure Python with no dependencies of its own, reads page by page
(so the page numbers are exact), gives the document info (title, author, creation date) and tells
an encrypted file apart directly; and its text extraction is several times faster than
pdfminer's layout analysis, which a corpus of reports would pay for on every build. The lines of
a page are joined back into paragraphs: a line that ends a sentence, or is much shorter than the
page's long lines, ends one.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from search.corpus.formats import FormatError, Record, short_reason

MAX_PAGES = 2_000  # a longer document is read up to here, with a note
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")

# pypdf logs recoverable damage as warnings; with no handler they would be printed over the TUI
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read_pdf(data: bytes) -> list[Record]:
    """One record: "## Page N" then that page's paragraphs, for each page with text."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):  # many are encrypted with an empty password
            raise FormatError("encrypted PDF (needs a password)")
        pages = reader.pages
        count = len(pages)
    except FileNotDecryptedError:
        raise FormatError("encrypted PDF (needs a password)") from None
    except PdfReadError as err:
        raise FormatError(f"damaged PDF ({short_reason(err)})") from None
    if count == 0:
        raise FormatError("PDF has no pages")
    parts: list[str] = []
    unreadable = 0
    for number in range(1, min(count, MAX_PAGES) + 1):
        try:
            text = pages[number - 1].extract_text() or ""
        except Exception:  # one damaged page (a bad content stream or font) must not lose the others
            unreadable += 1
            continue
        paragraphs = join_lines(text)
        if paragraphs:
            parts.append(f"## Page {number}")
            parts.extend(paragraphs)
    if not parts:
        if unreadable == min(count, MAX_PAGES):
            raise FormatError("damaged PDF (no page could be read)")
        raise FormatError("PDF has no text layer (scanned or image-only); run OCR on it to index it")
    record = Record("\n\n".join(parts), _info(reader))
    if unreadable:
        record.notes.append(f"{unreadable} of {count} PDF pages could not be read")
    if count > MAX_PAGES:
        record.notes.append(f"read the first {MAX_PAGES} of {count} PDF pages")
    return [record]


def join_lines(text: str) -> list[str]:
    """The paragraphs of a page's text, whose lines were wrapped to the page's width."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line  # a word hyphenated across two lines
        else:
            current = f"{current} {line}" if current else line
        if _SENTENCE_END.search(line) or len(line) < 0.6 * longest:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _info(reader: Any) -> dict[str, str]:
    """title, author and date from the document info; a value that cannot be read is left out."""
    meta: dict[str, str] = {}
    try:
        info = reader.metadata
        if info is None:
            return meta
        for key, value in (("title", info.title), ("author", info.author)):
            if isinstance(value, str) and value.strip():
                meta[key] = " ".join(value.split())
        created = info.creation_date
        if created is not None:
            meta["date"] = created.date().isoformat()
    except Exception:  # a malformed info dictionary or date string: the text is still worth having
        pass
    return meta
