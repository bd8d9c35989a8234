"""What a query means, on a small corpus this test writes: which articles each query finds.

Three kinds of article: with "zebra" only, "quokka" only, both, plus one with neither. The
expected totals are counted by hand from the corpus below, never taken from a search.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from search.index.query import ANY_WORD_NOTICE
from search.library import Library
from search.model import SearchResult

# (file name, source, year, section, body): a = zebra, b = quokka
ARTICLES = [
    ("a1", "Alpha Wire", "2001", "news", "The zebra crossed the plain at dawn."),
    ("a2", "Alpha Wire", "2002", "sport", "A zebra won the race, and then a zebra lost it."),
    ("a3", "Beta Post", "2001", "news", "Zebras and lions share the water hole."),
    ("b1", "Beta Post", "2002", "news", "A quokka smiled for the camera."),
    ("b2", "Alpha Wire", "2001", "sport", "The quokka population is rising on the island."),
    ("ab1", "Alpha Wire", "2001", "news", "Zebra meets quokka: an unlikely friendship."),
    ("ab2", "Beta Post", "2002", "news", "The quokka and the zebra were filmed together."),
    ("ab3", "Beta Post", "2001", "sport", "Quokkas outnumber zebras in this zoo."),
    ("ab4", "Alpha Wire", "2002", "news", "A zebra, a quokka and a keeper walk into a bar."),
    ("none", "Beta Post", "2001", "news", "Nothing about animals here, only budgets and taxes."),
]
A = {"a1", "a2", "a3", "ab1", "ab2", "ab3", "ab4"}
B = {"b1", "b2", "ab1", "ab2", "ab3", "ab4"}
ALL = {name for name, *_ in ARTICLES}
META = {name: (source, year, section) for name, source, year, section, _ in ARTICLES}


def write_animals(corpus: Path) -> Path:
    corpus.mkdir(exist_ok=True)
    for name, source, year, section, body in ARTICLES:
        front = f'title: "Report {name}"\nsource: "{source}"\ndate: "{year}-03-01"\nsection: "{section}"'
        (corpus / f"{name}.md").write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory):
    corpus = write_animals(tmp_path_factory.mktemp("animals"))
    library = Library.open(corpus, index_dir=tmp_path_factory.mktemp("ix"))
    yield library
    library.close()


def found(lib: Library, text: str) -> set[str]:
    result = lib.search(text, limit=None)
    assert result.total == len(result.hits)
    return {Path(h.id).stem for h in result.hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zebra quokka", A & B),
        ("zebra AND quokka", A & B),
        ("+zebra quokka", A & B),
        ("zebra OR quokka", A | B),
        ("zebra NOT quokka", A - B),
        ("zebra AND NOT quokka", A - B),
        ("-quokka zebra", A - B),
        ("zebra -quokka", A - B),
        ("-quokka", ALL - B),
        ("NOT zebra", ALL - A),
        ("(zebra OR quokka) -zebra", B - A),
        ("quokka (zebra OR budgets)", B & A),
        ('"zebra meets quokka"', {"ab1"}),
    ],
)
def test_words_are_anded_and_operators_combine(lib: Library, text: str, expected: set[str]) -> None:
    assert found(lib, text) == expected
    assert (lib.search(text).query, lib.search(text).notice) == (text, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zebro~1", A),  # one letter off "zebra" (the stem of "Zebras" too)
        ("zebro~1/9", set()),  # its first letters as typed, here all five: no word starts "zebro"
        ("quokka~1/9 zebra", A & B),  # "quokka" as typed, one more letter at most
    ],
)
def test_a_fuzzy_word_keeps_as_typed_at_most_its_own_letters(
    lib: Library, text: str, expected: set[str]
) -> None:
    assert found(lib, text) == expected
    assert lib.search(text).notice == ""


def test_a_hit_says_where_it_comes_from(lib: Library) -> None:
    [hit] = lib.search("zebra meets quokka").hits
    source, year, section = META["ab1"]
    expected = ("ab1.md", "ab1.md", "Report ab1", source, f"{year}-03-01", section)
    assert (hit.id, hit.path, hit.title, hit.source, hit.date, hit.section) == expected


def by(field: int, value: str) -> set[str]:
    return {name for name, meta in META.items() if meta[field] == value}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('zebra source:"Beta Post"', A & by(0, "Beta Post")),
        ("zebra year:2001", A & by(1, "2001")),
        ("quokka section:sport", B & by(2, "sport")),
        ("zebra quokka year:2002", A & B & by(1, "2002")),
        ("year:2001 section:news", by(1, "2001") & by(2, "news")),
        ("(zebra OR quokka) year:2002 -section:news", (A | B) & by(1, "2002") - by(2, "news")),
        ("zebra -year:2001", A - by(1, "2001")),
    ],
)
def test_field_filters_narrow(lib: Library, text: str, expected: set[str]) -> None:
    assert found(lib, text) == expected


def test_facet_filters_narrow_the_words_too(lib: Library) -> None:
    result = lib.search("zebra", limit=None, filters={"year": "2002", "section": "news"})
    assert {Path(h.id).stem for h in result.hits} == A & by(1, "2002") & by(2, "news")


def test_when_no_article_has_every_word_the_any_word_results_come_with_a_notice(lib: Library) -> None:
    result = lib.search("zebra budgets quokka", limit=None)
    assert {Path(h.id).stem for h in result.hits} == A | B | {"none"}
    assert (result.query, result.notice) == ("zebra budgets quokka", ANY_WORD_NOTICE)
    # a filter still narrows the any-word results, an exclusion still excludes
    assert found(lib, "zebra budgets year:2002") == (A | {"none"}) & by(1, "2002")
    assert found(lib, "zebra budgets -quokka") == (A | {"none"}) - B
    assert found(lib, "zebra giraffe") == A
    # one word has nothing to widen to, nor words no article has
    assert (lib.search("giraffe").total, lib.search("giraffe").notice) == (0, "")
    assert (lib.search("giraffe okapi").total, lib.search("giraffe okapi").notice) == (0, "")


def test_the_words_that_match_best_rank_first(lib: Library) -> None:
    hits = lib.search("zebra").hits
    assert Path(hits[0].id).stem == "a2"  # the one article that says "zebra" twice
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].score > hits[-1].score > 0


def test_every_match_is_reachable_a_page_at_a_time(lib: Library) -> None:
    everything = [h.id for h in lib.search("zebra OR quokka", limit=None).hits]
    pages = [
        h.id for offset in range(0, 9, 4) for h in lib.search("zebra OR quokka", limit=4, offset=offset).hits
    ]
    assert pages == everything
    assert len(everything) == len(A | B)
    assert lib.search("zebra OR quokka", limit=4, offset=40).hits == []


def test_a_filters_only_query_ranks_by_mentions_of_the_entity(tmp_path: Path) -> None:
    counts = {"one": 1, "three": 3, "two": 2}  # how often each article names him
    corpus = tmp_path / "council"
    corpus.mkdir()
    for name, n in counts.items():
        sentences = " ".join(["Harold Pemberton spoke to the council again."] * n)
        (corpus / f"{name}.txt").write_text(
            f"Council news {name}\n\n{sentences} The end.\n", encoding="utf-8"
        )
    with Library.open(corpus, index_dir=tmp_path / "ix") as lib:
        for text, filters in [
            ('entity:"Harold Pemberton"', None),
            ("", {"entity": "Harold Pemberton"}),  # the facet filter, one value or a list
            ("", {"entity": ["Harold Pemberton"]}),
        ]:
            result = lib.search(text, filters=filters)
            assert [Path(h.id).stem for h in result.hits] == ["three", "two", "one"]
            assert [h.score for h in result.hits] == [3.0, 2.0, 1.0]


def test_the_cli_lists_every_match_with_limit_0(lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    corpus = str(lib.corpus_path)
    assert main(["search", "zebra OR quokka", "--corpus", corpus, "--limit", "0", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {Path(h["id"]).stem for h in listed} == A | B
    assert main(["search", "zebra -quokka", "--corpus", corpus, "--limit", "1"]) == 0
    assert f"{len(A - B)} article(s) match; best 1:" in capsys.readouterr().out
    assert main(["search", "quoka", "--corpus", corpus]) == 0
    assert capsys.readouterr().out == "no articles match 'quoka'\ndid you mean: quokka\n"


def sections_of(names: set[str]) -> dict[str, int]:
    return dict(Counter(META[n][2] for n in names))


def stems(result: SearchResult) -> list[str]:
    return [Path(h.id).stem for h in result.hits]


@pytest.mark.parametrize(
    ("text", "filters", "expected"),
    [
        ("year:2001", None, by(1, "2001")),
        ("", {"year": "2001"}, by(1, "2001")),
        ("", {"year": ["2001"], "section": "sport"}, by(1, "2001") & by(2, "sport")),
    ],
)
def test_a_filters_only_query_is_paged_and_counted(
    lib: Library, text: str, filters: dict | None, expected: set[str]
) -> None:
    whole = lib.search(text, limit=None, filters=filters)
    assert (whole.query, set(stems(whole)), whole.total, whole.notice) == (text, expected, len(expected), "")
    assert dict(whole.facets["section"]) == sections_of(expected)
    offsets = range(0, len(expected), 2)
    pages = [lib.search(text, limit=2, offset=offset, filters=filters) for offset in offsets]
    assert [len(p.hits) for p in pages] == [min(2, len(expected) - o) for o in offsets]
    assert [n for p in pages for n in stems(p)] == stems(whole)
    assert all(p.total == len(expected) for p in pages)
    # no words to mark: a snippet is the start of the article, unmarked; none when asked for none
    bodies = {name: body for name, *_, body in ARTICLES}
    assert [(s.text, s.highlights) for h in whole.hits for s in h.snippets] == [
        (bodies[n], ()) for n in stems(whole)
    ]
    bare = lib.search(text, limit=None, filters=filters, snippets=0, with_facets=False)
    assert (stems(bare), bare.facets) == (stems(whole), {})
    assert all(h.snippets == () for h in bare.hits)
    assert lib.snippets(text, [h.id for h in bare.hits]) == {h.id: h.snippets for h in whole.hits}


def test_facet_counts_alone_count_what_the_search_finds(lib: Library) -> None:
    cases = [
        ("zebra", {"year": "2002"}, A & by(1, "2002")),
        ("", {"year": "2002"}, by(1, "2002")),
        ("year:2002", None, by(1, "2002")),
        ("zebra budgets quokka", None, A | B | {"none"}),  # no article has all: those with any
        ("zebra budgets quokka", {"year": "2002"}, (A | B | {"none"}) & by(1, "2002")),
    ]
    for text, filters, expected in cases:
        counts = lib.facet_counts(text, filters)
        assert dict(counts["section"]) == sections_of(expected), text
        assert counts == lib.search(text, filters=filters).facets
    assert lib.facet_counts("") == {}
    assert lib.facet_counts("giraffe") == {}


def test_an_entity_is_found_and_counted_under_every_name_it_goes_by(tmp_path: Path) -> None:
    corpus = tmp_path / "council"
    corpus.mkdir()
    bodies = {
        "full": "Harold Pemberton spoke to the council. Pemberton said the budget was fine.",
        "surname": "The council met on Monday. Mr Pemberton said nothing, and Pemberton left early.",
        "neither": "The council met without him.",
    }
    for name, body in bodies.items():
        (corpus / f"{name}.txt").write_text(f"Council news {name}\n\n{body}\n", encoding="utf-8")
    named = {"full", "surname"}  # "Mr Pemberton" is the Harold Pemberton of the other article
    with Library.open(corpus, index_dir=tmp_path / "ix") as lib:
        him = {"entity": "Harold Pemberton"}
        for text, filters, expected in [
            ('entity:"Harold Pemberton"', None, named),
            ('council entity:"Harold Pemberton"', None, named),
            ('council -entity:"Harold Pemberton"', None, set(bodies) - named),
            ("council", None, set(bodies)),
            ("council", him, named),  # the facet filter too
            ("", him, named),
        ]:
            result = lib.search(text, filters=filters)
            assert (set(stems(result)), result.total) == (expected, len(expected)), text
            people = [("Harold Pemberton", len(expected & named))] if expected & named else []
            assert result.facets.get("entity", []) == people, text
            assert lib.facet_counts(text, filters).get("entity", []) == people, text


def test_a_query_with_nothing_to_search_finds_nothing_and_says_why(lib: Library) -> None:
    unread = "Could not read that as a query; searched for the plain words."
    unbalanced = "Unbalanced quotes or brackets; searched for what could be read."
    assert lib.search("") == SearchResult("", [], 0)
    assert lib.search("AND") == SearchResult("AND", [], 0, unread)
    assert lib.search("(") == SearchResult("(", [], 0, unbalanced)


def test_a_search_during_an_update_answers_without_a_suggestion(tmp_path: Path) -> None:
    corpus = write_animals(tmp_path / "animals")
    with Library.open(corpus, index_dir=tmp_path / "ix") as lib:  # (nothing searched yet: no links read)
        (corpus / "b3.md").write_text('---\ntitle: "Report b3"\n---\n\nA quokka again.\n', encoding="utf-8")
        during: list[SearchResult] = []
        lib.refresh(progress=lambda done, total: during.append(lib.search("quokka OR quoka", limit=None)))
        assert during and all(r.suggestion == "" for r in during)
        assert {Path(h.id).stem for h in during[0].hits} == B  # the index as it was
        after = lib.search("quokka OR quoka", limit=None)
        assert ({Path(h.id).stem for h in after.hits}, after.suggestion) == (B | {"b3"}, "quokka OR quokka")
