"""The main flow as a new user meets it: the installed ``brief-tui`` in a real terminal, on a real
folder above every size threshold of the indexer, with empty cache, config and data folders.

Expected figures come from reading the files here, not from brief-tui: one article a file, less
the files whose text repeats an earlier file's (brief-tui indexes those once).
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from search.index.pipeline import POOL_MIN_FILES
from tests.acceptance.terminal import Terminal, empty_home

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "bbc"
FIRST, ADDED = 1000, 400
BUILD_TIMEOUT = 240  # seconds, for 1,000 files on a slow, busy 2-core machine

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir() and os.environ.get("CI") != "true", reason="../shared/corpus is not here"
)


def _front_matter_and_body(path: Path) -> tuple[dict[str, str], str]:
    text = path.read_bytes().decode("utf-8", "replace")
    _, head, body = text.split("---\n", 2)
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        meta[key] = value.strip().strip('"')
    return meta, body


def expected_articles(files: list[Path]) -> int:
    seen: set[str] = set()
    for path in files:
        seen.add(" ".join(_front_matter_and_body(path)[1].split()))
    return len(seen)


def unique_word(files: list[Path]) -> tuple[str, str]:
    """A word (and the title of its file) whose first five letters begin a word of no other file."""
    prefixes: dict[str, set[Path]] = {}
    words: dict[Path, list[str]] = {}
    for path in files:
        meta, body = _front_matter_and_body(path)
        found = re.findall(r"\b[a-z]{8,12}\b", f"{meta['title']} {body}".lower())
        words[path] = found
        for word in set(re.findall(r"\b[a-z]+\b", f"{meta['title']} {body}".lower())):
            prefixes.setdefault(word[:5], set()).add(path)
    for path in files:
        for word, _ in Counter(words[path]).most_common():
            if prefixes[word[:5]] == {path}:
                return word, _front_matter_and_body(path)[0]["title"]
    raise AssertionError("no word is unique to one file")


@pytest.fixture(scope="module")
def files() -> list[Path]:
    found = sorted(CORPUS.glob("*.md"))
    assert len(found) >= FIRST + ADDED
    return found[: FIRST + ADDED]


def _summary(count: int, files: int) -> str:
    return rf"^ ?{count} articles from {files} files\b"


def test_first_run_then_reopen_then_more_files(tmp_path: Path, files: list[Path]) -> None:
    assert FIRST >= POOL_MIN_FILES  # worker processes index it, as for any real folder
    news = tmp_path / "news"
    news.mkdir()
    for path in files[:FIRST]:
        shutil.copy(path, news / path.name)
    env = empty_home(tmp_path / "home")
    first = expected_articles(files[:FIRST])
    word, title = unique_word(files[:FIRST])

    term = Terminal([str(news)], env)
    try:
        # the list shows while indexing goes on, with a progress line that does not block keys
        term.wait_for(r"Indexing [\d,]+ of 1,000 files", 60, "a progress line")
        opening, second = (" ".join(_front_matter_and_body(f)[1].split()[:3]) for f in files[:2])
        # once the first pass is in, the list previews and moves while the rest is indexed
        indexing = r"Indexing [\d,]+ of 1,000 files"
        term.wait_for(lambda text: opening in text and re.search(indexing, text) is not None, 60, "a preview")
        term.press("j")
        term.wait_for(lambda text: second in text, 10, f"the second article's preview {second!r}")
        assert re.search(indexing, term.text), "the key waited for the whole build"
        term.press("k")
        term.wait_for(_summary(first, FIRST), BUILD_TIMEOUT, "the finished article list")
        screen = term.text
        assert "Could not" not in screen and "Error" not in screen and "rebuilding" not in screen
        term.press("\r")  # open the first article
        term.wait_for(lambda text: opening in text, 10, f"the article's first words {opening!r}")
        term.press("/")
        term.pump(0.5)
        term.press(*word)
        term.wait_for(lambda text: title in text, 20, f"{title!r}, the one article with {word!r}")
        assert term.quit() == 0
    finally:
        term.close()

    term = Terminal([str(news)], env)  # again: the index is opened as it is, nothing rebuilt
    try:
        term.wait_for(_summary(first, FIRST), 20, "the article list, at once")
        assert "rebuilding" not in term.text and "another version" not in term.text
        assert term.quit() == 0
    finally:
        term.close()

    for path in files[FIRST:]:  # files added while it was closed
        shutil.copy(path, news / path.name)
    total = FIRST + ADDED
    term = Terminal([str(news)], env)
    try:
        term.wait_for(_summary(expected_articles(files), total), BUILD_TIMEOUT, "all files indexed")
        assert "Could not" not in term.text
        term.press("R")  # the load report is true
        term.wait_for(_summary(expected_articles(files), total), 10, "the load report")
        assert term.quit() == 0
    finally:
        term.close()
