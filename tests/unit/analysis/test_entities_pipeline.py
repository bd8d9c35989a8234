"""Both passes together: per-article analysis, corpus linking and the entity table."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from search.analysis.budget import NO_DEADLINE
from search.analysis.entities import (
    Entity,
    EntityExtractor,
    Mention,
    RuleExtractor,
    analyse_article,
    analyse_corpus,
    entity_id,
    link_corpus,
    load_user_entities,
)
from search.model import Block

DOCS = [
    ("a1", "Fed chairman Paul Volcker said rates would hold. Volcker spoke in Washington."),
    ("a2", "Traders said Mr Volcker was cautious. The U.S. dollar fell against the yen in Tokyo."),
    ("a3", "Japanese officials in Tokyo said the US and Japan would talk."),
]


def triples(docs: list[tuple[str, str]]) -> list[tuple[str, str, list[Block]]]:
    return [(article_id, text, [Block(0, len(text))]) for article_id, text in docs]


class CountingExtractor:
    """An extractor that records how often it is called (any object with ``extract`` works)."""

    def __init__(self) -> None:
        self.calls = 0
        self._inner = RuleExtractor()

    def extract(self, body: str, blocks: Sequence[Block], deadline: float = NO_DEADLINE) -> list[Mention]:
        self.calls += 1
        return self._inner.extract(body, blocks, deadline)


def test_entity_table_rows() -> None:
    corpus = analyse_corpus(triples(DOCS))
    volcker = corpus.entity("person:paul-volcker")
    assert isinstance(volcker, Entity)
    assert (volcker.name, volcker.label, volcker.mention_count) == ("Paul Volcker", "PERSON", 3)
    assert volcker.article_ids == ("a1", "a2")  # "Mr Volcker" in a2 linked across articles
    assert volcker.aliases == ("Volcker",)
    us = corpus.entity(entity_id("GPE", "United States"))
    assert us is not None and us.article_ids == ("a2", "a3") and set(us.aliases) == {"U.S.", "US"}
    japan = corpus.entity("gpe:japan")
    assert japan is not None and japan.aliases == ("Japanese",)
    counts = [e.mention_count for e in corpus.entities]
    assert counts == sorted(counts, reverse=True)


def test_every_final_mention_has_a_table_row() -> None:
    corpus = analyse_corpus(triples(DOCS))
    for article_id, text, _ in triples(DOCS):
        for m in corpus.mentions[article_id]:
            assert text[m.start : m.end] == m.text
            row = corpus.entity_of(m)
            assert row is not None and article_id in row.article_ids and row.name == m.name


def test_second_pass_reruns_without_extracting_again(tmp_path: Path) -> None:
    extractor = CountingExtractor()
    stored = {
        article_id: analyse_article(text, blocks, extractor) for article_id, text, blocks in triples(DOCS)
    }
    assert extractor.calls == 3
    before = link_corpus(stored)
    user_file = tmp_path / "entities.toml"
    user_file.write_text(
        '[[entity]]\nname = "Paul Volcker"\ndescription = "Fed chairman"\n[ignore]\nnames = ["Tokyo"]\n',
        encoding="utf-8",
    )
    after = link_corpus(stored, load_user_entities(user_file))
    assert extractor.calls == 3
    assert before.entity("gpe:tokyo") is not None and after.entity("gpe:tokyo") is None
    volcker = after.entity("person:paul-volcker")
    assert volcker is not None and volcker.description == "Fed chairman"


def test_changed_article_is_recomputed_alone() -> None:
    stored = {article_id: analyse_article(text, blocks) for article_id, text, blocks in triples(DOCS)}
    text = "Paul Volcker left the Federal Reserve."
    stored["a3"] = analyse_article(text, [Block(0, len(text))])
    corpus = link_corpus(stored)
    assert corpus.entity("gpe:japan") is None
    assert corpus.entity("org:federal-reserve") is not None


def test_default_extractor_knows_the_user_aliases(tmp_path: Path) -> None:
    user_file = tmp_path / "entities.toml"
    user_file.write_text(
        '[[entity]]\nname = "Emperor of Japan"\ntype = "PERSON"\naliases = ["Emperor"]\n', encoding="utf-8"
    )
    docs = triples([("e1", "Trump will meet the Emperor at the Imperial Palace in Tokyo.")])
    assert analyse_corpus(docs).entity("person:emperor-of-japan") is None
    emperor = analyse_corpus(docs, load_user_entities(user_file)).entity("person:emperor-of-japan")
    assert emperor is not None and emperor.aliases == ("Emperor",)


def test_any_extractor_can_be_plugged_in() -> None:
    class OneWord:
        def extract(self, body: str, blocks: Sequence[Block], deadline: float = NO_DEADLINE) -> list[Mention]:
            start = body.index("Tokyo")
            return [Mention(start, start + 5, "Tokyo", "GPE", "Tokyo")]

    extractor: EntityExtractor = OneWord()
    corpus = analyse_corpus(triples(DOCS[1:]), extractor=extractor)
    assert [e.id for e in corpus.entities] == ["gpe:tokyo"]


def test_results_do_not_depend_on_document_order() -> None:
    forward = analyse_corpus(triples(DOCS))
    backward = analyse_corpus(triples(DOCS[::-1]))
    assert forward.entities == backward.entities
    assert forward.mentions == backward.mentions
