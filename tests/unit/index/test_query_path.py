"""The search screen's query path: one walk of a phrase serves its best hits and its exact total,
ranked as Whoosh ranks them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.matching import ArrayUnionMatcher
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from search.index import facet_table, query, wildcards
from search.index.query_syntax import make_parser, parse
from search.library import Library

QUERIES = [
    '"york april"',
    '"april york"',
    '"york april" rain',
    '"york april" -rain',
    "york~ april",
    "york",
    "rain york",
    "york OR rain",
    "yor*",
    "yor* rain",
    "rain OR apr*",
    "yor* -rain",
]


def write_corpus(root: Path, start: int, count: int) -> None:
    """Articles with the phrase "York April" in some titles and bodies, its words apart in others."""
    root.mkdir(exist_ok=True)
    for i in range(start, start + count):
        title = "York April news" if i % 7 == 0 else f"Item {i}"
        if i % 3 == 0:
            body = f"Rain fell in New York April {i} and again."
        elif i % 3 == 1:
            body = f"April came, and York waited {i} days." + (" Rain." if i % 2 else "")
        else:
            body = f"York alone on day {i}; in April, nothing."
        if i >= 40 and i % 4 == 0:  # a word only the second segment has
            body += " A zephyr blew."
        section = "odd" if i % 2 else "even"
        (root / f"a{i:03d}.md").write_text(f'---\ntitle: "{title}"\nsection: {section}\n---\n\n{body}\n')


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("corpus")
    ix = tmp_path_factory.mktemp("ix")
    write_corpus(root, 0, 40)
    library = Library.open(root, index_dir=ix)
    write_corpus(root, 40, 25)  # a second segment
    library.refresh()
    yield library
    library.close()


def with_phrase(lib: Library, *, without: str = "", also: str = "") -> set[str]:
    """The articles whose title or body has the words "York April" next to each other, found by
    scanning the files."""
    found = set()
    for p in lib.corpus_path.glob("*.md"):
        text = p.read_text().lower()
        if not re.search(r"\byork april\b", text):
            continue
        if (without and without in text) or (also and also not in text):
            continue
        found.add(p.stem)
    return found


def test_a_phrase_total_is_every_article_with_the_phrase(lib: Library) -> None:
    ids = {a.id: Path(a.path).stem for a in lib.articles()}
    for text, kwargs in [('"york april"', {}), ('"york april" rain', {"also": "rain"})]:
        result = lib.search(text, limit=3, snippets=0, with_facets=False)
        expected = with_phrase(lib, **kwargs)
        assert len(expected) > 10 and len(result.hits) == 3
        assert result.total == len(expected)
        assert {ids[h.id] for h in lib.search(text, limit=None).hits} == expected
    excluded = lib.search('"york april" -rain', limit=None)
    assert {ids[h.id] for h in excluded.hits} == with_phrase(lib, without="rain")
    assert excluded.total == len(with_phrase(lib, without="rain"))


@pytest.mark.parametrize("text", QUERIES)
def test_the_hits_are_ranked_as_whoosh_ranks_them(lib: Library, text: str) -> None:
    ix = whoosh_index.open_dir(str(lib.index_dir))
    with ix.searcher() as searcher:
        assert len(searcher.subsearchers) == 2
        q, _ = parse(make_parser(ix.schema), text)  # (fuzzy words tamed as the search tames them)
        q, _ = wildcards.bounded(q, searcher.reader())  # (and wildcards bounded)
        every = [(h["id"], round(h.score, 6)) for h in searcher.search(q, limit=None)]
        for limit, offset in [(5, 0), (10, 5), (None, 0)]:
            ours = lib.search(text, limit=limit, offset=offset, snippets=0)
            assert [(h.id, round(h.score, 6)) for h in ours.hits] == every[offset:][:limit]
            assert ours.total == len(every)


def test_a_phrase_is_walked_once_for_the_hits_the_total_and_the_facets(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    walked: list[tuple[str, int]] = []
    original = wq.Phrase.matcher

    def matcher(self: wq.Phrase, searcher: object, context: object = None) -> object:
        walked.append((self.fieldname, id(searcher)))
        return original(self, searcher, context)

    monkeypatch.setattr(wq.Phrase, "matcher", matcher)
    result = lib.search('"april york"', limit=3, snippets=0, with_facets=False)  # as the screen asks
    counts = lib.facet_counts('"april york"')
    assert result.total == 0 and counts == {}
    walked.clear()
    result = lib.search('"york april"', limit=3, snippets=0, with_facets=False)
    counts = lib.facet_counts('"york april"')
    assert walked and len(walked) == len(set(walked))  # each field of each segment once
    found = with_phrase(lib)
    odd = sum(int(stem[1:]) % 2 for stem in found)
    assert result.total == len(found) and dict(counts["section"]) == {"odd": odd, "even": len(found) - odd}


def test_words_in_small_segments_are_unioned_by_a_tree_not_an_array(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    arrays: list[object] = []
    original = ArrayUnionMatcher.__init__
    monkeypatch.setattr(
        ArrayUnionMatcher, "__init__", lambda self, *a, **k: arrays.append(self) or original(self, *a, **k)
    )
    ix = whoosh_index.open_dir(str(lib.index_dir))
    with ix.searcher() as searcher:  # what Whoosh does alone
        searcher.search(make_parser(ix.schema).parse("rain york"), limit=5)
    assert arrays
    arrays.clear()
    result = lib.search("rain york", limit=5, snippets=0)
    texts = [p.read_text().lower() for p in lib.corpus_path.glob("*.md")]
    assert arrays == [] and result.total == sum(
        bool(re.search(r"\brain\b", t) and "york" in t) for t in texts
    )


def test_matchers_are_made_only_in_the_segments_holding_matches(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[tuple[str, int]] = []
    original = wq.Term.matcher

    def matcher(self: wq.Term, searcher: object, context: object = None) -> object:
        made.append((self.text, id(searcher)))
        return original(self, searcher, context)

    monkeypatch.setattr(wq.Term, "matcher", matcher)
    texts = [p.read_text() for p in lib.corpus_path.glob("*.md")]
    result = lib.search("zephyr", limit=3, snippets=0)
    assert result.total == sum("zephyr" in t for t in texts) > 3 and len(result.hits) == 3
    assert len({searcher for _, searcher in made}) == 1  # of two segments
    made.clear()
    assert lib.search("zephyr york", limit=3).total == result.total
    assert len({searcher for _, searcher in made}) == 1
    made.clear()
    assert lib.search("zephyrus").total == 0 and made == []  # in no segment: no matcher at all


def test_a_keystroke_reads_its_query_once_and_its_snippets_from_the_hits_read(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "york rain"
    full = lib.search(text, limit=5)  # (snippets made with the hits)
    read: list[str] = []
    original_parse = query.parse
    monkeypatch.setattr(query, "parse", lambda parser, t: read.append(t) or original_parse(parser, t))
    looked_up: list[object] = []
    for owner, name in ((Searcher, "document_number"), (SegmentReader, "stored_fields")):
        method = getattr(owner, name)
        monkeypatch.setattr(
            owner, name, lambda self, *a, _m=method, **k: looked_up.append(a) or _m(self, *a, **k)
        )
    hits = lib.search(text + " ", limit=5, snippets=0, with_facets=False).hits  # as the screen asks
    shown = lib.snippets(text + " ", [h.id for h in hits])
    lib.facet_counts(text + " ")
    assert read == [text + " "]
    assert len(looked_up) == 5  # the hits' stored fields, read once
    assert shown == {h.id: h.snippets for h in full.hits}


def test_a_wildcard_read_before_a_change_is_read_again_after_it(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 0, 10)
    with Library.open(tmp_path / "corpus", index_dir=tmp_path / "ix") as library:
        assert library.search("zeph*").total == 0
        (tmp_path / "corpus" / "new.md").write_text('---\ntitle: "New"\n---\n\nA zephyr blew.\n')
        library.refresh()
        assert [h.title for h in library.search("zeph*").hits] == ["New"]


def test_facets_of_few_rows_are_counted_by_row_as_value_by_value(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = whoosh_index.open_dir(str(lib.index_dir))
    with ix.searcher() as searcher:
        some = range(0, searcher.doc_count_all(), 3)
        counts = []
        for few in (facet_table.FEW_ROWS, 0):  # by row; value by value
            monkeypatch.setattr(facet_table, "FEW_ROWS", few)
            table = facet_table.FacetTable(searcher.reader())
            assert bool(table._few) == bool(few)
            counts.append(table.count(some))
        sections = [str(searcher.stored_fields(d)["section"]) for d in some]
    assert counts[0] == counts[1]
    assert dict(counts[0]["section"]) == {s: sections.count(s) for s in set(sections)}
