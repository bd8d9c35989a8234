"""The topic command's answer on a folder where limits matter: a topic, a phrase of the corpus, or
full-text search (with a misspelling's suggestion), each with the counts read from the files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search.library import Library
from search.topic_answer import answer
from tests.functional.generated import FILES, files_matching, write_folder


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, Path]]:
    root = write_folder(tmp_path_factory.mktemp("corpus") / "harbour")
    with Library.open(root, index_dir=tmp_path_factory.mktemp("index") / "index") as library:
        yield library, root


def test_a_topic_answers_with_its_articles_up_to_the_limit(harbour: tuple[Library, Path]) -> None:
    library, root = harbour
    about = files_matching(root, r"\bdefence budget\b")
    found = answer(library, "defence spnding")
    assert found.chosen is not None and (found.chosen.kind, found.chosen.key) == ("label", "defence.spending")
    assert found.result.total == len(about) and len(found.result.hits) == 20  # the default limit
    assert len(found.matches) == min(10, len(library.match_topics("defence spnding", limit=50))) == 10
    everything = answer(library, "defence spnding", limit=len(about) + 5)
    assert sorted(h.id for h in everything.result.hits) == about


def test_a_phrase_of_the_corpus_is_searched_as_a_phrase(harbour: tuple[Library, Path]) -> None:
    library, root = harbour
    found = answer(library, "timetabels", limit=FILES)
    assert found.chosen is not None and (found.chosen.kind, found.chosen.key) == (
        "phrase",
        "ferry timetables",
    )
    assert found.result.query == '"ferry timetables"' and found.matches[0].key == "ferry timetables"
    assert len(answer(library, "timetabels").result.hits) == 20  # the default limit, on the phrase too
    assert sorted(h.id for h in found.result.hits) == files_matching(root, r"\bferry timetables\b")


def test_a_misspelt_word_of_no_topic_is_searched_as_its_suggestion(harbour: tuple[Library, Path]) -> None:
    library, root = harbour
    found = answer(library, "lampp", limit=100)
    assert found.chosen is None and found.result.query == "lamp"
    assert sorted(h.id for h in found.result.hits) == files_matching(root, r"\blamp\b")
    assert len(answer(library, "lampp").result.hits) == 20
    plain = answer(library, "dredging")  # a word of every file and of no topic or phrase
    assert plain.chosen is None and plain.result.total == FILES and len(plain.result.hits) == 20
    nothing = answer(library, "zzqqxx")
    assert (nothing.chosen, nothing.result.total, nothing.matches) == (None, 0, [])
