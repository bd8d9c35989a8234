"""Keys that are not UTF-8, as a terminal set to Latin-1 sends them, in the installed brief-tui: read
as Windows-1252 (as on the command line), where they stopped it with a UnicodeDecodeError."""

from __future__ import annotations

from pathlib import Path

from tests.acceptance.terminal import Terminal, empty_home
from tests.unit.index.test_query_bytes import corpus_with_a_cafe


def test_cafe_typed_in_a_latin1_terminal_finds_the_cafe(tmp_path: Path) -> None:
    corpus = corpus_with_a_cafe(tmp_path / "corpus")
    term = Terminal([str(corpus)], empty_home(tmp_path / "home"))
    try:
        term.wait_for("2 articles", timeout=60, what="the article list")
        term.press("/")
        term.wait_for("Search the articles", timeout=10)
        term.child.send(b"caf\xe9 ")  # "café " in Latin-1
        text = term.wait_for("1 article\\(s\\) match", timeout=20, what="the café article found")
        assert "▊  café " in text and "Café society returns." in text
        assert term.quit() == 0
    finally:
        term.close()


def test_a_query_typed_straight_after_the_slash_is_kept(tmp_path: Path) -> None:
    """'/' then the words at once, as a vim or less user types (one burst): the words are the query,
    not lost while the search screen opens."""
    corpus = corpus_with_a_cafe(tmp_path / "corpus")
    term = Terminal([str(corpus)], empty_home(tmp_path / "home"))
    try:
        term.wait_for("2 articles", timeout=60, what="the article list")
        term.child.send(b"/society")  # one write: the keys arrive together
        text = term.wait_for("1 article\\(s\\) match", timeout=20, what="the query typed ahead, searched")
        assert "▊  society " in text and "Café society returns." in text
        term.child.send(b" returns")  # and the keys after it go on into the box
        text = term.wait_for("▊  society returns ", timeout=10, what="typing on")
        assert "1 article(s) match" in text
        assert term.quit() == 0
    finally:
        term.close()
