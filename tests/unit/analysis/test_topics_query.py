"""Topics as Whoosh queries over a small in-memory index, and topic assignment."""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemmingAnalyzer, StopFilter
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index
from whoosh.query import And, NullQuery, Or, Phrase, Query, Term

from search.analysis.topics.query import keyword_queries, topic_query
from search.analysis.topics.taxonomy import Topic
from tests.unit.analysis.topic_fixtures import OIL, TARIFFS


def stemming_schema() -> Schema:
    analyzer = StemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=analyzer, stored=True),
        body=TEXT(analyzer=analyzer, stored=True),
    )


def make_index(schema: Schema, docs: list[dict[str, str]]) -> Index:
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        for doc in docs:
            writer.add_document(**doc)
    return index


def leaves(query: Query) -> set[tuple[str, str, tuple[str, ...], float]]:
    """(kind, field, words, boost) of every leaf, for comparing query shapes."""
    found = set()
    for leaf in query.leaves():
        if isinstance(leaf, Phrase):
            found.add(("phrase", leaf.fieldname, tuple(leaf.words), leaf.boost))
        else:
            assert isinstance(leaf, Term)
            found.add(("term", leaf.fieldname, (leaf.text,), leaf.boost))
    return found


def test_single_words_become_analysed_terms_and_phrases_become_phrases() -> None:
    query = topic_query(TARIFFS, stemming_schema())
    assert isinstance(query, Or)
    assert leaves(query) == {
        ("term", "title", ("tariff",), 2.0),
        ("term", "body", ("tariff",), 2.0),
        ("phrase", "title", ("import", "duti"), 1.5),
        ("phrase", "body", ("import", "duti"), 1.5),
        ("term", "title", ("custom",), 1.0),
        ("term", "body", ("custom",), 1.0),
    }


def test_fieldnames_choose_the_fields() -> None:
    query = topic_query(TARIFFS, stemming_schema(), fieldnames=("body",))
    assert {field for _, field, _, _ in leaves(query)} == {"body"}


def test_keywords_that_analyse_alike_share_one_query_at_the_top_weight() -> None:
    topic = Topic("t", "T", keywords=(("tariff", 1.0), ("Tariffs", 3.0), ("the", 5.0)))
    kqs = keyword_queries(topic, stemming_schema(), fieldnames=("body",))
    assert [(kq.phrase, kq.weight) for kq in kqs] == [("tariff", 3.0)]
    assert kqs[0].query == Term("body", "tariff", boost=3.0)


def test_topic_without_usable_keywords_is_a_null_query() -> None:
    stop_words_only = Topic("t", "T", keywords=(("the", 1.0), ("of", 1.0)))
    assert topic_query(stop_words_only, stemming_schema()) is NullQuery
    assert topic_query(Topic("t", "T"), stemming_schema()) is NullQuery


def test_phrase_slop_spans_stop_word_gaps_of_a_non_renumbering_analyzer() -> None:
    analyzer = RegexTokenizer() | LowercaseFilter() | StopFilter(renumber=False)
    schema = Schema(id=ID(stored=True), body=TEXT(analyzer=analyzer))
    topic = Topic("law.rule", "Rule of law", keywords=(("rule of law", 1.0),))
    query = topic_query(topic, schema, fieldnames=("body",))
    assert query == Phrase("body", ["rule", "law"], slop=2)
    docs = [{"id": "a", "body": "They defend the rule of law."}, {"id": "b", "body": "law rule"}]
    index = make_index(schema, docs)
    with index.searcher() as searcher:
        assert [hit["id"] for hit in searcher.search(query)] == ["a"]


def test_field_without_positions_gets_an_and_of_terms() -> None:
    schema = Schema(id=ID(stored=True), body=TEXT(analyzer=StemmingAnalyzer(), phrase=False))
    query = topic_query(OIL, schema, fieldnames=("body",))
    assert isinstance(query, Or)
    assert And([Term("body", "crude"), Term("body", "oil")], boost=2.0) in query.subqueries


def test_topic_query_finds_matching_documents_and_weights_rank_them() -> None:
    index = make_index(
        stemming_schema(),
        [
            {"id": "duties", "title": "Trade", "body": "New import duties for cars."},
            {"id": "tariff", "title": "Trade", "body": "New tariff rules for cars."},
            {"id": "customs", "title": "Trade", "body": "New customs rules for cars."},
            {"id": "words", "title": "Trade", "body": "Duties of importers, not import taxes."},
            {"id": "oil", "title": "Energy", "body": "Crude oil rose."},
        ],
    )
    with index.searcher() as searcher:
        hits = [hit["id"] for hit in searcher.search(topic_query(TARIFFS, index.schema))]
    assert set(hits) == {"duties", "tariff", "customs"}
    # Same length, same rarity: the keyword of weight 2.0 outranks the one of weight 1.0.
    assert hits.index("tariff") < hits.index("customs")
