"""Linking across articles with the alias index: unambiguous surnames only."""

from __future__ import annotations

from search.analysis.entities import AliasIndex, Mention


def m(name: str, label: str = "PERSON", guessed: bool = False, text: str = "") -> Mention:
    text = text or name.split()[-1]
    return Mention(0, len(text), text, label, name, guessed=guessed)


def test_bare_name_links_to_the_only_full_name_with_that_surname() -> None:
    articles = [[m("Paul Volcker", text="Paul Volcker")], [m("Alan Greenspan", text="Alan Greenspan")]]
    articles.append([m("Greenspan", "PERSON")])  # "Fed chairman Greenspan" in a third article
    index = AliasIndex.build(articles)
    relinked = index.relink([m("Volcker"), m("Greenspan", "MISC")])
    assert [(x.name, x.label) for x in relinked] == [("Paul Volcker", "PERSON"), ("Alan Greenspan", "PERSON")]
    assert index.full_name("Volcker") == "Paul Volcker"
    assert index.full_name("Paul Volcker") is None


def test_two_people_sharing_a_surname_are_never_merged() -> None:
    index = AliasIndex.build([[m("John Smith", text="John Smith")], [m("Adam Smith", text="Adam Smith")]])
    assert index.full_name("Smith") is None
    assert index.relink([m("Smith")])[0].name == "Smith"


def test_words_mostly_used_for_something_else_are_not_linked() -> None:
    articles = [[m("Gerald Ford", text="Gerald Ford")], [m("Ford", "PERSON")]]
    articles += [[m("Ford", "MISC")] for _ in range(3)]
    index = AliasIndex.build(articles)
    assert index.relink([m("Ford", "MISC")])[0].name == "Ford"  # the company, most of the time
    assert index.relink([m("Ford", "PERSON")])[0].name == "Gerald Ford"  # "Mr Ford" is a person


def test_only_person_mentions_are_linked() -> None:
    index = AliasIndex.build([[m("Robert Jordan", text="Robert Jordan")]])
    assert index.relink([m("Jordan", "GPE")])[0].name == "Jordan"


def test_a_one_off_guess_does_not_make_a_surname_ambiguous() -> None:
    articles = [[m("Tony Blair", text="Tony Blair")], [m("Vote Blair", guessed=True, text="Vote Blair")]]
    assert AliasIndex.build(articles).full_name("Blair") == "Tony Blair"
    articles.append([m("Vote Blair", guessed=True, text="Vote Blair")])
    assert AliasIndex.build(articles).full_name("Blair") is None  # seen twice: a real rival
