"""Linking inside one article: give every mention its canonical name and one label.

* Company names lose their legal suffix and are looked up again ("Texaco Inc" -> "Texaco",
  "Standard and Poor's Corp" -> "Standard & Poor's"); the suffix is kept as the mention's
  context, and a name seen with one is an organisation in all its mentions, whatever its
  short form looks like ("Philip Morris Inc" ... "Philip Morris").
* A bare surname links to the one full name of this article that ends with it, used
  earlier or later ("Abe" -> "Shinzo Abe"); failing that, to the one full name that starts
  with it ("Xi" -> "Xi Jinping"). Two candidates: no link. A bare word without a label
  links to the one organisation name of this article starting with it ("Dome" -> "Dome
  Petroleum").
* An unknown acronym links to the one multi-word name of this article with those initials
  ("CFTC" -> "Commodity Futures Trading Commission"); a known one keeps its gazetteer name.
* Spelling variants are one entity (name keys ignore case and dots: "U.S." ~ "US"), and all
  mentions of one entity get one label: the most frequent label backed by evidence, else
  the most frequent guess, else MISC.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from search.analysis.entities.gazetteer import Gazetteer, gazetteer
from search.analysis.entities.lexicon import lexicon
from search.analysis.entities.types import LABEL_PRIORITY, Mention, name_key

LEGAL_SUFFIXES = frozenset(
    {"Inc", "Inc.", "Incorporated", "Corp", "Corp.", "Co", "Co.", "Cos", "Ltd", "Ltd.", "Plc", "PLC", "plc"}
    | {"LLC", "LP", "AG", "SA", "NV", "BV", "GmbH", "SpA", "AB", "Oyj", "KK", "Bhd", "Pty"}
)
# Context of a company name right after another name word ("Alex. Brown Inc", "Helen of Troy Corp"):
# it may be the end of a longer name, so its company form proves nothing about the short one.
CUT = "cut"
_LINKABLE = ("PERSON", "MISC")
PLACE_LABELS = frozenset({"GPE", "LOC"})


def strip_legal_suffix(name: str) -> str:
    """Drop company-form words: "Matsushita Electric Co Ltd" -> "Matsushita Electric", "Goldman Sachs and
    Co" -> "Goldman Sachs" (but "Adams and Co" keeps its form: one word alone would read as a surname)."""
    words = name.split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES and words[-2] not in ("and", "&"):
        words.pop()
    if len(words) > 3 and words[-1] in LEGAL_SUFFIXES and words[-2] in ("and", "&"):
        del words[-2:]
    rest = " ".join(words)
    return name if lexicon().generic_alone(rest) else rest


def _canonical_org(mention: Mention, gaz: Gazetteer) -> Mention:
    stripped = strip_legal_suffix(mention.name)
    if stripped == mention.name:
        return mention
    known = gaz.get(stripped)
    if known is not None and known.label in PLACE_LABELS:
        return mention  # a company named after a place is not the place ("Greenland NV")
    form = mention.context or mention.name[len(stripped) :].strip()
    return replace(mention, name=known.name if known is not None else stripped, context=form)


def company_form(mention: Mention) -> bool:
    """Whether the mention carried a company form that linking took off ("Inc", "Co Ltd")."""
    return mention.label == "ORG" and bool(mention.context) and mention.context.split()[-1] in LEGAL_SUFFIXES


def company_keys(mentions: Sequence[Mention]) -> set[str]:
    """Name keys seen with a company form among ``mentions``: those names are organisations."""
    return {name_key(m.name) for m in mentions if company_form(m)}


def _unique(names: set[str] | None) -> str | None:
    return next(iter(names)) if names is not None and len(names) == 1 else None


def _link_short_forms(mentions: list[Mention]) -> list[Mention]:
    """Bare words to the full person or organisation name of this article."""
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    org_by_first: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        words = m.name.split()
        if m.label == "PERSON" and len(words) > 1:
            by_last[name_key(words[-1])].add(m.name)
            by_first[name_key(words[0])].add(m.name)
        elif m.label == "ORG" and len(words) > 1:
            org_by_first[name_key(words[0])].add(m.name)  # "Dome" -> "Dome Petroleum"
    out = []
    for m in mentions:
        if m.label in _LINKABLE and " " not in m.name:
            key = name_key(m.name)
            full = _unique(by_last.get(key)) if key in by_last else _unique(by_first.get(key))
            if full is not None:
                m = replace(m, name=full, label="PERSON", guessed=False)
            elif m.label == "MISC" and (org := _unique(org_by_first.get(key))) is not None:
                m = replace(m, name=org, label="ORG")
        out.append(m)
    return out


def initials(name: str) -> str:
    """Capital initials without particles: "Ministry of International Trade and Industry" -> "MITI"."""
    particles = lexicon().particles
    words = name.replace("-", " ").split()
    return "".join(w[0] for w in words if w.lower() not in particles and w[0].isupper())


def _link_acronyms(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    by_initials: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if " " in m.name and m.label not in ("PERSON", "MISC"):
            by_initials[initials(m.name)].add(m.name)
    out = []
    for m in mentions:
        letters = m.name.replace(".", "")
        if letters.isupper() and " " not in letters and len(letters) > 1 and gaz.get(m.text) is None:
            full = _unique(by_initials.get(letters))
            if full is not None:
                m = replace(m, name=full)
        out.append(m)
    return out


Vote = tuple[str, bool]  # (label, guessed)


def best_label(scores: Mapping[str, float]) -> str:
    """Highest score; ties go to the label listed first in :data:`LABELS`."""
    return min(scores, key=lambda label: (-scores[label], LABEL_PRIORITY.get(label, len(LABEL_PRIORITY))))


def vote_label(votes: Sequence[Vote]) -> Vote:
    """The label of one entity in one article: evidence beats guesses, guesses beat MISC."""
    if all(vote == votes[0] for vote in votes[1:]):  # the usual case: nothing to settle
        return votes[0] if votes[0][0] != "MISC" else ("MISC", False)
    evidence: Counter[str] = Counter()
    guesses: Counter[str] = Counter()
    for label, guessed in votes:
        if label != "MISC":
            (guesses if guessed else evidence)[label] += 1
    if evidence:
        return best_label(evidence), False
    return (best_label(guesses), True) if guesses else ("MISC", False)


def relabel(mention: Mention, vote: Vote) -> Mention:
    label, guessed = vote
    if mention.label == label and mention.guessed == guessed:
        return mention
    return replace(mention, label=label, guessed=guessed)


def unify_labels(mentions: Sequence[Mention]) -> list[Mention]:
    """Give all mentions with the same name key the label of :func:`vote_label`."""
    groups: dict[str, list[Vote]] = defaultdict(list)
    for m in mentions:
        groups[name_key(m.name)].append((m.label, m.guessed))
    votes = {key: vote_label(group) for key, group in groups.items()}
    for key in company_keys(mentions):  # (a town's name is also its firm's: "Minnetonka Inc")
        if votes[key][0] not in PLACE_LABELS:
            votes[key] = ("ORG", False)
    return [relabel(m, votes[name_key(m.name)]) for m in mentions]


def link_article(mentions: Sequence[Mention], gaz: Gazetteer | None = None) -> list[Mention]:
    """Canonical names and one label per entity for the mentions of one article."""
    gaz = gaz or gazetteer()
    linked = [_canonical_org(m, gaz) if m.label == "ORG" else m for m in mentions]
    linked = _link_acronyms(_link_short_forms(unify_labels(linked)), gaz)
    return unify_labels(linked)
