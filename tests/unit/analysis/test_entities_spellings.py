"""Spelling variants of one name merge across articles; people and the user's names do not."""

from __future__ import annotations

from pathlib import Path

from search.analysis.entities import analyse_corpus, load_user_entities
from search.analysis.entities.spellings import spelling_map
from search.model import Block

DOCS = [
    ("a1", "Oil output at Yuganskneftegas fell again, the Russian company said on Monday."),
    ("a2", "The auction of Yuganskneftegaz was held in Moscow, officials said."),
    ("a3", "Yuganskneftegas pumps about a million barrels a day, the ministry said."),
    ("a4", "Shares of Eurostar and Eurostat were not traded, a statement from Kensington said."),
]


def triples(docs: list[tuple[str, str]]) -> list[tuple[str, str, list[Block]]]:
    return [(aid, text, [Block(0, len(text))]) for aid, text in docs]


def names(corpus_docs: list[tuple[str, str]], user_file: Path | None = None) -> set[str]:
    user = load_user_entities(user_file) if user_file else None
    return {e.name for e in analyse_corpus(triples(corpus_docs), user).entities}


def test_one_letter_apart_long_names_are_one_entity() -> None:
    found = names(DOCS)
    assert "Yuganskneftegas" in found and "Yuganskneftegaz" not in found
    corpus = analyse_corpus(triples(DOCS))
    assert [m.name for m in corpus.mentions["a2"] if m.text == "Yuganskneftegaz"] == ["Yuganskneftegas"]


def test_short_names_and_people_stay_apart() -> None:
    counts = {("ORG", "Eurostar"): 2, ("ORG", "Eurostat"): 1, ("PERSON", "Fernandesson"): 3}
    counts |= {("PERSON", "Fernandezson"): 1}
    assert spelling_map(counts, set()) == {}


def test_the_user_splits_a_merge_by_listing_the_name(tmp_path: Path) -> None:
    user_file = tmp_path / "entities.toml"
    user_file.write_text('[[entity]]\nname = "Yuganskneftegaz"\ntype = "ORG"\n', encoding="utf-8")
    assert {"Yuganskneftegas", "Yuganskneftegaz"} <= names(DOCS, user_file)


def test_sounds_alike_merge_and_other_sounds_stay_apart() -> None:
    counts = {("GPE", "Broomfield"): 1, ("GPE", "Brookfield"): 2, ("ORG", "Generation"): 1}
    counts |= {("ORG", "Genemation"): 1, ("ORG", "Internazionale"): 2, ("ORG", "Internationale"): 1}
    counts |= {("ORG", "Kazakhmunaigas"): 3, ("ORG", "Kazakhmuniagas"): 1, ("ORG", "Kazakhmunaigaz"): 1}
    assert spelling_map(counts, set()) == {
        "internationale": "Internazionale",
        "kazakhmuniagas": "Kazakhmunaigas",  # two letters swapped
        "kazakhmunaigaz": "Kazakhmunaigas",
    }


SHORT = [
    ("s1", "Oil output at Yuganskneftegaz fell. Output at Yugansk was a million barrels a day."),
    ("s2", "The auction of Yugansk was held in Moscow, officials said."),
    ("s3", "The sale of Yuganskneftegas was on Sunday, the Russian government said."),
    ("s4", "Traffic in Jacksonville was heavy on Monday. In Jackson it was light, police said."),
]


def test_a_short_form_merges_into_the_long_name_it_follows() -> None:
    corpus = analyse_corpus(triples(SHORT))
    assert {m.text: m.name for m in corpus.mentions["s1"]}["Yugansk"] == "Yuganskneftegas"
    assert [m.name for m in corpus.mentions["s2"] if m.text == "Yugansk"] == ["Yuganskneftegas"]
    assert "Yugansk" not in {e.name for e in corpus.entities}
    # A suffix ("-ville") makes another name, even in the same article.
    assert {m.text: m.name for m in corpus.mentions["s4"]}["Jackson"] == "Jackson"


def test_a_short_form_never_seen_after_the_long_name_stays_apart() -> None:
    assert "Yugansk" in names(SHORT[1:3])


def test_a_short_form_of_two_long_names_stays_apart() -> None:
    counts = {("ORG", "Petrokazakhstan"): 2, ("ORG", "Petrokazmunaigas"): 2, ("ORG", "Petrokaz"): 3}
    both = {("petrokazakhstan", "petrokaz"), ("petrokazmunaigas", "petrokaz")}
    assert spelling_map(counts, set(), both) == {}
    assert spelling_map(counts, set(), {("petrokazakhstan", "petrokaz")}) == {"petrokaz": "Petrokazakhstan"}


def test_the_user_splits_a_short_form_by_listing_it(tmp_path: Path) -> None:
    user_file = tmp_path / "entities.toml"
    user_file.write_text('[[entity]]\nname = "Yugansk"\ntype = "ORG"\n', encoding="utf-8")
    assert {"Yugansk", "Yuganskneftegas"} <= names(SHORT, user_file)


def test_a_crowded_block_is_skipped_and_stays_linear() -> None:
    counts = {("ORG", f"Abcdefghij{i:03d}"): 1 for i in range(500)}
    assert spelling_map(counts, set()) == {}
