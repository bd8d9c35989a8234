"""Identical copies of a file are one text: its lines are not boilerplate because it was copied.

A line at the edge of at least 3 files is boilerplate (a sign-off, a "Share this" line) and is
dropped from every article. Copies of one file (the same export saved twice, a backup folder)
count as one file for that rule, so the copied article keeps its opening and closing lines.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search.library import Library

LEAD = "A midfielder from Lisbon signed for the club on Tuesday."
CLOSE = "The transfer fee was not disclosed by either side."
COPIED = f"# Transfer news\n\n{LEAD}\n\nHe joined after a long season abroad.\n\n{CLOSE}\n"
SIGN_OFF = "Reporting by the newsroom desk."


def _corpus(root: Path) -> Path:
    root.mkdir()
    for n, topic in enumerate(["harbour", "tariff", "orchard", "glacier", "senate"]):
        body = f"A story about the {topic}.\n\nIt has a middle about the {topic} too.\n\n{SIGN_OFF}\n"
        (root / f"story{n}.md").write_text(f"# The {topic}\n\n{body}")
    return root


def _copy(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).write_text(COPIED)


@pytest.mark.parametrize("copies", [2, 4])
def test_copies_keep_their_edge_lines_when_indexed_together(tmp_path: Path, copies: int) -> None:
    corpus = _corpus(tmp_path / "corpus")
    _copy(corpus, [f"copy{n}.md" for n in range(copies)])
    with Library.open(corpus, index_dir=tmp_path / "index") as library:
        found = library.search("midfielder").hits
        assert [h.title for h in found] == ["Transfer news"]  # indexed once, the others duplicates
        body = library.article(found[0].id).body
        assert LEAD in body and CLOSE in body
        assert library.search("disclosed").total == 1
        assert library.search('"newsroom desk"').total == 0  # (a real sign-off, in 5 files, still goes)


def test_copies_added_later_keep_the_lines_too(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    _copy(corpus, ["copy0.md"])
    with Library.open(corpus, index_dir=tmp_path / "index") as library:
        assert library.search("midfielder").total == 1
        _copy(corpus, ["copy1.md", "copy2.md", "copy3.md"])
        library.refresh()
        assert library.search("midfielder").total == 1
        assert library.search("disclosed").total == 1
        shutil.copy(corpus / "copy1.md", corpus / "copy4.md")
        (corpus / "copy0.md").unlink()  # (the copy indexed first goes: another one is indexed)
        library.refresh()
        found = library.search("midfielder").hits
        assert len(found) == 1 and CLOSE in library.article(found[0].id).body
    with Library.open(corpus, index_dir=tmp_path / "index") as library:  # and as re-opened
        assert library.search("disclosed").total == 1


def test_short_texts_under_other_headlines_are_other_articles(tmp_path: Path) -> None:
    """Wire items whose text is a placeholder ("Blah blah blah.") under their headline are not one
    story; a longer text filed again under another headline still is."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = " ".join(["The central bank kept its main rate unchanged on Thursday"] * 3) + "."
    for n, (title, text) in enumerate(
        [("YEN FIRMS IN TOKYO", "Blah blah blah."), ("GOLD SLIPS IN LONDON", "Blah blah blah."),
         ("Rates held", story), ("Bank holds rates", story)]
    ):  # fmt: skip
        (corpus / f"item{n}.md").write_text(f'---\ntitle: "{title}"\n---\n\n{text}\n')
    with Library.open(corpus, index_dir=tmp_path / "index") as library:
        assert sorted(a.title for a in library.articles()) == [
            "GOLD SLIPS IN LONDON",
            "Rates held",
            "YEN FIRMS IN TOKYO",
        ]
        assert library.load_report.duplicates == 1
