"""The default policy taxonomy and the merging of user taxonomy files."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.analysis.topics.taxonomy import Taxonomy, Topic, TopicFileError, load_taxonomy


@pytest.fixture(scope="module")
def default() -> Taxonomy:
    return load_taxonomy()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_taxonomy_has_areas_with_subtopics(default: Taxonomy) -> None:
    areas = {t.id for t in default.areas()}
    assert {"defence", "trade", "economy", "diplomacy", "energy", "technology", "space", "health"} <= areas
    assert {"education", "environment", "migration", "transport", "governance", "rights"} <= areas
    assert {"culture", "agriculture", "labour", "law", "sport", "media"} <= areas
    assert 60 <= len(default) <= 130
    for topic in default:
        assert topic.label and topic.description and topic.keywords, topic.id
        assert topic.parent is None or topic.parent in areas
        assert topic.area == (topic.parent or topic.id)
    for area in areas:
        assert default.children(area), area


def test_default_ids_are_unique_and_keywords_weighted(default: Taxonomy) -> None:
    ids = [t.id for t in default]
    assert len(ids) == len(set(ids))
    for topic in default:
        for phrase, weight in topic.keywords:
            assert phrase == phrase.strip().lower() and phrase
            assert weight > 0


def test_default_topics_name_both_spellings(default: Taxonomy) -> None:
    spending = default["defence.spending"]
    keywords = {phrase for phrase, _ in spending.keywords}
    assert {"defence spending", "defense spending", "military spending"} <= keywords
    assert "military expenditure" in spending.aliases
    assert dict(spending.keywords)["defence budget"] == 2.0
    labour = {phrase for phrase, _ in default["labour"].keywords}
    assert {"labour market", "labor market"} <= labour


def test_topic_lookup(default: Taxonomy) -> None:
    assert "trade.tariffs" in default
    assert "trade.nothing" not in default
    tariffs = default["trade.tariffs"]
    assert isinstance(tariffs, Topic)
    assert tariffs.parent == "trade"
    assert tariffs.label == "Tariffs"
    with pytest.raises(KeyError):
        default["trade.nothing"]


def test_user_file_overrides_only_the_fields_it_sets(tmp_path: Path, default: Taxonomy) -> None:
    user = write(tmp_path, "mine.toml", '[trade.tariffs]\nlabel = "Customs tariffs"\naliases = ["duties"]\n')
    merged = load_taxonomy([user])
    tariffs = merged["trade.tariffs"]
    assert tariffs.label == "Customs tariffs"
    assert tariffs.aliases == ("duties",)
    assert tariffs.keywords == default["trade.tariffs"].keywords
    assert tariffs.description == default["trade.tariffs"].description
    assert len(merged) == len(default)


def test_user_file_adds_topics_and_areas(tmp_path: Path, default: Taxonomy) -> None:
    user = write(
        tmp_path,
        "mine.toml",
        """
[defence.cyber_warfare]
label = "Cyber warfare"
keywords = ["cyber attack", { phrase = "cyberwar", weight = 3 }]

[arctic]
label = "The Arctic"
description = "Arctic policy."

[arctic.shipping_routes]
label = "Arctic shipping routes"
aliases = ["northern sea route"]
""",
    )
    merged = load_taxonomy([user])
    cyber = merged["defence.cyber_warfare"]
    assert cyber.parent == "defence"
    assert cyber.keywords == (("cyber attack", 1.0), ("cyberwar", 3.0))
    assert cyber.description == "" and cyber.aliases == ()
    assert merged["arctic"].parent is None
    assert [t.id for t in merged.children("arctic")] == ["arctic.shipping_routes"]
    assert len(merged) == len(default) + 3


def test_user_file_disables_topics_and_areas(tmp_path: Path, default: Taxonomy) -> None:
    user = write(tmp_path, "off.toml", "[trade.tariffs]\nenabled = false\n\n[space]\nenabled = false\n")
    merged = load_taxonomy([user])
    assert "trade.tariffs" not in merged
    assert "trade" in merged
    hidden = {"space", *(t.id for t in default.children("space"))}
    assert not hidden & {t.id for t in merged}
    assert len(merged) == len(default) - 1 - len(hidden)


def test_later_files_win(tmp_path: Path) -> None:
    off = write(tmp_path, "a.toml", '[trade.tariffs]\nenabled = false\nlabel = "Off"\n')
    on = write(tmp_path, "b.toml", '[trade.tariffs]\nenabled = true\nlabel = "Back"\n')
    assert load_taxonomy([off, on])["trade.tariffs"].label == "Back"
    assert "trade.tariffs" not in load_taxonomy([on, off])


def test_malformed_toml_names_the_file_line_and_column(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", '[trade.tariffs]\nlabel = "ok"\naliases = [oops]\n')
    with pytest.raises(TopicFileError) as caught:
        load_taxonomy([bad])
    assert caught.value.path == bad
    message = str(caught.value)
    assert str(bad) in message
    assert "line 3, column 12" in message


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('[trade.tariffs]\nlable = "typo"\n', "unknown field 'lable'"),
        ("[trade.new_thing]\nkeywords = []\n", "needs a label"),
        ('[nowhere.topic]\nlabel = "Orphan"\n', "unknown area 'nowhere'"),
        ('[trade.tariffs]\nkeywords = [{ phrase = "x", weight = 0 }]\n', "positive, finite weight"),
        ('[trade.tariffs]\nkeywords = [{ phrase = "x", weight = nan }]\n', "positive, finite weight"),
        ('[trade.tariffs]\nkeywords = [{ phrase = "x", weight = "high" }]\n', "must be a non-empty string"),
        ('[trade.tariffs]\nkeywords = [""]\n', "must be a non-empty string"),
        ('[trade.tariffs]\nkeywords = "tariff"\n', "keywords must be a list"),
        ("[trade.tariffs]\naliases = [1]\n", "aliases must be a list"),
        ('[trade.tariffs]\nenabled = "no"\n', "enabled must be true or false"),
        ('[trade.tariffs]\nneeds_area = "yes"\n', "needs_area must be true or false"),
        ("[space]\nneeds_area = true\n", "needs_area is for a subtopic"),
        ('[sport]\ndefers_to = "technology.games"\n', "defers_to must be a list"),
        ('[sport]\ndefers_to = ["technology.gaming"]\n', "unknown topic 'technology.gaming'"),
        ('[trade.tariffs]\nlabel = " "\n', "label must be a non-empty string"),
        ('title = "not a table"\n', "must be a table"),
        ('[trade.tariffs.deeper]\nlabel = "Too deep"\n', "nest one level only"),
    ],
)
def test_bad_fields_are_reported_with_the_file(tmp_path: Path, text: str, complaint: str) -> None:
    bad = write(tmp_path, "bad.toml", text)
    with pytest.raises(TopicFileError, match=complaint) as caught:
        load_taxonomy([bad])
    assert caught.value.path == bad


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    with pytest.raises(TopicFileError, match="cannot read"):
        load_taxonomy([missing])
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(b'[trade.tariffs]\nlabel = "\xa3"\n')
    with pytest.raises(TopicFileError) as caught:
        load_taxonomy([latin1])
    assert caught.value.path == latin1


def test_a_keyword_can_be_marked_as_a_name(tmp_path: Path, default: Taxonomy) -> None:
    user = write(
        tmp_path,
        "names.toml",
        '[sport.rowing]\nlabel = "Rowing"\nkeywords = ["regatta", { phrase = "Henley", name = true }]\n',
    )
    rowing = load_taxonomy([user])["sport.rowing"]
    assert rowing.keywords == (("regatta", 1.0), ("henley", 1.0)) and rowing.names == frozenset({"henley"})
    assert "chelsea" in default["sport.football"].names and "striker" not in default["sport.football"].names
    bad_keyword = '[sport.rowing]\nlabel = "R"\nkeywords = [{ phrase = "x", name = "yes" }]\n'
    bad = write(tmp_path, "bad.toml", bad_keyword)
    with pytest.raises(TopicFileError, match="name = false"):
        load_taxonomy([bad])
