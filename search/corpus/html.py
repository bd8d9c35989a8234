"""Saved web pages (.html, .htm, .xhtml): the article's main text and its metadata, by trafilatura.

trafilatura strips navigation, ads and comments and reads title, author, canonical URL and site
name from the page's metadata; htmldate (called by trafilatura) finds the publication date. Both
are given an lxml tree parsed here, never a string: htmldate fetches a string that starts with
"http", and nothing is fetched while indexing. lxml's HTML parser runs no script and loads no
external resource.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from search.corpus.formats import FormatError, Record

_BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "tr", "section", "article", "header", "footer", "figcaption",
)  # fmt: skip
MAX_ELEMENTS = 50_000  # main-text extraction takes ~0.15 ms an element: a larger page is read whole


def read_html(data: bytes) -> list[Record]:
    """One record: the main text of the page, with title, author, date, url, source, tags."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        raise FormatError("not readable as HTML")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        return [_whole_page(tree, elements)]
    doc: Any = bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": True, "original_date": True, "url": None},
    )
    if doc is None or not (doc.text or "").strip():
        raise FormatError("no article text found in the HTML page")
    meta: dict[str, Any] = {}
    for key, value in (
        ("title", doc.title),
        ("author", doc.author),
        ("date", doc.date),
        ("url", doc.url if is_web_url(doc.url) else None),
        ("source", doc.sitename or doc.hostname),
        ("tags", list(doc.tags or []) + list(doc.categories or [])),
    ):
        if value:
            meta[key] = value
    text = doc.text
    first, _, rest = text.lstrip().partition("\n")
    if doc.title and " ".join(first.split()) == " ".join(doc.title.split()):
        text = rest  # the page's own headline repeats the title, which is shown apart
    return [Record(text, meta)]


def _whole_page(tree: Any, elements: int) -> Record:
    """Every text of a page too large for main-text extraction (linear), and its <title>."""
    title = " ".join((tree.findtext(".//title") or "").split())
    body = tree.find(".//body")
    note = (
        f"page too large for main-text extraction ({elements:,} elements, over {MAX_ELEMENTS:,}); "
        "indexed all of its text"
    )
    return Record(
        _tree_text(body if body is not None else tree), {"title": title} if title else {}, notes=[note]
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), one paragraph per block element."""
    if not fragment.strip():
        return ""
    from lxml import etree, html

    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    return _tree_text(root)


def _tree_text(root: Any) -> str:
    from lxml import etree

    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("td", "th"):
        element.tail = " " + (element.tail or "")
    text = root.text_content()
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def is_web_url(url: object) -> bool:
    """True for an http(s) URL: the only kind kept as an article's URL."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an invalid IPv6 host
        return False
