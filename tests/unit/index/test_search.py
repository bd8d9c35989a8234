from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.index import matches
from search.library import Library
from tests.conftest import BIDEN, SEEDS, TAKAICHI


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory):
    library = Library.open(SEEDS, index_dir=tmp_path_factory.mktemp("ix"))
    yield library
    library.close()


def highlighted(hit) -> list[str]:
    return [s.text[a:b] for s in hit.snippets for a, b in s.highlights]


def test_abe_ranks_the_takaichi_article_first_with_abe_highlighted(lib: Library) -> None:
    result = lib.search("abe")
    assert result.hits[0].id == TAKAICHI
    assert "Abe" in highlighted(result.hits[0])


def test_british_spelling_finds_american_text(lib: Library) -> None:
    hits = lib.search("defence").hits
    assert {h.id for h in hits} == {TAKAICHI, BIDEN}
    assert all("defense" in highlighted(h) for h in hits)


def test_query_language(lib: Library) -> None:
    assert [h.id for h in lib.search('"missile defense"').hits] == [BIDEN]
    assert [h.id for h in lib.search("trump AND NOT kishida").hits] == [TAKAICHI]
    assert [h.id for h in lib.search("title:partnership").hits] == [BIDEN]
    assert [h.id for h in lib.search("tomahaw*").hits] == [TAKAICHI]
    assert [h.id for h in lib.search("kishda~").hits] == [BIDEN]
    assert {h.id for h in lib.search("U.S.").hits} == {TAKAICHI, BIDEN}


def test_title_highlights_are_spans_into_the_title(lib: Library) -> None:
    hit = lib.search("partnership").hits[0]
    assert [hit.title[a:b] for a, b in hit.title_highlights] == ["partnership"]


def test_unparseable_queries_explain_instead_of_raising(lib: Library) -> None:
    result = lib.search('"missile defense')
    assert result.notice.startswith("Unbalanced")
    assert result.hits
    assert lib.search("AND").hits == []
    assert lib.search("").hits == []


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_query_string_never_raises(lib: Library, text: str) -> None:
    result = lib.search(text)
    for hit in result.hits:
        for snippet in hit.snippets:
            assert all(0 <= a < b <= len(snippet.text) for a, b in snippet.highlights)


def test_facets_count_the_whole_result_set_and_filters_narrow_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, (source, section, date) in enumerate(
        [("Wire", "grain; wheat", "1987-04-01"), ("Wire", "grain", "1988-01-01"), ("Daily", "", "")]
    ):
        (corpus / f"a{i}.md").write_text(
            f'---\ntitle: "Harvest {i}"\nsource: "{source}"\nsection: "{section}"\ndate: "{date}"\n---\n\n'
            "The harvest report.\n"
        )
    with Library.open(corpus, index_dir=tmp_path / "ix") as lib:
        result = lib.search("harvest")
        assert result.total == 3
        assert dict(result.facets["source"]) == {"Wire": 2, "Daily": 1}
        assert dict(result.facets["section"]) == {"grain": 2, "wheat": 1}
        assert dict(result.facets["year"]) == {"1987": 1, "1988": 1}
        narrowed = lib.search("harvest", filters={"source": "Wire", "section": "wheat"})
        assert [h.id for h in narrowed.hits] == ["a0.md"] and narrowed.total == 1
        assert lib.search("", filters={"year": "1988"}).total == 1


def test_did_you_mean_replaces_only_unknown_words(lib: Library) -> None:
    assert lib.search("tomahwk").suggestion == "tomahawk"
    assert lib.search('"misile defense" AND kishida').suggestion == '"missile defense" AND kishida'
    assert lib.search("missile").suggestion == ""
    assert lib.search("missile ANDNOT kishda").suggestion == "missile ANDNOT kishida"  # (not "and")


def test_a_phrase_is_marked_only_where_it_stands_whole(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Missile tests and the Bank of Japan.\n\n"
        "The missile tests went ahead while the defence ministry spoke about the budget. "
        "Later the new missile defence shield was shown to the press, and the Bank of Japan "
        "said nothing about Japan or its bank."
    )
    with Library.open(corpus, index_dir=tmp_path / "ix") as library:
        [hit] = library.search('"missile defense"').hits  # (American spelling finds British)
        assert set(highlighted(hit)) == {"missile defence"}
        [hit] = library.search('"bank of japan"').hits
        assert set(highlighted(hit)) == {"Bank of Japan"}  # one mark, the stop word inside it too
        assert [hit.title[a:b] for a, b in hit.title_highlights] == ["Bank of Japan"]
        [hit] = library.search('"bank of japan" bank').hits  # "bank" alone too: every bank
        assert "bank" in highlighted(hit) and "Bank of Japan" in highlighted(hit)
        [hit] = library.search("missile defence").hits  # words, not a phrase: each word
        assert {"missile defence", "defence"} <= set(highlighted(hit))


def test_facet_counts_alone_are_those_of_the_search(lib: Library) -> None:
    cases = [("japan", None), ("defence OR trump", {"entity": ["Japan"]}), ("", {"source": ["x"]})]
    for text, filters in cases:
        whole = lib.search(text, filters=filters)
        assert lib.facet_counts(text, filters) == whole.facets
        assert lib.search(text, filters=filters, with_facets=False) == replace(whole, facets={})
    assert lib.search("japan").facets["entity"]  # (not all empty)


@pytest.mark.parametrize(
    "text",
    [
        "abe",
        "defence",
        '"missile defense"',
        "trump -kishida",
        "tomahaw*",
        "kishda~",
        "abe OR biden",
        "abe zzzunknown",
        "title:partnership",
        "U.S.",
        'source:"Reuters"',
    ],
)
def test_snippets_asked_apart_are_those_the_search_gives(lib: Library, text: str) -> None:
    full = lib.search(text, limit=None)
    bare = lib.search(text, limit=None, snippets=0)
    assert [h.id for h in bare.hits] == [h.id for h in full.hits]
    assert all(h.snippets == () for h in bare.hits)
    assert [h.title_highlights for h in bare.hits] == [h.title_highlights for h in full.hits]
    apart = lib.snippets(text, [h.id for h in reversed(bare.hits)] + ["no-such-id"])
    assert apart == {h.id: h.snippets for h in full.hits}


def test_one_collection_serves_the_total_and_the_facets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sections = ["grain", "oil", "grain; oil", "money"]
    for i in range(40):
        words = ("harvest " if i % 3 else "") + ("storm " if i % 4 == 0 else "") + "report"
        (corpus / f"a{i:02d}.md").write_text(
            f'---\ntitle: "Item {i}"\nsection: "{sections[i % 4]}"\n---\n\nThe {words} of day {i}.\n'
        )
    texts = {p.name: p.read_text() for p in corpus.iterdir()}
    collected = []
    original = matches._collect
    monkeypatch.setattr(matches, "_collect", lambda *a: collected.append(a[1]) or original(*a))
    with Library.open(corpus, index_dir=tmp_path / "ix") as lib:
        for text, wanted in [("harvest", ["harvest"]), ("harvest storm", ["harvest", "storm"])]:
            collected.clear()
            result = lib.search(text, limit=5, snippets=0, with_facets=False)  # as the screen asks
            counts = lib.facet_counts(text)
            assert len(collected) == 1
            found = [n for n, t in texts.items() if all(f"{w} " in t for w in wanted)]
            assert result.total == len(found) and len(result.hits) == 5
            expected = Counter(s.strip() for n in found for s in sections[int(n[1:3]) % 4].split(";"))
            assert dict(counts["section"]) == dict(expected)
