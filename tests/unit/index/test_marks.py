"""What is marked for a query: in the reader (``Library.match_spans``) and in the result list's
snippets (``Library.search`` and ``Library.snippets``, which a screen asks for apart).

The expected spans are found in the body by the test itself (plain ``str.find``), never taken from
the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from search.library import Library
from search.model import Article, Snippet

BODY = (
    "The zebras and the quokka met near the news desk. Later the zebra crossing by the Bank of "
    "Japan was shown, and a bank said Japan was calm. Quokkas smiled at Alpha Wire. The zoo keeper left. "
    "The zoo report said more. The new "
    "zebra crossing"  # a phrase at the very end of the body
)


def at(word: str, nth: int = 0) -> tuple[int, int]:
    """The span of the ``nth`` occurrence of ``word`` in BODY."""
    start = -1
    for _ in range(nth + 1):
        start = BODY.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory):
    corpus = tmp_path_factory.mktemp("zoo")
    front = 'title: "Zoo report"\nsource: "Alpha Wire"\nsection: "news"'
    (corpus / "zoo.md").write_text(f"---\n{front}\n---\n\n{BODY}\n", encoding="utf-8")
    library = Library.open(corpus, index_dir=tmp_path_factory.mktemp("ix"))
    yield library
    library.close()


@pytest.fixture(scope="module")
def article(lib: Library) -> Article:
    found = lib.article("zoo.md")
    assert found is not None and found.body.strip() == BODY
    return found


def marked(lib: Library, article: Article, text: str) -> list[str]:
    return [article.body[a:b] for a, b in lib.match_spans(text, article)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every form of the word, in body order
        ("zebra", [at("zebras"), at("zebra", 1), at("zebra", 2)]),
        ("quokka", [at("quokka"), at("Quokkas")]),
        ("zeb*", [at("zebras"), at("zebra", 1), at("zebra", 2)]),
        ("quoka~", [at("quokka"), at("Quokkas")]),
        ("quokka~1/9 zebra", [at("zebras"), at("quokka"), at("zebra", 1), at("Quokkas"), at("zebra", 2)]),
        ("title:quokka", [at("quokka"), at("Quokkas")]),  # a word of the title, headings or body
        # a phrase only where it stands whole, stop word and all
        ('"bank of japan"', [at("Bank of Japan")]),
        ('"bank of japan" bank', [at("Bank of Japan"), at("bank")]),
        # a word inside its phrase marks the phrase once; the last words of the body are reached
        ('"zebra crossing" zebra', [at("zebras"), at("zebra crossing"), at("zebra crossing", 1)]),
        ("zebra crossing", [at("zebras"), at("zebra", 1), at("crossing"), at("zebra", 2), at("crossing", 1)]),
        # words the query excludes are not what it looks for
        ("zebra -quokka", [at("zebras"), at("zebra", 1), at("zebra", 2)]),
        ("zebra NOT quokka", [at("zebras"), at("zebra", 1), at("zebra", 2)]),
        ("zebra ANDNOT quokka", [at("zebras"), at("zebra", 1), at("zebra", 2)]),
        ('zebra -"bank of japan"', [at("zebras"), at("zebra", 1), at("zebra", 2)]),
        # other fields are not words of the text
        ('source:"Alpha Wire"', []),
        ("section:news", []),
        ("", []),
        ("AND", []),
        ("giraffe", []),
    ],
)
def test_the_reader_marks_where_the_query_matches(
    lib: Library, article: Article, text: str, expected: list[tuple[int, int]]
) -> None:
    assert lib.match_spans(text, article) == expected


def test_a_phrase_needs_all_its_words_in_order(lib: Library, article: Article) -> None:
    assert marked(lib, article, '"japan bank"') == []
    assert marked(lib, article, '"bank said japan"') == ["bank said Japan"]
    assert marked(lib, article, '"crossing zebra"') == []


def highlighted(snippets: tuple[Snippet, ...]) -> set[str]:
    return {s.text[a:b] for s in snippets for a, b in s.highlights}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"bank of japan"', {"Bank of Japan"}),
        ('"bank of japan" bank', {"Bank of Japan", "bank"}),
        ('"zebra crossing" zebra', {"zebras", "zebra crossing"}),
        ('title:"zoo report"', set()),  # words of the title are not marked in the body
        ('"zoo report" title:zoo', {"zoo report"}),  # (nor where a phrase of the body has them)
        ("body:[quokka TO zebra]", None),  # a range of words: as many as the search marks
        ("quoka~", {"quokka", "Quokkas"}),
    ],
)
def test_snippets_mark_the_query_and_are_the_same_asked_apart(
    lib: Library, text: str, expected: set[str] | None
) -> None:
    [hit] = lib.search(text).hits
    if expected is None:
        assert highlighted(hit.snippets)
    else:
        assert highlighted(hit.snippets) == expected
    assert lib.snippets(text, [hit.id]) == {hit.id: hit.snippets}


def test_snippets_asked_for_before_any_search_mark_the_words(tmp_path: Path) -> None:
    """A row's snippets can be asked for on their own (a fresh library: no search read the query)."""
    corpus = tmp_path / "zoo"
    corpus.mkdir()
    (corpus / "zoo.md").write_text(f'---\ntitle: "Zoo report"\n---\n\n{BODY}\n', encoding="utf-8")
    with Library.open(corpus, index_dir=tmp_path / "ix") as fresh:
        assert highlighted(fresh.snippets("keeper", ["zoo.md"])["zoo.md"]) == {"keeper"}
