"""A ``CorpusLinker`` as data (kept inside the entity links file: see ``entity_links``), and back.

Its counts are plain maps and lists; the two big tables of article sets (which articles hold a
name, which articles an entity is in) stay arrays of article numbers, made sets only for the
names a change reaches, so that loading it for one changed file is quick. Packed on its own
(``pack``), the entity links file carries it as one blob, unpacked only when a change needs it.
Its first-pass mentions are kept apart (``first_saved``): only as they differ from the saved
mentions' whole (``mention_store``), which holds every article's already.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import msgpack

from search.analysis.entities.corpus_linker import CorpusLinker
from search.analysis.entities.user import UserEntities
from search.index import mention_store
from search.index.datafile import DamagedFile, columns, from_columns


class Packed(dict):  # type: ignore[type-arg]
    """A map whose values were saved packed, each unpacked (``decode``) when first asked for: an
    update asks for a few of tens of thousands."""

    def __init__(
        self, saved: Iterable[tuple[Any, bytes]], decode: Callable[[Any], Any] = lambda v: v
    ) -> None:
        super().__init__(saved)
        self._decode = decode

    def __getitem__(self, key: Any) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, bytes):
            value = self._decode(msgpack.unpackb(value, raw=False))
            super().__setitem__(key, value)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 (dict.get would not unpack)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key in self:
            return self[key]
        super().__setitem__(key, default)
        return default


def _packed(found: dict[str, Any], encode: Callable[[Any], Any] = lambda v: v) -> list[list[Any]]:
    """``found`` as columns, each value packed (as saved, if it was never unpacked)."""
    items = dict.items(found)
    return [
        list(dict.keys(found)),
        [v if isinstance(v, bytes) else msgpack.packb(encode(v)) for _, v in items],
    ]


def pack(linker: CorpusLinker) -> bytes:
    """Everything but the mentions (the entity links keep the linked ones, ``article_rows``, and
    the first-pass ones as they differ from the saved mentions)."""
    data = {
        "articles": linker.articles,
        "spellings": _packed(linker.aliases.spellings),
        "support": columns(linker.aliases.support),
        "votes": columns(linker.aliases.votes),
        "labels": _packed(linker.votes, lambda votes: [[*vote, n] for vote, n in votes.items()]),
        "counts": [[label, name, n] for (label, name), n in linker.counts.items()],
        "renames": [[*block, merges] for block, merges in linker.renames.items()],
        "blocks": [
            [*block, names if isinstance(names, bytes) else msgpack.packb(sorted(names))]
            for block, names in dict.items(linker.blocks)
        ],
        "follows": [[*pair, n] for pair, n in linker.follows.items()],
        "holders": columns({k: _array(v) for k, v in linker.holders.items()}),
        "label": columns(linker.label),
        "names": _packed(linker.spellings),
        "texts": _packed(linker.texts),
        "where": columns({k: _array(v) for k, v in linker.where.items()}),
        "first_votes": _packed(linker.first_votes),
    }
    return msgpack.packb(data, use_bin_type=True)


def unpack(
    blob: bytes,
    user: UserEntities,
    first: dict[str, bytes],
    final: dict[str, bytes],
    entity_of_first: dict[str, str],
) -> CorpusLinker:
    """The linker ``pack`` saved; ``first``, ``final`` and ``entity_of_first``: what the entity
    links were saved with (``ValueError``, ``KeyError``, ``TypeError``: the data is not what
    ``pack`` makes)."""
    data: dict[str, Any] = msgpack.unpackb(blob, raw=False)
    linker = CorpusLinker(user)
    linker.articles = data["articles"]
    linker.number = dict(zip(linker.articles, range(len(linker.articles)), strict=True))  # (in C)
    linker.number.pop(None, None)  # type: ignore[call-overload]  # (the holes gone articles left)
    linker.first = first
    linker.final = final
    linker.aliases.spellings = Packed(zip(*data["spellings"], strict=True))
    linker.aliases.support = from_columns(data["support"])
    linker.aliases.votes = from_columns(data["votes"])
    linker.votes = Packed(zip(*data["labels"], strict=True), lambda votes: {(lb, g): n for lb, g, n in votes})
    linker.counts = {(label, name): n for label, name, n in data["counts"]}
    linker.follows = {(a, b): n for a, b, n in data["follows"]}
    linker.blocks = Packed(
        (((label, prefix), names) for label, prefix, names in data["blocks"]),
        lambda names: {(k, n) for k, n in names},
    )
    for label, prefix, merges in data["renames"]:
        linker.renames[label, prefix] = merges
        linker.rename.update(merges)
    linker.holders = from_columns(data["holders"])
    linker.label = from_columns(data["label"])
    linker.spellings = Packed(zip(*data["names"], strict=True))
    linker.texts = Packed(zip(*data["texts"], strict=True))
    linker.where = from_columns(data["where"])
    linker.first_votes = Packed(zip(*data["first_votes"], strict=True))
    linker.entity_of_first = entity_of_first
    if set(linker.first) != set(linker.number) or set(final) != set(linker.number):
        raise ValueError("the linker's articles do not match")
    return linker


def first_saved(folder: Path, source: str, first: Mapping[str, bytes]) -> dict[str, Any]:
    """The linker's first-pass mentions (``first``, those of ``source``) as saved: how they differ
    from the saved mentions' whole they were linked from; all of them if that is gone."""
    base = source.split("/")[0]
    try:
        whole = mention_store.whole(folder, base)
    except DamagedFile:
        whole = None
    if whole is None:
        return {"base": "", "changed": columns(first), "gone": []}
    changed = {aid: blob for aid, blob in dict.items(first) if whole.get(aid) != blob}
    return {"base": base, "changed": columns(changed), "gone": [aid for aid in whole if aid not in first]}


def first(folder: Path | None, saved: dict[str, Any] | None) -> dict[str, bytes] | None:
    """The linker's first-pass mentions as ``first_saved`` saved them (None: their whole is gone)."""
    if saved is None or folder is None:
        raise DamagedFile("links: saved without what an update needs")
    changed = from_columns(saved["changed"])
    if not saved["base"]:
        return changed
    found = mention_store.whole(folder, saved["base"])
    if found is None:
        return None
    for aid in saved["gone"]:
        del found[aid]
    found.update(changed)
    return found


def stale(folder: Path, source: str, base: str) -> bool:
    """Whether links of the saved mentions ``source``, kept against their whole ``base``, can
    neither be used as they are nor updated (that whole has been saved anew since)."""
    return (
        bool(base)
        and source != mention_store.saved_version(folder)
        and base != mention_store.saved_version(folder, whole_only=True)
    )


def _array(found: set[int] | bytes) -> bytes:
    return found if isinstance(found, bytes) else array("I", sorted(found)).tobytes()
