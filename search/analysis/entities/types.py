"""Value types of the entity layer: mentions found in one article and entities of a corpus."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "PRODUCT", "FAC", "MISC")

# When the mentions of one entity disagree, the most frequent label wins; ties go to the
# label listed first. MISC ("no evidence") only wins when nothing else was seen.
LABEL_PRIORITY: dict[str, int] = {label: rank for rank, label in enumerate(LABELS)}


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name in an article body.

    ``body[start:end] == text`` always holds. ``name`` is the canonical name after linking
    ("Abe" -> "Shinzo Abe", "U.S." -> "United States", "Japanese" -> "Japan"). ``context``
    keeps what was stripped or inferred around the name: the title before a person
    ("Prime Minister", "ex-President"), ``"demonym"`` for a nationality adjective linked to
    its country, ``"dateline"`` for the place a wire story was filed from. ``guessed`` is
    True when the label rests only on the shape of the words (two capitalised words ->
    PERSON, an unknown acronym -> ORG), so that real evidence elsewhere wins over it.
    """

    start: int
    end: int
    text: str
    label: str
    name: str
    context: str = ""
    guessed: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """One row of the corpus entity table."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    article_ids: tuple[str, ...] = ()
    mention_count: int = 0


_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """ASCII, lower-case, hyphen-separated form of ``name`` ("Côte d'Ivoire" -> "cote-d-ivoire")."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM_RE.sub("-", name.lower()).strip("-") or "x"


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Key under which two spellings of a name are one entity: "U.S." ~ "US", "Nato" ~ "NATO"."""
    return slugify(name.replace(".", ""))


def entity_id(label: str, name: str) -> str:
    """Stable id of an entity, e.g. ``entity_id("PERSON", "Shinzo Abe") == "person:shinzo-abe"``."""
    return f"{label.lower()}:{name_key(name)}"
