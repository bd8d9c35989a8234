"""Quality targets on the two seed articles (body and blocks built here, as the loader would)."""

from __future__ import annotations

import pytest

from search.analysis.entities import CorpusEntities, analyse_corpus, load_user_entities
from search.model import Block
from tests.conftest import BIDEN, SEEDS, TAKAICHI

HEADINGS = ("The News", "Know More", "Notable")
NEVER = (
    "However",
    "Tech",
    "The News",
    "Know More",
    "Notable",
    "Lately",
    "But",
    "Consequently",
    "Subsequently",
)


def seed_doc(name: str) -> tuple[str, str, list[Block]]:
    lines = [line for line in (SEEDS / name).read_text(encoding="utf-8").split("\n") if line.strip()]
    if name == TAKAICHI:
        lines = lines[1:-1]  # the author bio, first and last line, is not body text
    blocks, pos = [], 0
    for line in lines:
        blocks.append(Block(pos, pos + len(line), "heading" if line in HEADINGS else "text"))
        pos += len(line) + 2
    return name, "\n\n".join(lines), blocks


@pytest.fixture(scope="module", params=[False, True], ids=["rules", "with-user-file"])
def corpus(request: pytest.FixtureRequest) -> CorpusEntities:
    user = load_user_entities(SEEDS / "entities.toml") if request.param else None
    return analyse_corpus([seed_doc(TAKAICHI), seed_doc(BIDEN)], user)


def names_in(corpus: CorpusEntities, article: str, surface: str) -> set[str]:
    return {m.name for m in corpus.mentions[article] if m.text == surface}


def test_abe_and_shinzo_abe_are_one_entity(corpus: CorpusEntities) -> None:
    assert names_in(corpus, TAKAICHI, "Abe") == names_in(corpus, TAKAICHI, "Shinzo Abe") == {"Shinzo Abe"}
    abe = corpus.entity("person:shinzo-abe")
    assert abe is not None and abe.mention_count == 2


def test_takaichi_links_to_sanae_takaichi(corpus: CorpusEntities) -> None:
    assert names_in(corpus, TAKAICHI, "Takaichi") == {"Sanae Takaichi"}
    takaichi = corpus.entity("person:sanae-takaichi")
    assert takaichi is not None and takaichi.label == "PERSON" and takaichi.aliases == ("Takaichi",)


def test_us_is_one_entity_in_both_articles(corpus: CorpusEntities) -> None:
    assert names_in(corpus, TAKAICHI, "US") == names_in(corpus, BIDEN, "U.S.") == {"United States"}
    us = corpus.entity("gpe:united-states")
    assert us is not None and us.article_ids == tuple(sorted((TAKAICHI, BIDEN)))
    assert set(us.aliases) == {"US", "U.S."}


@pytest.mark.parametrize("country", ["gpe:japan", "gpe:china"])
def test_japan_and_china_are_in_both_articles(corpus: CorpusEntities, country: str) -> None:
    row = corpus.entity(country)
    assert row is not None and set(row.article_ids) == {TAKAICHI, BIDEN}


def test_people_of_the_biden_article(corpus: CorpusEntities) -> None:
    assert names_in(corpus, BIDEN, "Biden") == {"Joe Biden"}
    assert names_in(corpus, BIDEN, "Kishida") == {"Fumio Kishida"}
    assert names_in(corpus, BIDEN, "Japanese") == {"Japan"}


def test_no_junk_entities(corpus: CorpusEntities) -> None:
    surfaces = {m.text for mentions in corpus.mentions.values() for m in mentions}
    words = {w for s in surfaces for w in s.split()}
    assert not set(NEVER) & (surfaces | words)
    assert all(e.label != "MISC" or e.name in ("Diet",) for e in corpus.entities)


def test_user_file_names_trump_and_the_diet() -> None:
    corpus = analyse_corpus([seed_doc(TAKAICHI)], load_user_entities(SEEDS / "entities.toml"))
    trump = corpus.entity("person:donald-trump")
    assert trump is not None and trump.mention_count == 8 and trump.description
    diet = corpus.entity("org:national-diet")
    assert diet is not None and diet.aliases == ("Diet",)
    assert corpus.entity("person:emperor-of-japan") is not None
    xi = corpus.entity("person:xi-jinping")
    assert xi is not None and "China" in xi.description
