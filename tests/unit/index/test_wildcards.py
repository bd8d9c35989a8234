"""Wildcards bounded: past the cap, the most frequent words are searched and the search says so."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from search.index import wildcards
from search.library import Library
from tui.cli import main

WORDS = ["zorbak", "zorbel", "zorbim", "zorbon", "zorbut", "zorbif"]
CAP = 3


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    n = 0
    for rank, word in enumerate(WORDS):  # word k: in k + 1 articles, twice in the last of them
        for i in range(rank + 1):
            extra = f" and {word} again" if i == rank else ""
            (root / f"a{n:02d}.md").write_text(
                f'---\ntitle: "Item {n}"\n---\n\nNote {n} is on {word}{extra}.\n'
            )
            n += 1
    (root / "other.md").write_text('---\ntitle: "Other"\n---\n\nNothing of the kind.\n')
    return root


def expected(corpus: Path) -> tuple[int, set[str]]:
    """Scanning the files: how many zorb words there are, and the articles of the CAP most frequent."""
    texts = {p.name: p.read_text() for p in corpus.iterdir()}
    counts = Counter(w for t in texts.values() for w in re.findall(r"\bzorb\w+", t))
    top = {w for w, _ in counts.most_common(CAP)}
    return len(counts), {name for name, t in texts.items() if top & set(re.findall(r"\bzorb\w+", t))}


def test_a_prefix_over_the_cap_says_so_and_finds_the_most_frequent_words(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(wildcards, "MAX_WORDS", CAP)
    words, articles = expected(corpus)
    with Library.open(corpus, index_dir=tmp_path / "ix") as lib:
        result = lib.search("zorb*", limit=None)
        assert result.notice == f"zorb*: searched the {CAP} most frequent of {words} words"
        assert {h.id for h in result.hits} == articles and result.total == len(articles)
        assert lib.facet_counts("zorb*") == lib.search("zorb*").facets
        unbalanced = "Unbalanced quotes or brackets; searched for what could be read."
        assert lib.search('zorb* "again').notice == f"{unbalanced} {result.notice}"  # both notices
        under = lib.search("zorbi*", limit=None)  # two words: under the cap, both searched
        with_zorbi = {p.name for p in corpus.iterdir() if re.search(r"\bzorbi", p.read_text())}
        assert under.notice == "" and {h.id for h in under.hits} == with_zorbi and len(with_zorbi) == 9
    assert main(["search", "zorb*", "--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]) == 0
    captured = capsys.readouterr()
    assert f"note: zorb*: searched the {CAP} most frequent of {words} words" in captured.err
    assert f"{len(articles)} article(s) match" in captured.out
