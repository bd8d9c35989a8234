"""The user entity file: loading, errors, and applying it to mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.analysis.entities import (
    Mention,
    RuleExtractor,
    UserEntitiesError,
    apply_user,
    load_user_entities,
)
from search.model import Block
from tests.conftest import SEEDS

GOOD = """
[[entity]]
name = "Donald Trump"
type = "person"
aliases = ["Trump", "President Trump"]
description = "45th and 47th US president"

[[entity]]
name = "Shinzo Abe"
aliases = ["Abe Shinzo"]

[ignore]
names = ["Reuter", "U.N."]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "entities.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_a_valid_file(tmp_path: Path) -> None:
    user = load_user_entities(write(tmp_path, GOOD))
    trump, abe = user.entities
    assert (trump.name, trump.label, trump.aliases) == (
        "Donald Trump",
        "PERSON",
        ("Trump", "President Trump"),
    )
    assert trump.description == "45th and 47th US president"
    assert (abe.label, abe.description) == ("", "")
    assert user.lookup("TRUMP") is trump
    assert user.ignores("UN") and user.ignores("reuter")
    assert user.description("Donald Trump") == "45th and 47th US president"


def test_missing_file_means_no_user_entities(tmp_path: Path) -> None:
    user = load_user_entities(tmp_path / "nope.toml")
    assert user.entities == () and user.ignore == frozenset()


def test_malformed_toml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[[entity]]\nname = "Donald Trump"\ntype = PERSON\n')
    with pytest.raises(UserEntitiesError) as err:
        load_user_entities(path)
    assert str(err.value).startswith(f"{path}: ") and "line 3" in str(err.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[entity]]\ntype = "PERSON"\n', "'name' is required"),
        ('[[entity]]\nname = "X"\ntype = "ANIMAL"\n', "'type' must be one of"),
        ('[[entity]]\nname = "X"\nalias = ["Y"]\n', "unknown key(s) alias"),
        ('[[entity]]\nname = "X"\naliases = "Y"\n', "'aliases' must be a list"),
        ('[entity]\nname = "X"\n', "write [[entity]]"),
        (
            '[[entity]]\nname = "A"\naliases = ["C"]\n[[entity]]\nname = "B"\naliases = ["c"]\n',
            "both 'A' and 'B'",
        ),
        ('[ignore]\nnames = "Reuter"\n', "[ignore] names must be a list"),
        ("[other]\n", "unknown top-level key(s) other"),
    ],
)
def test_invalid_content_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UserEntitiesError) as err:
        load_user_entities(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_apply_renames_retypes_merges_and_ignores(tmp_path: Path) -> None:
    user = load_user_entities(write(tmp_path, GOOD))
    mentions = [
        Mention(0, 5, "Trump", "MISC", "Trump"),
        Mention(6, 16, "Abe Shinzo", "PERSON", "Abe Shinzo"),
        Mention(17, 21, "U.N.", "ORG", "United Nations"),
        Mention(22, 28, "Reuter", "ORG", "Reuter"),
        Mention(29, 34, "Japan", "GPE", "Japan"),
    ]
    got = [(m.text, m.name, m.label) for m in apply_user(mentions, user)]
    assert got == [
        ("Trump", "Donald Trump", "PERSON"),
        ("Abe Shinzo", "Shinzo Abe", "PERSON"),  # merged into the canonical name
        ("Japan", "Japan", "GPE"),
    ]


def test_a_linked_surname_is_not_renamed_by_its_bare_text(tmp_path: Path) -> None:
    user = load_user_entities(write(tmp_path, '[[entity]]\nname = "Shinzo Abe"\naliases = ["Abe"]\n'))
    linked = Mention(0, 3, "Abe", "PERSON", "Shintaro Abe")
    assert apply_user([linked], user) == [linked]


def test_user_aliases_help_the_extractor(tmp_path: Path) -> None:
    user = load_user_entities(
        write(tmp_path, '[[entity]]\nname = "Emperor of Japan"\ntype = "PERSON"\naliases = ["Emperor"]\n')
    )
    body = "Trump will meet the Emperor at the Imperial Palace."
    blocks = [Block(0, len(body))]
    assert "Emperor" not in [m.text for m in RuleExtractor().extract(body, blocks)]
    found = {m.text: m for m in RuleExtractor(user.known()).extract(body, blocks)}
    assert (found["Emperor"].name, found["Emperor"].label) == ("Emperor of Japan", "PERSON")


def test_seed_entity_file_loads() -> None:
    user = load_user_entities(SEEDS / "entities.toml")
    assert user.lookup("Trump").name == "Donald Trump"
    assert user.lookup("Diet").label == "ORG"
    for name in ("Sanae Takaichi", "Shinzo Abe", "Fumio Kishida", "Joe Biden", "Xi Jinping"):
        assert user.description(name)
