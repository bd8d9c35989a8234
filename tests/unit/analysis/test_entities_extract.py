"""The rule-based extractor: spans, labels, and what is never an entity."""

from __future__ import annotations

import itertools

from search.analysis.entities import Mention, RuleExtractor, analyse_article
from search.model import Block


def doc(*paragraphs: str, headings: tuple[str, ...] = ()) -> tuple[str, list[Block]]:
    """Body and blocks as the corpus loader makes them: paragraphs joined by blank lines."""
    blocks, pos = [], 0
    for p in paragraphs:
        blocks.append(Block(pos, pos + len(p), "heading" if p in headings else "text"))
        pos += len(p) + 2
    return "\n\n".join(paragraphs), blocks


def extract(*paragraphs: str, headings: tuple[str, ...] = ()) -> list[Mention]:
    body, blocks = doc(*paragraphs, headings=headings)
    mentions = RuleExtractor().extract(body, blocks)
    for m in mentions:
        assert body[m.start : m.end] == m.text
    return mentions


def found(*paragraphs: str) -> dict[str, tuple[str, str]]:
    """Surface text -> (canonical name, label)."""
    return {m.text: (m.name, m.label) for m in extract(*paragraphs)}


def test_multi_word_names_with_connectors() -> None:
    got = found(
        "Officials at the Bank of Japan met envoys of the Republic of Korea and the Duke of Edinburgh."
    )
    assert got["Bank of Japan"] == ("Bank of Japan", "ORG")
    assert got["Republic of Korea"] == ("South Korea", "GPE")
    assert "Japan" not in got


def test_connector_joins_only_with_a_head_word() -> None:
    got = found("Talks between Japan and China resumed, said the Federation of Hong Kong Industry.")
    assert got["Japan"] == ("Japan", "GPE")
    assert got["China"] == ("China", "GPE")
    assert got["Federation of Hong Kong Industry"][1] == "ORG"


def test_acronyms_with_and_without_dots() -> None:
    got = found("Envoys from NASA, AUKUS, APEC and ASEAN met US and UK staff, then U.S. and U.K. diplomats.")
    assert got["NASA"] == ("NASA", "ORG")
    assert got["AUKUS"] == ("AUKUS", "ORG")
    assert got["APEC"][1] == got["ASEAN"][1] == "ORG"
    assert got["US"] == got["U.S."] == ("United States", "GPE")
    assert got["UK"] == got["U.K."] == ("United Kingdom", "GPE")


def test_hyphenated_names() -> None:
    got = found("Growth in the Asia-Pacific region follows a US-first policy and U.S.-Japan talks.")
    assert got["Asia-Pacific"] == ("Asia-Pacific", "LOC")
    assert got["US"] == ("United States", "GPE")
    assert got["U.S."] == ("United States", "GPE")
    assert got["Japan"] == ("Japan", "GPE")
    assert "US-first" not in got


def test_titles_are_stripped_and_kept_as_context() -> None:
    mentions = extract(
        "She met ex-President Trump, Japanese Prime Minister Fumio Kishida, Mr Blair and "
        "Chancellor Gerhard Schroeder, then former prime minister Shinzo Abe."
    )
    people = {m.text: m.context for m in mentions if m.label == "PERSON"}
    assert people == {
        "Trump": "ex-President",
        "Fumio Kishida": "Prime Minister",
        "Blair": "Mr",
        "Gerhard Schroeder": "Chancellor",
        "Shinzo Abe": "former prime minister",
    }
    assert {m.text: m.name for m in mentions}["Japanese"] == "Japan"


def test_secretary_of_state_is_a_title_with_a_complement() -> None:
    got = found("He spoke to Secretary of State George Shultz and President of France Jacques Chirac.")
    assert got["George Shultz"] == ("George Shultz", "PERSON")
    assert got["Jacques Chirac"] == ("Jacques Chirac", "PERSON")
    assert got["France"] == ("France", "GPE")
    assert "State" not in got


def test_possessives_are_stripped_with_curly_or_straight_apostrophes() -> None:
    got = found("It balances China’s power and Japan's move, and Moody's Investors Service Inc agreed.")
    assert got["China"] == ("China", "GPE")
    assert got["Japan"] == ("Japan", "GPE")
    assert got["Moody's Investors Service Inc"] == ("Moody's Investors Service Inc", "ORG")


def test_a_known_name_or_a_company_owns_the_name_after_its_possessive() -> None:
    """ "Microsoft's Media Center" is two names, as "Japan's Nippon Steel" is; a name whose own
    "'s" is part of it ("Moody's") and a possessive no list knows ("Howl's Moving Castle") join."""
    got = found(
        "Microsoft's Media Center sold well. Chrysler Corp's Chrysler Motors unit gained. "
        "Moody's Investors Service agreed. He saw Howl's Moving Castle."
    )
    assert got["Microsoft"] == ("Microsoft", "ORG")
    assert "Media Center" in got and "Microsoft's Media Center" not in got
    assert got["Chrysler Motors"][1] == "ORG" and "Chrysler Corp's Chrysler Motors" not in got
    assert got["Moody's Investors Service"][1] == "ORG"
    assert "Howl's Moving Castle" in got


def test_sentence_initial_word_needs_other_evidence() -> None:
    got = found("Mounting costs worried Kishida. Kishida left. Tomahawk arrived. Japan agreed.")
    assert "Mounting" not in got
    assert "Tomahawk" in got  # known product
    assert got["Japan"] == ("Japan", "GPE")
    assert [m.text for m in extract("Kishida left. Then aides met Kishida.")] == ["Kishida", "Kishida"]
    assert extract("Nakamura left early.") == []


def test_sentence_initial_common_word_is_cut_from_a_name() -> None:
    got = found(
        "Several Japanese firms agreed. Injured Chelsea players rested, several fans of Chelsea said."
    )
    assert got == {"Japanese": ("Japan", "GPE"), "Chelsea": ("Chelsea", "MISC")}
    text = "Injured Chelsea players rested, said fans of Chelsea."
    assert [m.start for m in extract(text)] == [text.index("Chelsea"), text.rindex("Chelsea")]


def test_stopword_like_capitals_are_never_entities() -> None:
    text = (
        "However, the deal held. But, it was late. Consequently, prices fell. Subsequently, they "
        "rose. Lately, it rained. While it rained, Tech firms waited. On Tuesday they met. The end."
    )
    assert extract(text) == []


def test_a_capitalised_common_noun_is_no_name_alone() -> None:
    """Issue 15: "Act" and "End" became names, and "Discount Corp" was shown as "Discount"."""
    assert extract("He said the new Act was clear. In the End, the vote was close.") == []
    got = [(m.text, m.name, m.label) for m in analyse_article(*doc("Jim Leslie of Discount Corp spoke."))]
    assert got == [("Jim Leslie", "Jim Leslie", "PERSON"), ("Discount Corp", "Discount Corp", "ORG")]


def test_a_name_ending_in_a_common_noun_is_no_person() -> None:
    """Issue 15's "Act": a law after "Justice" was Mr Act, and a law or a seat a person by shape."""
    got = found("Under the Criminal Justice Act, Justice Smith sent the Islington South candidate home.")
    assert got == {
        "Criminal Justice Act": ("Criminal Justice Act", "MISC"),
        "Smith": ("Smith", "PERSON"),
        "Islington South": ("Islington South", "MISC"),
    }
    assert found("On Monday Fred West was tried.")["Fred West"] == ("Fred West", "PERSON")  # a given name


def test_the_name_before_a_players_or_an_executives_role_is_an_organisation() -> None:
    """Issue 15: sports clubs were MISC. "Chelsea striker", "Tesco chairman": the club, the firm."""
    got = found("On Sunday Chelsea striker Didier Drogba scored, and Tesco chairman Ian Smith smiled.")
    assert got["Chelsea"] == ("Chelsea", "ORG") and got["Tesco"] == ("Tesco", "ORG")
    assert got["Didier Drogba"] == ("Didier Drogba", "PERSON") and got["Ian Smith"] == ("Ian Smith", "PERSON")
    assert found("On Sunday the France coach smiled.")["France"] == ("France", "GPE")  # a side: the country


def test_months_and_weekdays_are_not_entities() -> None:
    assert extract("In March, and again on Wednesday in May, nothing happened. April was calm.") == []


def test_mid_sentence_capitals_keep_a_leading_ordinal() -> None:
    got = found("It was the largest build-up since the Second World War, officials said.")
    assert got == {"Second World War": ("Second World War", "EVENT")}


def test_labels_from_head_words() -> None:
    got = found(
        "Staff of Exxon Corp, the Liberal Democratic Party, the Finance Ministry, Oxford University, "
        "the Imperial Palace, the Tidal Basin and the Hospital Corp of America met."
    )
    assert got["Exxon Corp"][1] == "ORG"
    assert got["Liberal Democratic Party"][1] == "ORG"
    assert got["Finance Ministry"][1] == "ORG"
    assert got["Oxford University"][1] == "ORG"
    assert got["Imperial Palace"][1] == "FAC"
    assert got["Tidal Basin"][1] == "LOC"
    assert got["Hospital Corp of America"][1] == "ORG"


def test_unknown_names_are_guessed_from_their_shape() -> None:
    by_text = {
        m.text: m for m in extract("Aides to Tom Murtha and Paul Sheen met GMTV staff but not the GDP.")
    }
    assert by_text["Tom Murtha"].label == "PERSON"
    assert by_text["Paul Sheen"].label == "PERSON"
    assert (by_text["GMTV"].label, by_text["GMTV"].guessed) == ("ORG", True)
    assert "GDP" not in by_text


def test_person_evidence_from_a_role_or_who() -> None:
    mentions = extract("The deal pleased striker Drogba, and Okonjo, who spoke later, agreed with Muller.")
    by_text = {m.text: m for m in mentions}
    assert (by_text["Drogba"].label, by_text["Drogba"].context) == ("PERSON", "striker")
    assert by_text["Okonjo"].label == "PERSON"
    assert not by_text["Okonjo"].guessed
    assert by_text["Muller"].label == "MISC"


def test_reuters_company_marks_and_tickers() -> None:
    text = "said Matsushita Electric Industrial Co Ltd <MC.T> and broker <James Capel and Co> today."
    by_text = {m.text: m for m in extract(text)}
    assert by_text["James Capel and Co"].label == "ORG"
    assert by_text["Matsushita Electric Industrial Co Ltd"].label == "ORG"
    assert "MC.T" not in by_text


def test_wire_dateline_byline_sign_off_and_abbreviations() -> None:
    mentions = extract(
        "By Jane Doe, Reuters",
        "SANTA MONICA, Calif., April 8 - Shr 20 cts vs 32 cts",
        "Net 1,358,000 vs 2,476,000",
        "Revs 27.1 mln vs 26.2 mln",
        "Nine mths",
        "Reuter",
    )
    assert [(m.text, m.name, m.label, m.context) for m in mentions] == [
        ("SANTA MONICA", "Santa Monica", "GPE", "dateline"),
        ("Calif.", "California", "GPE", "dateline"),
    ]
    assert [m.name for m in extract("NEW YORK, June 2 - Mounting costs hit Exxon.", "REUTER")] == [
        "New York",
        "Exxon",
    ]
    # Issue 15: a US state after the place ("Conn.", "Mass.") is a place too.
    got = [(m.text, m.name, m.label) for m in extract("HARTFORD, Conn., March 3 - Rates rose.")]
    assert got == [("HARTFORD", "Hartford", "GPE"), ("Conn.", "Connecticut", "GPE")]
    got = [(m.text, m.name) for m in extract("BOSTON, Mass., May 1 - N.Y. banks cut rates.")]
    assert got == [("BOSTON", "Boston"), ("Mass.", "Massachusetts"), ("N.Y.", "New York")]


def test_wire_casing_after_us_is_not_a_name() -> None:
    got = found("Friction between the U.S. And Japan grew after a U.S. Move against Tokyo.")
    assert set(got) == {"U.S.", "Japan", "Tokyo"}


def test_an_all_caps_line_is_scanned_for_known_names_only() -> None:
    """Issue 15: ALL-CAPS lines were never scanned ("U.S." in a wire headline). Every word of such a
    line is in capitals, so an unknown one is no acronym ("GOODS", "SOCCER" are no organisations)."""
    assert [m.name for m in extract("U.S. TRADE DEFICIT WIDENS IN JANUARY")] == ["United States"]
    got = [m.name for m in extract("JAPAN SAYS IT WILL CUT TARIFFS ON U.S. GOODS")]
    assert got == ["Japan", "United States"]
    got = [m.name for m in extract("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .")]
    assert got == ["Japan", "China"]
    assert [(m.text, m.label) for m in extract("Officials at the XKQ agency said GOODS fell.")] == [
        ("XKQ", "ORG"),
        ("GOODS", "ORG"),
    ]  # in prose, capitals are chosen: an unknown acronym is an organisation


def test_a_place_inside_a_longer_name_names_a_team_or_firm() -> None:
    """Issue 15: "Partizan Belgrade" gave "Belgrade", "Dallas Cowboys" gave "Dallas". A place and a
    word no list knows, side by side, are one name for something named after the place."""
    got = found("He said Partizan Belgrade won, and the Dallas Cowboys signed a coach from Dallas.")
    assert got == {
        "Partizan Belgrade": ("Partizan Belgrade", "ORG"),
        "Dallas Cowboys": ("Dallas Cowboys", "ORG"),
        "Dallas": ("Dallas", "GPE"),
    }


def test_table_rows_are_skipped() -> None:
    assert extract("4/2/87   Prev Wk   4/3/87  Prev Wk", "Named-A    3,157.6   3,684.1") == []


def test_headings_are_never_scanned() -> None:
    mentions = extract("Tony Blair In Tokyo", "Officials met in Paris.", headings=("Tony Blair In Tokyo",))
    assert [m.text for m in mentions] == ["Paris"]


def test_blocks_out_of_range_are_clipped() -> None:
    body = "Officials met in Paris."
    mentions = RuleExtractor().extract(body, [Block(-5, 3), Block(10, 500), Block(30, 40)])
    assert [m.text for m in mentions] == ["Paris"]


def test_extractor_is_deterministic_and_mentions_are_ordered() -> None:
    body, blocks = doc("Japan and China met in Tokyo.", "Shinzo Abe met Xi Jinping in Beijing.")
    first = RuleExtractor().extract(body, blocks)
    assert first == RuleExtractor().extract(body, blocks)
    assert [m.start for m in first] == sorted(m.start for m in first)
    assert all(a.end <= b.start for a, b in itertools.pairwise(first))


def test_quoted_speech_starts_a_sentence() -> None:
    text = 'Officials at the Bank of England said "The Bank is content" and left.'
    assert [m.text for m in extract(text)] == ["Bank of England"]
