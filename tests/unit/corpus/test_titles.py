"""Titles made from the text: a Markdown heading at the top is the title, wire headlines in capitals
stay whole, initialisms never end a title."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.corpus import clean
from search.corpus.loader import build_articles, read_file
from tests.conftest import SHARED_CORPUS

REUTERS = SHARED_CORPUS / "reuters21578"
_TITLE = re.compile(r'^title: "(.*)"$', re.M)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "U.S. SHAREHOLDER MEETINGS - APRIL 17\n\nCompany meetings this week.",
            "U.S. SHAREHOLDER MEETINGS - APRIL 17",
        ),
        (
            "SMITH SAYS U.S. GROWTH IS FIRM PARIS, May 2 - U.S. growth is firm, he said.",
            "SMITH SAYS U.S. GROWTH IS FIRM",
        ),
        ("PARIS, May 2 - The U.S. economy grew. Next sentence.", "PARIS, May 2 - The U.S. economy grew."),
        ("NATO AND EU leaders met on Monday. They talked.", "NATO AND EU leaders met on Monday."),
        ("John F. Kennedy spoke here. Then he left.", "John F. Kennedy spoke here."),
        ("# Transfer news\n\nA midfielder signed on Tuesday.", "Transfer news"),  # (a Markdown note)
        ("## [bold]Budget day[/]\n\nThe budget was set.", "[bold]Budget day[/]"),
        ("#hashtag politics today. More.", "#hashtag politics today."),  # (not a heading)
    ],
)
def test_a_title_from_the_text(tmp_path: Path, text: str, title: str) -> None:
    (tmp_path / "a.txt").write_text(text)
    [article] = build_articles(read_file(tmp_path, "a.txt"))
    assert article.title == title


def _labelled() -> list[tuple[str, str]]:
    """(headline, body) of every Reuters article whose labelled title is all capitals."""
    if not REUTERS.is_dir():
        pytest.skip("the research corpus (../shared/corpus) is not here")
    pairs = []
    for path in sorted(REUTERS.glob("*.md")):
        text = path.read_bytes().decode("utf-8", "replace")
        found = _TITLE.search(text)
        if found and found.group(1) and not any(c.islower() for c in found.group(1)):
            pairs.append((found.group(1).replace('\\"', '"'), text.split("\n---\n", 1)[1]))
    return pairs


def test_reuters_headlines_in_capitals_become_whole_titles() -> None:
    """Put each labelled headline back above its story (as the untitled files have it): the title
    made from that text is the headline, never a fragment such as "U.S."."""
    pairs = _labelled()
    whole = 0
    for headline, body in pairs:
        paragraphs = clean.split_paragraphs(f"{headline}\n\n{body}")
        expected = clean.trim(" ".join(headline.split()).rstrip(" -,;:"), clean.TITLE_MAX)
        whole += clean.derive_title(paragraphs[1:], paragraphs[0]) == expected
    print(f"{whole}/{len(pairs)} headlines in capitals kept whole")
    assert len(pairs) > 1000 and whole / len(pairs) >= 0.99
