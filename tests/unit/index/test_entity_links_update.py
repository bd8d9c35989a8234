"""Entity links updated for a few changed articles are the links a full link of the changed corpus gives."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from search.analysis.entities import Mention, analyse_article, link_corpus
from search.analysis.entities.corpus_linker import CorpusLinker
from search.analysis.entities.user import UserEntities, UserEntity
from search.corpus.loader import build_articles, read_file
from search.index.entity_links import EntityLinks
from search.model import Block
from tests.conftest import require_shared_corpus

TEXTS = {
    "a.txt": "Fed chairman Alan Greenspan spoke in Washington. Greenspan said rates would hold.",
    "b.txt": "Greenspan warned Congress on Tuesday. The Federal Reserve kept rates.",
    "c.txt": "John Smith of Ford Motor Co met Adam Smith in Detroit. Smith left early.",
    "d.txt": "Ford sold more cars. Mr Ford was not there. Chelsea beat Arsenal in London.",
    "e.txt": "In Moscow, Yuganskneftegas was sold at auction. The Kremlin said nothing.",
    "f.txt": "Yuganskneftegaz bids were opened in Moscow by the Russian Federal Property Fund.",
    "g.txt": "Shares of Yuganskneftegas fell, and Yuganskneftegas owes taxes, the Kremlin said.",
    "h.txt": "Prime Minister Shinzo Abe met President Donald Trump in Tokyo. Abe smiled.",
    "i.txt": "Abe and Trump spoke of the Trans-Pacific Partnership (TPP) in Tokyo on Monday.",
    "k.txt": "On Thursday, Mr Greenspan testified again before the Senate.",
    "m.txt": "Flights to Zarvania were cancelled, and Zarvania airport closed.",
    "p.txt": "Flights to Quorn Vallis were cancelled, the airline said.",
    "s.txt": "In Moscow, Yugansk was sold at auction on Friday.",
}
EDITS = {
    "b.txt": "Adam Greenspan, no relation, opened a bakery. Greenspan bakes bread in Boston.",
    "h.txt": None,  # removed
    "j.txt": "Tokyo welcomed Senator Zebulon Quartermaine on Monday. Quartermaine spoke of trade.",
    "n.txt": "On Friday, Mr Zarvania left. Mr Zarvania smiled.",
    "q.txt": "On Friday, the people of Quorn Vallis voted. Senator Quorn Vallis spoke.",
    "r.txt": "Officials said Yuganskneftegaz was sold, and that Yugansk owed taxes.",
    "f.txt": "Yuganskneftegaz bids opened. Yuganskneftegaz again, said Yuganskneftegaz. Yuganskneftegaz won.",
}


def analyse(body: str) -> list[Mention]:
    return analyse_article(body, (Block(0, len(body)),))


def first_pass(texts: Mapping[str, str | None]) -> dict[str, list[Mention] | None]:
    return {aid: None if body is None else analyse(body) for aid, body in texts.items()}


def full(first: Mapping[str, Sequence[Mention]], user: UserEntities) -> EntityLinks:
    linker = CorpusLinker(user)
    linker.apply(first)
    return EntityLinks.build(linker, "full")


def views(links: EntityLinks, first: Mapping[str, Sequence[Mention]]) -> dict[str, Any]:
    """Everything a screen or a query asks the links, by article and entity id (never by number)."""
    names = {m.name for ms in first.values() for m in ms} | {m.text for ms in first.values() for m in ms}
    return {
        "entities": links.entities,
        "mentions_of": {e.id: links.mentions_of(e) for e in links.entities},
        "cooccurring": {e.id: sorted((o.id, n) for o, n in links.cooccurring(e)) for e in links.entities},
        "mentions": {aid: links.mentions(aid) for aid in first},
        "palette": [
            (c, links.entities[o].id) for c, o in zip(links.choices, links.choice_owner, strict=True)
        ],
        "names": {
            n: (links.display_name(n), links.first_pass_names(n), links.find(n)) for n in sorted(names)
        },
    }


def apply(first: dict[str, list[Mention]], changes: Mapping[str, list[Mention] | None]) -> None:
    for aid, found in changes.items():
        if found is None:
            first.pop(aid, None)
        else:
            first[aid] = found


@pytest.mark.parametrize(
    "user", [UserEntities(), UserEntities((UserEntity("Alan Greenspan", "PERSON", ("Greenspan",)),))]
)
def test_an_update_gives_what_a_full_link_of_the_changed_corpus_gives(
    user: UserEntities, tmp_path: Path
) -> None:
    first: dict[str, list[Mention]] = first_pass(TEXTS)  # type: ignore[assignment]
    links = full(first, user)
    assert links.display_name("greenspan") == "Alan Greenspan"  # "Mr Greenspan" in k.txt
    assert {m.name for m in links.mentions("e.txt")} >= {"Yuganskneftegas"}
    assert [m.label for m in links.mentions("m.txt")] == ["MISC", "MISC"]
    assert [(m.label, m.guessed) for m in links.mentions("p.txt")] == [("PERSON", True)]
    assert [m.name for m in links.mentions("s.txt")] == ["Moscow", "Yugansk"]
    changes = first_pass(EDITS)
    apply(first, changes)  # type: ignore[arg-type]
    updated = links.updated(changes, user, "updated")
    expected = full(first, user)
    assert views(updated, first) == views(expected, first)
    reference = link_corpus(first, user)  # the linking of the analysis layer, from scratch
    assert updated.entities == reference.entities
    assert {aid: updated.mentions(aid) for aid in first} == reference.mentions
    quartermaine = updated.find("Zebulon Quartermaine")
    assert quartermaine is not None and quartermaine.article_ids == ("j.txt",)
    assert updated.find("Shinzo Abe") is None  # only the removed article named him in full
    # unchanged articles linked again: "Greenspan" may be Adam now; Yuganskneftegaz is the most used spelling
    assert [m.name for m in updated.mentions("k.txt")] == ["Alan Greenspan" if user.entities else "Greenspan"]
    assert [m.label for m in updated.mentions("m.txt")] == [
        "PERSON",
        "PERSON",
    ]  # two articles of "Mr Zarvania"
    assert [(m.label, m.guessed) for m in updated.mentions("p.txt")] == [("PERSON", False)]  # a senator
    assert [m.name for m in updated.mentions("s.txt")] == ["Moscow", "Yuganskneftegaz"]  # a short form
    assert {m.name for m in updated.mentions("e.txt")} >= {"Yuganskneftegaz"}
    # saved and loaded, the update goes on from where it was, whichever entities were asked for
    # before it (each is made from its saved row when first asked for)
    updated.save(tmp_path, "code")
    back = {"h.txt": analyse(TEXTS["h.txt"])}
    apply(first, back)
    expected = views(full(first, user), first)
    for asked in ([], ["Tokyo", "Greenspan", "Zebulon Quartermaine"], ["*"]):
        loaded = EntityLinks.load(tmp_path, "code")
        assert loaded is not None and loaded.source == "updated"
        made = list(loaded.entities) if asked == ["*"] else [loaded.find(name) for name in asked]
        assert None not in made
        assert views(loaded.updated(back, user, "again"), first) == expected


def test_a_change_that_changes_nothing_links_nothing_again() -> None:
    first: dict[str, list[Mention]] = first_pass(TEXTS)  # type: ignore[assignment]
    linker = CorpusLinker(UserEntities())
    linker.apply(first)
    assert linker.apply({"a.txt": first["a.txt"]}).articles == {}
    delta = linker.apply({"a.txt": analyse(TEXTS["a.txt"] + " Paul Volcker agreed.")})
    assert set(delta.articles) == {"a.txt"}  # no other article holds a name whose answer changed


def test_random_changes_to_real_articles_match_a_full_link(tmp_path: Path) -> None:
    root = require_shared_corpus()
    rels = sorted(p.relative_to(root).as_posix() for p in (root / "reuters21578").rglob("*.md"))[:300]
    first = {
        a.id: analyse_article(a.body, a.blocks) for rel in rels for a in build_articles(read_file(root, rel))
    }
    ids = sorted(first)
    user = UserEntities()
    links = full(first, user)
    rng = random.Random(14)
    for step in range(12):
        changes: dict[str, list[Mention] | None] = {}
        for _ in range(rng.randint(1, 5)):
            aid = rng.choice(ids)
            changes[aid] = None if rng.random() < 0.3 else list(first.get(rng.choice(ids)) or [])
        apply(first, changes)
        if step % 2:  # saved and loaded in between: the update starts from what was saved
            links.save(tmp_path, "code")
            loaded = EntityLinks.load(tmp_path, "code")
            assert loaded is not None
            links = loaded
        links = links.updated(changes, user, f"step {step}")
        assert views(links, first) == views(full(first, user), first), f"step {step}: {sorted(changes)}"
