"""A query holding bytes that are not UTF-8 (a terminal of another encoding, a paste) searches for
what they most likely say, read as Windows-1252 as such bytes in a corpus file are, and says so;
it never fails with Python's "'utf-8' codec can't encode" error."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.library import Library
from tests.conftest import TAKAICHI

CAFE = "Café society returns.\n\nThe café on the corner opened again, and its regulars came back.\n"
OTHER = "Harbour news.\n\nThe ferry to the island runs daily.\n"


def corpus_with_a_cafe(root: Path) -> Path:
    """Two articles: one says "café" (twice), the other does not."""
    root.mkdir()
    (root / "cafe.txt").write_text(CAFE)
    (root / "ferry.txt").write_text(OTHER)
    return root


def notice(searched: str) -> str:
    return f"Part of the query was not valid UTF-8 text; searched for '{searched}' instead."


@pytest.mark.parametrize(
    ("raw", "searched", "found", "marks"),
    [
        (b"caf\xe9", "café", ["cafe.txt"], {"café"}),  # "café" typed in a Latin-1 terminal
        (b"caf\xe9*", "café*", ["cafe.txt"], {"café"}),
        (b"ferry \x93island\x94", "ferry \u201cisland\u201d", ["ferry.txt"], {"ferry", "island"}),  # “ ”
        (b"\xff*", "\xff*", [], set()),  # ÿ
        (b"caf\x81", "caf\ufffd", [], set()),  # a byte Windows-1252 has no character for
    ],
)
def test_bytes_that_are_not_utf8_are_read_as_windows_1252(
    tmp_path: Path, raw: bytes, searched: str, found: list[str], marks: set[str]
) -> None:
    with Library.open(corpus_with_a_cafe(tmp_path / "corpus"), index_dir=tmp_path / "index") as lib:
        result = lib.search(raw.decode("utf-8", "surrogateescape"))
        assert result.notice == notice(searched)
        assert sorted(h.id for h in result.hits) == found
        assert [h.id for h in result.hits] == [h.id for h in lib.search(searched).hits]
        marked = {s.text[a:b].lower() for h in result.hits for s in h.snippets for a, b in s.highlights}
        assert marked == marks  # the words it was read as


def test_half_of_a_utf16_pair_is_no_character_and_the_rest_is_searched(seeds: Path, tmp_path: Path) -> None:
    with Library.open(seeds, index_dir=tmp_path / "index") as lib:
        result = lib.search("abe \ud83d")
        assert result.notice == notice("abe \ufffd")
        assert [h.id for h in result.hits] == [TAKAICHI]
