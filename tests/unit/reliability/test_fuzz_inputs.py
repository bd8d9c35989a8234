"""Fuzzing the untrusted inputs: queries, front matter and file bytes never raise or hang."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from search.corpus.formats import split_front_matter
from search.corpus.loader import build_articles, read_file
from search.library import Library
from search.model import SearchResult
from tests.conftest import SEEDS
from tests.unit.reliability.support import deadline

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# -- the query parser -----------------------------------------------------------------------------

FIELDS = ["title", "body", "source", "section", "year", "tags", "id", "path", "date", "author", "nosuch", ""]
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO", "+", "-", "&&", "||", "!", "^", "^2", "^-1e9"]
PUNCTUATION = [
    '"',
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "*",
    "?",
    "~",
    "~9",
    "~99999",
    ":",
    "\\",
    "/",
    "<",
    ">",
    "=",
]
WORDS = ["abe", "trump", "missile", "defense", "defence", "kishda", "u.s.", "1987", "a", "the", "Ω", "日本"]

query_atom = st.one_of(
    st.sampled_from(WORDS + OPERATORS + PUNCTUATION),
    st.builds(
        lambda f, w: f"{f}:{w}", st.sampled_from(FIELDS), st.sampled_from([*WORDS, "*", '"', "(", "["])
    ),
    st.builds(
        lambda w, s: w + s, st.sampled_from(WORDS), st.sampled_from(["*", "?", "~", "~3", "*?*", "^3"])
    ),
    st.builds(lambda a, b: f"[{a} TO {b}]", st.sampled_from([*WORDS, ""]), st.sampled_from([*WORDS, ""])),
    st.text(max_size=8),
)
structured_query = st.lists(query_atom, max_size=12).map(" ".join)
raw_bytes_query = st.binary(max_size=40).map(lambda b: b.decode("utf-8", "surrogateescape"))


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    corpus = tmp_path_factory.mktemp("fuzz-corpus")
    shutil.copytree(SEEDS, corpus, dirs_exist_ok=True)
    (corpus / "odd.md").write_text(
        '---\ntitle: "Odd: [bold] (x) \\"q\\""\nsource: "Wire*"\nsection: "a; b"\ndate: "1987-04-08"\n---\n\n'
        "Text with * ? ~ ^ : and \\ characters, AND OR NOT as words, and émigré.\n"
    )
    with Library.open(corpus, index_dir=tmp_path_factory.mktemp("fuzz-index")) as library:
        yield library


def _check_result(lib: Library, text: str) -> None:
    with deadline(10):
        result = lib.search(text, limit=5)
    assert isinstance(result, SearchResult)
    assert isinstance(result.notice, str)
    for hit in result.hits:
        assert lib.article(hit.id) is not None
        for snippet in hit.snippets:
            assert all(0 <= a < b <= len(snippet.text) for a, b in snippet.highlights)
        assert all(0 <= a < b <= len(hit.title) for a, b in hit.title_highlights)


@FUZZ
@given(structured_query)
@example('title:"missile')
@example("(((((((((abe")
@example("*")
@example("kishda~99999")
@example("[ TO ]")
@example("year:[1900 TO 2100]")
@example("\\")
@example("a" * 5000)
@example(" OR ".join(["x*"] * 200))
def test_structured_queries_never_raise(lib: Library, text: str) -> None:
    _check_result(lib, text)


@FUZZ
@given(raw_bytes_query)
@example(b"\xff\xfe abe".decode("utf-8", "surrogateescape"))
def test_queries_from_random_bytes_never_raise(lib: Library, text: str) -> None:
    _check_result(lib, text)


@FUZZ
@given(st.text())
def test_any_text_query_never_raises(lib: Library, text: str) -> None:
    _check_result(lib, text)


def test_the_fuzzed_index_still_answers_normal_queries(lib: Library) -> None:
    """Guards the fuzz tests: a library that found nothing at all would pass them trivially."""
    assert len(lib.search("abe").hits) == 1
    assert [h.id for h in lib.search("émigré").hits] == ["odd.md"]
    assert lib.search('"missile defense').notice  # an unbalanced quote is explained


# -- front matter ---------------------------------------------------------------------------------

YAML_PIECES = [
    "title: x", "title: [a, b", "date: 2024-02-30", "date: 2024-01-01 25:61:00", "n: 0x" + "f" * 5000,
    "n: " + "9" * 5000, "a: &a [x, y]", "b: [*a, *a, *a]", "c: *nosuch", "!!python/object:os.system x",
    "? [complex]: key", "- list item", "tags: {a: 1}", "title: |\n  block\n  text", "\t", ": :", "'", '"',
    "title: " + "[" * 3000, "x: !!binary aGVsbG8=", "x: !!timestamp nope", "x: .inf", "x: ~", "---", "...",
]  # fmt: skip
front_matter_text = st.builds(
    lambda lines, close, body: "---\n" + "\n".join(lines) + ("\n---\n" if close else "\n") + body,
    st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=20)), max_size=8),
    st.booleans(),
    st.text(max_size=50),
)


@FUZZ
@given(st.one_of(front_matter_text, st.text()))
@example("---\ndate: 2024-02-30\n---\nbody")
@example("---\nx: !!timestamp nope\n---\n")  # found by this test: AttributeError inside PyYAML
@example("---\ntitle: " + "9" * 5000 + "\n---\nbody")
@example("---\ntitle: " + "[" * 3000 + "\n---\nbody")
def test_split_front_matter_never_raises(text: str) -> None:
    with deadline(10):
        meta, body, note = split_front_matter(text)
    assert isinstance(meta, dict) and isinstance(note, str)
    assert text.endswith(body)
    if not text.startswith("---\n"):
        assert (meta, body, note) == ({}, text, "")


# -- the loader on arbitrary bytes ----------------------------------------------------------------

BYTE_PIECES = [
    b"\xef\xbb\xbf", b"\r\n", b"\r", b"\n\n", b"---\n", b"title: x\n", b"date: 2024-02-30\n",
    b"\x1b[2J", b"\x1b]0;t\x07", b"\x9b", b"\xc2\x9b", b"\x7f", b"\x00", b"\xff", b"\xa3",
    b"# Heading\n", b"By Someone\n", b'{"body": "x"}', b'{"title": 1, "text": "y"}\n',
    b"[", b"]", b"{", b'"', b"word ", b"The News\n\n", b"\t",
]  # fmt: skip
file_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(st.sampled_from(BYTE_PIECES), st.binary(max_size=6)), max_size=30).map(b"".join),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-files")


@FUZZ
@given(data=file_bytes, suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl"]))
@example(data=b"[" * 100_000, suffix=".json")
@example(data=b"---\ndate: 2024-02-30\n---\nx", suffix=".md")
@example(data=b'{"body": "x", "title": ' + b"1" * 5000 + b"}", suffix=".jsonl")
def test_read_file_never_raises_and_blocks_stay_inside_the_body(
    scratch: Path, data: bytes, suffix: str
) -> None:
    name = f"f{suffix}"
    (scratch / name).write_bytes(data)
    with deadline(10):
        loaded = read_file(scratch, name)
        articles = build_articles(loaded)
    assert bool(articles) != any(i.kind == "skipped" for i in loaded.issues)
    for article in articles:
        assert article.id.startswith(name)
        for block in article.blocks:
            assert 0 <= block.start <= block.end <= len(article.body)
            assert article.body[block.start : block.end].strip()
        assert "\x1b" not in article.body and "\x00" not in article.body and "\r" not in article.body
