"""OPML subscription lists: the feed URLs of their ``outline`` elements, in order, once each."""

from __future__ import annotations

from search.fetch.http import FetchError


def feed_urls(data: bytes) -> list[str]:
    """Every ``xmlUrl`` of the file's outlines; raises FetchError for a file that is not OPML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise FetchError(f"not an OPML file ({err})") from None
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in urls:
            urls.append(url)
    if not urls:
        raise FetchError("the OPML file lists no feeds (no outline with an xmlUrl)")
    return urls
