"""The topic command's answer on a folder where limits matter: a topic, a phrase of the corpus, or
full-text search (with a misspelling's suggestion), each with the counts read from the files."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from search.library import Library
from search.model import Hit, SearchResult, TopicInfo, TopicMatch
from search.topic_answer import answer, is_weak, opens, weak_note
from tests.functional.generated import FILES, files_matching, write_club_folder, write_folder
from tui.cli import main


@pytest.fixture(scope="module")
def harbour_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("index") / "index"


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory, harbour_index: Path) -> Iterator[tuple[Library, Path]]:
    root = write_folder(tmp_path_factory.mktemp("corpus") / "harbour")
    with Library.open(root, index_dir=harbour_index) as library:
        yield library, root


def test_a_topic_answers_with_its_articles_up_to_the_limit(harbour: tuple[Library, Path]) -> None:
    library, root = harbour
    about = files_matching(root, r"\bdefence budget\b")
    found = answer(library, "defence spnding")
    assert found.chosen is not None and (found.chosen.kind, found.chosen.key) == ("label", "defence.spending")
    assert found.result.total == len(about) and len(found.result.hits) == 20  # the default limit
    sources = Counter(re.search(r'source: "(\w+)"', (root / name).read_text()).group(1) for name in about)
    assert dict(found.result.facets["source"]) == dict(sources)  # counted over all, for the topic screen
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


def test_a_weak_match_falls_back_to_the_articles_with_the_word(harbour: tuple[Library, Path]) -> None:
    library, root = harbour
    found = answer(library, "lamp", limit=FILES)
    assert found.matches and found.matches[0].score < 85  # the closest topic is a weak guess
    assert found.chosen is None and found.result.query == "lamp"
    assert sorted(h.id for h in found.result.hits) == files_matching(root, r"\blamp\b")


def test_a_topic_with_no_articles_is_never_the_answer(harbour: tuple[Library, Path]) -> None:
    library, root = harbour
    assert files_matching(root, r"(?i)tennis|wimbledon|grand slam") == []
    found = answer(library, "tennis")
    top = found.matches[0]
    assert (top.key, top.score, top.topic and top.topic.articles) == ("sport.tennis", 100.0, 0)
    assert found.chosen is None and found.result.total == 0


def test_the_cli_says_why_it_searched_the_text(
    harbour: tuple[Library, Path], harbour_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, root = harbour
    argv = ["topic", "lamp", "--corpus", str(root), "--index-dir", str(harbour_index), "--limit", "100"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "No topic matches 'lamp' well (the closest topic, 'Tennis', has no articles);"
        " full-text results instead."
    )
    listed = sorted(line.strip() for line in lines if re.fullmatch(r"    [\w/.-]+", line))
    assert listed == files_matching(root, r"\blamp\b")


def test_a_finished_word_that_only_starts_a_phrase_is_a_weak_match(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "lamp" is a word of its own: the phrase "frank lampard" that starts with it is only a guess."""
    corpus = write_club_folder(tmp_path / "club")
    argv = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    assert main(["topic", "lamp", *argv]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "No topic matches 'lamp' well (weak match for 'lamp': 'frank lampard' (76/100));"
        " full-text results instead."
    )
    assert [line.strip() for line in lines if re.fullmatch(r"    [\w/.-]+", line)] == ["shop.txt"]
    for query in ("lampard", "lampar"):  # the whole word, or a partial word of no article
        assert main(["topic", query, *argv]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0] == "Topic: frank **lampard**"
        listed = sorted(line.strip() for line in lines if re.fullmatch(r"    [\w/.-]+", line))
        assert listed == [f"match{n}.txt" for n in range(1, 5)]


def test_a_partial_word_of_no_article_is_taken_as_still_being_typed(harbour: tuple[Library, Path]) -> None:
    """ "harb" is no word of the corpus: it starts "harbour board" (85.5/100, strong), which opens.
    Taken as a finished word it would only be a weak guess (76/100)."""
    library, root = harbour
    assert "harb" not in library.vocabulary()
    found = answer(library, "harb", limit=FILES)
    assert found.chosen is not None and (found.chosen.kind, found.chosen.key) == ("phrase", "harbour board")
    assert not is_weak(found.chosen)
    assert sorted(h.id for h in found.result.hits) == files_matching(root, r"\bharbour board\b")


class _NothingByText:
    """A library whose only answer to "brexit" is a weak topic with articles (no text finds it)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def vocabulary(self) -> set[str]:
        return {"brexit"}

    def match_topics(self, text: str, limit: int) -> list[TopicMatch]:
        awards = TopicInfo("media.awards", "Awards", articles=3)
        return [TopicMatch("media.awards", "brit awards", "keyword", 76.0, ((0, 4),), awards)]

    def search(self, text: str, limit: int) -> SearchResult:
        self.asked.append(text)
        return SearchResult(text, [], 0)

    def topic_articles(self, key: str, limit: int) -> SearchResult:
        return SearchResult(f"topic:{key}", [], 3)


def test_a_weak_match_opens_only_when_the_text_finds_nothing() -> None:
    library = _NothingByText()
    found = answer(library, "brexit")  # type: ignore[arg-type]
    assert library.asked == ["brexit"] and found.weak
    assert found.chosen is not None and found.chosen.key == "media.awards"
    assert (found.result.query, found.result.total) == ("topic:media.awards", 3)


class _FoundByText(_NothingByText):
    """The same weak topic with articles, and two articles that have the word itself."""

    def __init__(self) -> None:
        super().__init__()
        self.limits: list[int] = []

    def search(self, text: str, limit: int) -> SearchResult:
        self.asked.append(text)
        self.limits.append(limit)
        hits = [Hit(f"{n}.md", f"Brexit vote {n}", 1.0, f"{n}.md") for n in (1, 2)]
        return SearchResult(text, hits, 2)


def test_a_weak_match_with_articles_gives_way_to_the_articles_with_the_words() -> None:
    library = _FoundByText()
    found = answer(library, "brexit", limit=7)  # type: ignore[arg-type]
    assert library.asked == ["brexit"]  # searched once, not again for a phrase or a suggestion
    assert library.limits == [7]
    assert found.chosen is None and not found.weak
    assert (found.result.query, found.result.total) == ("brexit", 2)
    assert [h.id for h in found.result.hits] == ["1.md", "2.md"]
    assert [m.key for m in found.matches] == ["media.awards"]  # (the palette still lists the guess)


def test_a_suggestion_that_finds_no_more_leaves_what_was_typed(harbour: tuple[Library, Path]) -> None:
    library, root = harbour
    lighthouse = files_matching(root, r"\blighthouse\b")
    assert lighthouse == files_matching(root, r"\blamp\b")  # "lamp" finds no more articles
    found = answer(library, "lighthouse lampp", limit=FILES)
    assert (found.chosen, found.result.query, found.result.suggestion) == (
        None,
        "lighthouse lampp",
        "lighthouse lamp",
    )
    assert sorted(h.id for h in found.result.hits) == lighthouse


def test_a_topics_articles_show_two_snippets_as_search_results_do(tmp_path: Path) -> None:
    corpus = tmp_path / "navy"
    corpus.mkdir()
    filler = " ".join(["The committee also discussed roads, schools and the weather at length."] * 6)
    parts = [
        f"The navy asked for a larger defence budget and more military spending, part {i}. {filler}"
        for i in range(3)
    ]
    (corpus / "long.md").write_text('---\ntitle: "Budget talks"\n---\n\n' + "\n\n".join(parts) + "\n")
    (corpus / "other.md").write_text('---\ntitle: "Harbour"\n---\n\nThe harbour froze over in winter.\n')
    with Library.open(corpus, index_dir=tmp_path / "ix") as library:
        found = answer(library, "defence spending")  # three passages on it, far apart
        assert found.chosen is not None and found.chosen.key == "defence.spending"
        [hit] = found.result.hits
        assert hit.id == "long.md" and len(hit.snippets) == 2
        assert [len(h.snippets) for h in library.search("defence budget").hits] == [2]


def _match(score: float, articles: int | None) -> TopicMatch:
    topic = None if articles is None else TopicInfo("media.awards", "Awards", articles=articles)
    return TopicMatch("media.awards", "brit awards", "keyword", score, ((0, 4),), topic)


def test_a_match_opens_only_when_strong_and_with_articles() -> None:
    assert opens(_match(85.0, 3)) and opens(_match(99.0, None))  # (a phrase has no topic)
    assert not opens(_match(84.9, 3))  # weak
    assert not opens(_match(100.0, 0))  # a topic no article has


def test_the_note_says_why_a_match_does_not_open() -> None:
    assert weak_note("brexit", _match(76.0, 3)) == "weak match for 'brexit': 'brit awards' (76/100)"
    assert weak_note("awards", _match(100.0, 0)) == "the closest topic, 'Awards', has no articles"
