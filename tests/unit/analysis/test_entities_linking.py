"""Linking inside one article: surnames, acronym variants, demonyms, company suffixes, labels."""

from __future__ import annotations

from search.analysis.entities import Mention, analyse_article, link_article
from search.analysis.entities.linking import initials, strip_legal_suffix, vote_label
from search.model import Block


def names(text: str) -> list[tuple[str, str, str]]:
    """(surface, canonical name, label) of the linked mentions of a one-paragraph article."""
    return [(m.text, m.name, m.label) for m in analyse_article(text, [Block(0, len(text))])]


def canonical(text: str) -> dict[str, str]:
    return {surface: name for surface, name, _ in names(text)}


def mention(text: str, label: str, name: str = "", guessed: bool = False) -> Mention:
    return Mention(0, len(text), text, label, name or text, guessed=guessed)


def test_surname_links_to_full_name_used_earlier() -> None:
    got = names("Former prime minister Shinzo Abe was a golfer. Trump met Abe in 2017.")
    assert ("Abe", "Shinzo Abe", "PERSON") in got


def test_surname_links_to_full_name_used_later() -> None:
    got = canonical(
        "Takaichi arrived in Tokyo. The leader, Sanae Takaichi, then met Kishida and Fumio Kishida."
    )
    assert got["Takaichi"] == "Sanae Takaichi"
    assert got["Kishida"] == "Fumio Kishida"


def test_surname_after_title_links_too() -> None:
    got = names("U.S. President Joe Biden spoke. Biden’s visit was his fifth, aides to Mr Biden said.")
    assert [n for s, n, _ in got if s == "Biden"] == ["Joe Biden", "Joe Biden"]


def test_two_people_with_one_surname_stay_apart() -> None:
    got = names("John Smith met Adam Smith in Leeds. Smith said little.")
    assert ("Smith", "Smith", "MISC") in got
    assert {n for _, n, _ in got} >= {"John Smith", "Adam Smith"}


def test_family_name_first_links_by_first_word() -> None:
    assert (
        canonical("Officials said president Xi Jinping will travel. Aides to Xi agreed.")["Xi"]
        == "Xi Jinping"
    )


def test_acronym_variants_are_one_entity() -> None:
    got = canonical("The US and the U.S. Navy, the USA, America and the United States of America agreed.")
    assert {got["US"], got["U.S."], got["USA"], got["America"]} == {"United States"}
    assert got["United States of America"] == "United States"


def test_demonyms_link_to_their_country() -> None:
    text = "Thai and Cambodian troops met Japanese envoys."
    got = {m.text: m for m in analyse_article(text, [Block(0, len(text))])}
    assert (got["Thai"].name, got["Thai"].label, got["Thai"].context) == ("Thailand", "GPE", "demonym")
    assert got["Cambodian"].name == "Cambodia"
    assert got["Japanese"].name == "Japan"


def test_company_suffixes_are_dropped_and_looked_up_again() -> None:
    got = canonical("Texaco Inc said profits rose. Standard and Poor's Corp cut General Motors Corp.")
    assert got["Texaco Inc"] == "Texaco"
    assert got["Standard and Poor's Corp"] == "Standard & Poor's"
    assert got["General Motors Corp"] == "General Motors"


def test_a_company_named_after_a_place_is_not_the_place() -> None:
    """Issue 15: "Greenland NV" made Greenland an organisation. The place stays a place."""
    got = names("Amro Bank arranged a loan for Greenland NV, a maker of farm machines, not in Greenland.")
    assert ("Greenland NV", "Greenland NV", "ORG") in got and ("Greenland", "Greenland", "GPE") in got
    assert canonical("Hongkong Land Co said profits rose.")["Hongkong Land Co"] == "Hongkong Land"


def test_strip_legal_suffix() -> None:
    assert strip_legal_suffix("Matsushita Electric Industrial Co Ltd") == "Matsushita Electric Industrial"
    assert strip_legal_suffix("James Capel and Co") == "James Capel"  # (the form proves a company)
    assert strip_legal_suffix("Adams and Co") == "Adams and Co"  # one word alone reads as a surname
    assert strip_legal_suffix("Hospital Corp") == "Hospital Corp"  # "Hospital" alone is no name
    assert strip_legal_suffix("Exxon") == "Exxon"


def test_acronym_links_to_the_name_with_its_initials() -> None:
    text = "The Commodity Futures Trading Commission (CFTC) ruled. The CFTC said so."
    assert canonical(text)["CFTC"] == "Commodity Futures Trading Commission"
    assert initials("Ministry of International Trade and Industry") == "MITI"


def test_bare_word_links_to_the_company_it_starts() -> None:
    got = canonical("Dome Petroleum Ltd said it would sell assets. Analysts said Dome had little choice.")
    assert got["Dome"] == "Dome Petroleum"


def test_one_label_per_entity_evidence_beats_guesses() -> None:
    got = names("She met ex-President Trump. Trump left early, and aides said Trump was tired.")
    assert {label for surface, _, label in got if surface == "Trump"} == {"PERSON"}
    caesars = [mention("Caesars World", "PERSON", guessed=True), mention("Caesars World", "ORG")]
    assert {m.label for m in link_article(caesars)} == {"ORG"}


def test_vote_label() -> None:
    assert vote_label([("MISC", False), ("PERSON", True)]) == ("PERSON", True)
    assert vote_label([("PERSON", True), ("PERSON", True), ("ORG", False)]) == ("ORG", False)
    assert vote_label([("MISC", False)]) == ("MISC", False)
    assert vote_label([("GPE", False), ("ORG", False)]) == ("ORG", False)  # tie: LABELS order


def test_link_article_keeps_offsets_and_order() -> None:
    body = "Abe met Shinzo Abe."
    raw = [Mention(0, 3, "Abe", "MISC", "Abe"), Mention(8, 18, "Shinzo Abe", "PERSON", "Shinzo Abe")]
    linked = link_article(raw)
    assert [(m.start, m.end, m.text) for m in linked] == [(0, 3, "Abe"), (8, 18, "Shinzo Abe")]
    assert all(body[m.start : m.end] == m.text for m in linked)
    assert [m.name for m in linked] == ["Shinzo Abe", "Shinzo Abe"]
