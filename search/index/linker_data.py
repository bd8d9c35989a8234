"""A ``CorpusLinker`` as data (kept inside the entity links file: see ``entity_links``), and back.

Its counts are plain maps and lists; the two big tables of article sets (which articles hold a
name, which articles an entity is in) stay arrays of article numbers, made sets only for the
names a change reaches, so that loading it for one changed file is quick. Packed on its own
(``pack``), the entity links file carries it as one blob, unpacked only when a change needs it.
"""

from __future__ import annotations

from array import array
from typing import Any

import msgpack

from search.analysis.entities.corpus_linker import CorpusLinker
from search.analysis.entities.user import UserEntities
from search.index.datafile import columns, from_columns


def pack(linker: CorpusLinker) -> bytes:
    """Everything but the linked mentions (the entity links keep those: ``article_rows``)."""
    data = {
        "articles": linker.articles,
        "first": columns(linker.first),
        "spellings": linker.aliases.spellings,
        "support": columns(linker.aliases.support),
        "votes": columns(linker.aliases.votes),
        "labels": columns({k: [[*vote, n] for vote, n in v.items()] for k, v in linker.votes.items()}),
        "counts": [[label, name, n] for (label, name), n in linker.counts.items()],
        "renames": [[*block, merges] for block, merges in linker.renames.items()],
        "blocks": [[*block, sorted(names)] for block, names in linker.blocks.items()],
        "holders": columns({k: _array(v) for k, v in linker.holders.items()}),
        "table": columns(
            {
                k: [linker.label[k], v, linker.texts[k], _array(linker.where[k])]
                for k, v in linker.spellings.items()
            }
        ),
        "first_votes": columns(linker.first_votes),
    }
    return msgpack.packb(data, use_bin_type=True)


def unpack(
    blob: bytes, user: UserEntities, final: dict[str, bytes], entity_of_first: dict[str, str]
) -> CorpusLinker:
    """The linker ``pack`` saved; ``final`` and ``entity_of_first``: what the entity links were
    saved with (``ValueError``, ``KeyError``, ``TypeError``: the data is not what ``pack`` makes)."""
    data: dict[str, Any] = msgpack.unpackb(blob, raw=False)
    linker = CorpusLinker(user)
    linker.articles = data["articles"]
    linker.number = {aid: n for n, aid in enumerate(linker.articles) if aid is not None}
    linker.first = from_columns(data["first"])
    linker.final = final
    linker.aliases.spellings = data["spellings"]
    linker.aliases.support = from_columns(data["support"])
    linker.aliases.votes = from_columns(data["votes"])
    linker.votes = {
        key: {(label, guessed): n for label, guessed, n in votes}
        for key, votes in from_columns(data["labels"]).items()
    }
    linker.counts = {(label, name): n for label, name, n in data["counts"]}
    linker.blocks = {(label, prefix): {(k, n) for k, n in names} for label, prefix, names in data["blocks"]}
    for label, prefix, merges in data["renames"]:
        linker.renames[label, prefix] = merges
        linker.rename.update(merges)
    linker.holders = from_columns(data["holders"])
    for key, (label, spellings, texts, where) in from_columns(data["table"]).items():
        linker.label[key], linker.spellings[key], linker.texts[key], linker.where[key] = (
            label,
            spellings,
            texts,
            where,
        )
    linker.first_votes = from_columns(data["first_votes"])
    linker.entity_of_first = entity_of_first
    if set(linker.first) != set(linker.number) or set(final) != set(linker.number):
        raise ValueError("the linker's articles do not match")
    return linker


def _array(found: set[int] | bytes) -> bytes:
    return found if isinstance(found, bytes) else array("I", sorted(found)).tobytes()
