"""Teams in results and standings rows, and the figures on CoNLL-2003 eng.testa (skipped when
../shared/ner is absent)."""

from __future__ import annotations

import time

import pytest

from search.analysis.entities import RuleExtractor, analyse_article
from search.model import Block
from tests.benchmarks import bench_ner


def labels(*lines: str) -> dict[str, str]:
    body = "\n\n".join(lines)
    blocks, pos = [], 0
    for line in lines:
        blocks.append(Block(pos, pos + len(line)))
        pos += len(line) + 2
    return {m.text: m.label for m in analyse_article(body, blocks)}


def test_clubs_in_a_results_row_are_organisations() -> None:
    got = labels("Soccer results on Saturday.", "Torquay 2 Exeter 0", "Leeds 3 Newcastle 1")
    assert {k: got.get(k) for k in ("Torquay", "Exeter", "Leeds", "Newcastle")} == dict.fromkeys(
        ("Torquay", "Exeter", "Leeds", "Newcastle"), "ORG"
    )


def test_a_standings_row_names_a_team() -> None:
    got = labels("Standings after the games.", "Tranmere 4 2 1 1 6 4 7", "Oxford 4 1 0 3 6 5 3")
    assert (got.get("Tranmere"), got.get("Oxford")) == ("ORG", "ORG")


def test_national_sides_keep_their_country() -> None:
    got = labels("World Cup qualifier.", "Brazil 2 Argentina 1")
    assert (got.get("Brazil"), got.get("Argentina")) == ("GPE", "GPE")


def test_people_datelines_and_bowling_figures_are_no_teams() -> None:
    got = labels(
        "LONDON 1996-08-30",
        "Kent 250 ( M. Walker 83 , T. Ward 51 ) , Surrey 429-7 .",
        "Bowling : Fleming 8-1-26-3 , Gillespie 6-0-27-0 .",
    )
    assert got.get("LONDON") == "GPE"
    assert (got.get("Kent"), got.get("Surrey")) == ("ORG", "ORG")
    assert (got.get("M. Walker"), got.get("T. Ward")) == ("PERSON", "PERSON")
    assert got.get("Fleming") != "ORG" and got.get("Gillespie") != "ORG"


def test_a_table_of_places_with_one_figure_each_keeps_the_places() -> None:
    got = labels("Rainfall in millimetres:", "Tokyo 12", "Osaka 8")
    assert (got.get("Tokyo"), got.get("Osaka")) == ("GPE", "GPE")


def test_figures_on_conll_eng_testa() -> None:
    """The issue 15 targets (typed 75, ORG 60, untyped 85) and the figures reached."""
    if not bench_ner.NER.is_file():
        pytest.skip("../shared/ner/eng.testa is not present")
    docs = bench_ner.read_docs()
    extractor = RuleExtractor()
    start = time.process_time()
    found = [bench_ner.spans_of(doc, analyse_article(doc.body, doc.blocks, extractor)) for doc in docs]
    seconds = time.process_time() - start
    scores = bench_ner.score(docs, found)
    assert len(docs) == 216
    assert scores["typed"][2] >= 0.80 and scores["ORG"][2] >= 0.60
    assert scores["untyped"][2] >= 0.85
    assert len(docs) / seconds >= 500  # documents/s of CPU time on one core


def test_a_name_after_a_list_number_is_no_sentence_start() -> None:
    got = labels(
        "High jump results:", "1. Sigrun Haldorsen ( Norway ) 2.01", "2. Ilse Varkentin ( Estonia ) 1.97"
    )
    assert (got.get("Sigrun Haldorsen"), got.get("Ilse Varkentin")) == ("PERSON", "PERSON")
    assert got.get("Norway") == "GPE"
