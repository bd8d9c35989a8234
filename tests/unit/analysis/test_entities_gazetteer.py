"""The shipped gazetteer and word lists: coverage, aliases, demonyms, lazy loading."""

from __future__ import annotations

from importlib import resources

import pytest

from search.analysis.entities.gazetteer import DEMONYM, Known, gazetteer
from search.analysis.entities.lexicon import lexicon

DATA = resources.files("search.analysis.entities").joinpath("data")


def test_data_is_loaded_once() -> None:
    assert gazetteer() is gazetteer()
    assert lexicon() is lexicon()


def test_all_countries_are_present() -> None:
    rows = [
        line for line in DATA.joinpath("countries.tsv").read_text("utf-8").splitlines() if line[:1] != "#"
    ]
    assert len(rows) >= 195
    countries = {line.split("\t")[0] for line in rows}
    assert {"Japan", "China", "United States", "United Kingdom", "South Korea", "Thailand"} <= countries
    assert all(gazetteer().get(name) == Known(name, "GPE") for name in countries)


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("United States of America", "United States"),
        ("America", "United States"),
        ("U.K.", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Republic of Korea", "South Korea"),
        ("Burma", "Myanmar"),
    ],
)
def test_country_aliases(surface: str, name: str) -> None:
    assert gazetteer().get(surface) == Known(name, "GPE")


@pytest.mark.parametrize(
    ("demonym", "country"),
    [
        ("Japanese", "Japan"),
        ("Thai", "Thailand"),
        ("Cambodian", "Cambodia"),
        ("Chinese", "China"),
        ("American", "United States"),
        ("Americans", "United States"),
        ("British", "United Kingdom"),
        ("South Korean", "South Korea"),
    ],
)
def test_demonyms_point_to_their_country(demonym: str, country: str) -> None:
    assert gazetteer().get(demonym) == Known(country, "GPE", DEMONYM)


def test_capitals_regions_and_organisations() -> None:
    gaz = gazetteer()
    assert gaz.get("Tokyo") == Known("Tokyo", "GPE")
    for region in ("Asia-Pacific", "Europe", "Middle East"):
        assert gaz.get(region) == Known(region, "LOC")
    orgs = ["UN", "NATO", "ASEAN", "APEC", "EU", "IMF", "WTO", "OPEC", "G7", "NASA", "AUKUS", "World Bank"]
    assert all(getattr(gaz.get(acronym), "label", None) == "ORG" for acronym in orgs)
    assert gaz.get("UN") == gaz.get("U.N.") == Known("United Nations", "ORG")
    assert gaz.get_upper("NEW YORK") == Known("New York", "GPE")


def test_extra_names_do_not_change_the_shared_gazetteer() -> None:
    extra = gazetteer().with_extra({"Emperor": Known("Emperor of Japan", "PERSON")})
    assert extra.get("Emperor") == Known("Emperor of Japan", "PERSON")
    assert extra.get("Japan") == Known("Japan", "GPE")
    assert gazetteer().get("Emperor") is None
    assert gazetteer().with_extra({}) is gazetteer()


def test_lexicon_classes() -> None:
    lex = lexicon()
    for word in ("However", "But", "The", "Tech", "Lately", "Consequently", "Subsequently", "While", "On"):
        assert lex.never_alone(word)
    for word in ("March", "Wednesday", "Shr", "Mln", "REUTER", "Reuter", "GDP"):
        assert lex.never_alone(word)
    assert {"President", "Prime Minister", "Mr", "Emperor", "ex-President"} <= lex.titles
    assert lex.heads["Corp"] == "ORG" and lex.heads["Palace"] == "FAC"
    assert lex.firsts["Bank"] == "ORG" and lex.firsts["Republic"] == "GPE"


def test_data_readme_says_where_the_data_comes_from() -> None:
    readme = DATA.joinpath("README.md").read_text("utf-8")
    assert "compiled by hand" in readme and "ISO 3166" in readme
