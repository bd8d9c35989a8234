"""Issue 15's named cases of entity types, each on a rule a reader knows: a name seen with a company
form is a company; "X Green" without a given name is a place; "Former" is no part of a name; a name
used as a team is an organisation; and the same rules on ../shared/corpus (skipped when absent)."""

from __future__ import annotations

import re

import pytest

from search.analysis.entities import CorpusEntities, analyse_corpus, entity_id
from search.analysis.entities.types import name_key
from search.model import Block
from tests.benchmarks.bench_entity_labels import linked_corpus
from tests.benchmarks.topic_labels import CORPUS


def corpus_of(*texts: str) -> CorpusEntities:
    return analyse_corpus((f"a{i}", text, [Block(0, len(text))]) for i, text in enumerate(texts))


def label_of(corpus: CorpusEntities, name: str) -> str | None:
    found = [e.label for e in corpus.entities if name_key(e.name) == name_key(name)]
    assert len(found) <= 1, found
    return found[0] if found else None


# -- a name seen with a company form is a company ------------------------------------------


def test_a_company_form_in_the_article_makes_every_mention_a_company() -> None:
    corpus = corpus_of("It sold its stake to Philip Morris Inc on Monday. Philip Morris said it was glad.")
    assert [(m.text, m.label) for m in corpus.mentions["a0"]] == [
        ("Philip Morris Inc", "ORG"),
        ("Philip Morris", "ORG"),
    ]


def test_a_company_form_in_one_article_outweighs_any_number_without_it() -> None:
    corpus = corpus_of(
        "Thirteen of the firms are affiliates of Samsung Co Ltd, the group said.",
        *(
            f"Phones made by Samsung sold well in {city}, dealers said."
            for city in ("York", "Leeds", "Hull", "Bath", "Ely", "Wells")
        ),
        "Samsung unveiled a phone. Samsung said it would sell it in Europe.",
        "The Altria unit Philip Morris now accepts that nicotine is harmful.",
        "Rothmans will sell its stake to Philip Morris Inc, it said.",
    )
    assert (label_of(corpus, "Samsung"), label_of(corpus, "Philip Morris")) == ("ORG", "ORG")


def test_the_end_of_a_longer_name_proves_nothing_about_its_last_word() -> None:
    """ "Alex. Brown Inc" (cut after the abbreviation) does not make Mr Brown a company."""
    corpus = corpus_of(
        "Chancellor Gordon Brown spoke. The singer James Brown sang.",
        "Mr Brown met union leaders on Monday.",
        "The shares were sold through underwriters led by Alex. Brown Inc and others.",
    )
    assert label_of(corpus, "Brown") == "PERSON"


def test_a_town_named_like_its_firm_stays_a_place_where_it_is_one() -> None:
    corpus = corpus_of(
        "MINNETONKA, Minn., April 8 - Minnetonka Inc said it had no talks.",
        "MINNETONKA, Minn., June 1 - Lund Corp said profits rose.",
        "MINNETONKA, Minn., June 2 - Lund Corp said sales rose.",
    )
    assert label_of(corpus, "Minnetonka") == "GPE"


def test_a_firm_named_for_its_partners_is_one_name_up_to_its_company_form() -> None:
    corpus = corpus_of(
        "Underwriters are led by First Boston Corp, Goldman, Sachs and Co and Eberstadt Fleming Inc.",
        "Goldman Sachs said the offer was fair.",
    )
    assert [(m.text, m.name, m.label) for m in corpus.mentions["a0"]] == [
        ("First Boston Corp", "First Boston", "ORG"),
        ("Goldman, Sachs and Co", "Goldman Sachs", "ORG"),
        ("Eberstadt Fleming Inc", "Eberstadt Fleming", "ORG"),
    ]
    goldman = corpus.entity(entity_id("ORG", "Goldman Sachs"))
    assert goldman is not None and goldman.article_ids == ("a0", "a1")


# -- a place named by its kind of ground, or a part of a known place ---------------------------


def labels(text: str) -> dict[str, str]:
    return {m.text: m.label for m in corpus_of(text).mentions["a0"]}


def test_a_green_or_a_beach_after_no_given_name_is_a_place() -> None:
    got = labels(
        "Labour was most at risk in Bethnal Green, in east London. The men are held at Paddington Green "
        "police station. He died in his hotel in Miami Beach, Florida. Philip Green bought the shops. "
        "The club moves to Ashburton Grove, said Elliot Grove."
    )
    assert got == {
        "Labour": "ORG",
        "Bethnal Green": "LOC",
        "London": "GPE",
        "Paddington Green": "LOC",
        "Miami Beach": "LOC",
        "Florida": "GPE",
        "Philip Green": "PERSON",
        "Ashburton Grove": "LOC",
        "Elliot Grove": "PERSON",
    }


def test_a_part_of_a_known_place_is_a_place() -> None:
    got = labels(
        "Fires spread in the Inner Mongolia region, in Western Australia and in the Netherlands Antilles."
    )
    assert (got.get("Inner Mongolia"), got.get("Western Australia")) == ("GPE", "GPE")
    assert "ORG" not in got.values()  # a place and a word no list knows would be a firm: Antilles is known


# -- "Former" is no part of a name -------------------------------------------------------------


def test_former_before_a_name_is_no_part_of_it() -> None:
    got = labels("Former WorldCom boss Bernie Ebbers was jailed. Former Everton striker Joe Royle spoke.")
    assert got == {"WorldCom": "ORG", "Bernie Ebbers": "PERSON", "Everton": "ORG", "Joe Royle": "PERSON"}


# -- a name used as a team is an organisation -----------------------------------------------------


def test_a_place_in_a_side_a_fixture_or_a_plural_verb_make_a_team() -> None:
    got = labels(
        "The Leicester flanker Lewis Moody is fit. Reading will play Leicester v Wasps on Sunday. "
        "Fans were sure that Chelsea were lucky, but Newcastle are not. He admires Arsenal, who have won."
    )
    assert {
        k: got.get(k) for k in ("Leicester", "Wasps", "Chelsea", "Newcastle", "Arsenal")
    } == dict.fromkeys(("Leicester", "Wasps", "Chelsea", "Newcastle", "Arsenal"), "ORG")


def test_a_fixture_is_a_sign_that_a_town_s_other_articles_outweigh() -> None:
    corpus = corpus_of(
        "The fourth round draw gives Derby v Watford or Fulham and Bolton v Arsenal.",
        *(f"Born in Derby, the {job} moved to London in 1960." for job in ("writer", "singer", "actor")),
        "The Bath prop Duncan Bell is fit. Bath v Leicester is on Sunday.",
    )
    assert (label_of(corpus, "Derby"), label_of(corpus, "Bath")) == ("MISC", "ORG")


def test_a_plural_verb_after_a_name_that_opens_no_clause_makes_no_team() -> None:
    got = labels(
        "Yes, the Apple laptop and Sony Walkman are classic gadgets. People already using Communicator "
        "have found it useful. Voters want Congressmen were the words, and Lakers are a team."
    )
    assert "ORG" not in {got.get(k) for k in ("Walkman", "Communicator", "Congressmen", "Lakers")}


# -- the same rules on the real corpus ---------------------------------------------------------


@pytest.fixture(scope="module")
def shared() -> tuple[CorpusEntities, dict[str, str]]:
    """The entities of ../shared/corpus (linked as the index links them) and each article's text."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return linked_corpus(CORPUS)


def test_names_written_with_a_company_form_in_the_shared_corpus_are_companies(
    shared: tuple[CorpusEntities, dict[str, str]],
) -> None:
    corpus, texts = shared
    for name, form in (("Philip Morris", "Philip Morris Inc"), ("Samsung", "Samsung Co Ltd")):
        assert any(form in text for text in texts.values())  # found in the files, not in the output
        entity = corpus.entity(entity_id("ORG", name))
        assert entity is not None and form in entity.aliases
        assert not any(corpus.entity(entity_id(label, name)) for label in ("PERSON", "MISC"))


def test_greens_of_london_in_the_shared_corpus_are_places(
    shared: tuple[CorpusEntities, dict[str, str]],
) -> None:
    corpus, texts = shared
    for name in ("Bethnal Green", "Paddington Green"):
        holders = {aid for aid, text in texts.items() if name in text}
        assert holders  # found in the files
        entity = corpus.entity(entity_id("LOC", name))
        assert entity is not None and set(entity.article_ids) == holders


def test_clubs_of_the_shared_corpus_are_organisations(shared: tuple[CorpusEntities, dict[str, str]]) -> None:
    """The club is one organisation, holding every article that writes it as a club mid-sentence."""
    corpus, texts = shared
    for club in ("Chelsea", "Newcastle", "Leicester", "Arsenal"):
        as_club = re.compile(
            rf"[a-z,] {club} (?:striker|boss|manager|winger|flanker|captain|were|are|have)\b"
        )
        holders = {aid for aid, text in texts.items() if as_club.search(text)}
        assert holders  # found in the files
        entity = corpus.entity(entity_id("ORG", club))
        assert entity is not None and holders <= set(entity.article_ids), holders - set(entity.article_ids)
        assert not any(corpus.entity(entity_id(label, club)) for label in ("MISC", "PERSON", "GPE"))


def test_goldman_sachs_of_the_shared_corpus_is_one_firm(
    shared: tuple[CorpusEntities, dict[str, str]],
) -> None:
    corpus, texts = shared
    named = re.compile(r"\bGoldman,? Sachs(?! [A-Z])")  # not Goldman Sachs International
    holders = {aid for aid, text in texts.items() if named.search(text)}
    assert len(holders) > 20  # found in the files
    entity = corpus.entity(entity_id("ORG", "Goldman Sachs"))
    assert entity is not None and holders <= set(entity.article_ids), holders - set(entity.article_ids)
