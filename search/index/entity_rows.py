"""The entity table as the entity links save it: a row of plain values an entity (its articles as
numbers), made into ``Entity`` objects only when asked for (``Table``)."""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from typing import overload

from search.analysis.entities.types import Entity

Row = tuple[str, str, str, tuple[str, ...], str, bytes, int]  # an entity as saved (see ``entity``)


def row(entity: Entity, number: Mapping[str, int]) -> Row:
    """An entity as saved: its articles by number (compact, and quick to save and load)."""
    numbers = array("I", (number[a] for a in entity.article_ids)).tobytes()
    return (
        entity.id,
        entity.name,
        entity.label,
        entity.aliases,
        entity.description,
        numbers,
        entity.mention_count,
    )


def entity(row: Row, articles: Sequence[str | None]) -> Entity:
    eid, name, label, aliases, about, numbers, n = row
    return Entity(
        eid, name, label, tuple(aliases), about, tuple(map(articles.__getitem__, array("I", numbers))), n
    )  # type: ignore[arg-type]


def order_key(row: Row) -> tuple[int, str, str]:
    return -row[6], row[1], row[0]


class Table(Sequence[Entity]):
    """The entities, most mentioned first, each made from its saved row when first asked for: a fresh
    process that links one changed article again, or shows the palette's few best matches, asks for
    a few of tens of thousands."""

    def __init__(
        self,
        order: array[int],
        rows: Sequence[Row | None],
        articles: Sequence[str | None],
        made: dict[int, Entity],
    ) -> None:
        self._order, self._rows, self._articles, self._made = order, rows, articles, made

    def slot(self, slot: int) -> Entity:
        """The entity kept in ``slot``."""
        found = self._made.get(slot)
        if found is None:
            found = self._made[slot] = entity(self._rows[slot], self._articles)  # type: ignore[arg-type]
        return found

    def made(self) -> dict[int, Entity]:
        """The entities made so far, by slot."""
        return dict(self._made)

    def ids(self) -> list[str]:
        """Each entity's id, in order (none made for it)."""
        return [self._rows[slot][0] for slot in self._order]  # type: ignore[index]

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> Entity: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entity]: ...

    def __getitem__(self, index: int | slice) -> Entity | list[Entity]:
        if isinstance(index, slice):
            return [self.slot(slot) for slot in self._order[index]]
        return self.slot(self._order[index])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]
