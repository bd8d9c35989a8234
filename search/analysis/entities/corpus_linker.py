"""Linking across the corpus, kept up to date article by article (what ``link_corpus`` gives,
without reading every article again when a few change).

``link_corpus`` runs four corpus-wide steps over the first-pass mentions: the alias index
(surnames to full names), the label vote (one label per name), the spelling merge (variants
to their most mentioned spelling) and the entity table. Each step is a sum over articles of
what one article tells it, and each article's linked mentions depend on it only through the
answers for the names it holds. So ``CorpusLinker`` keeps those sums, and which articles hold
each name (``holders``): when articles change it takes their old share out and puts their new
one in, step by step, and links again only the articles holding a name whose answer changed
(``apply``). The result is the same as linking the changed corpus from scratch (tests check).

Per-article mentions are kept packed (``pack``): the first pass, to take an article's share
out when it changes, and the linked mentions, which the entity links keep too.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import msgpack

from search.analysis.entities.aliases import AliasIndex, article_names, relink
from search.analysis.entities.linking import Vote, relabel
from search.analysis.entities.spellings import article_follows, block_map, spelling_block
from search.analysis.entities.table import article_votes, corpus_vote, entity_row
from search.analysis.entities.types import LABEL_PRIORITY, Entity, Mention, entity_id, name_key
from search.analysis.entities.user import UserEntities, apply_user


def pack(mentions: Iterable[Mention]) -> bytes:
    return msgpack.packb([(m.start, m.end, m.text, m.label, m.name, m.context, m.guessed) for m in mentions])


def unpack(blob: bytes | None) -> list[Mention]:
    return [Mention(*row) for row in msgpack.unpackb(blob)] if blob else []


def _count(counts: dict, key: object, by: int) -> None:  # type: ignore[type-arg]
    if n := counts.get(key, 0) + by:
        counts[key] = n
    else:
        counts.pop(key, None)


@dataclass
class Delta:
    """What one ``apply`` changed: the articles whose linked mentions were made again (with their
    mentions before), and the name keys of the entity table rows that changed."""

    articles: dict[str, list[Mention]] = field(default_factory=dict)  # article -> linked mentions before
    keys: set[str] = field(default_factory=set)
    firsts: set[str] = field(default_factory=set)  # first-pass names whose entity may have changed


class CorpusLinker:
    def __init__(self, user: UserEntities) -> None:
        self.user = user
        self.protected = frozenset(name_key(n) for e in user.entities for n in (e.name, *e.aliases))
        self.descriptions = {name_key(e.name): e.description for e in user.entities if e.description}
        self.first: dict[str, bytes] = {}  # article -> its first-pass mentions, packed
        self.final: dict[str, bytes] = {}  # article -> its linked mentions, packed
        self.aliases = AliasIndex()
        self.votes: dict[str, dict[Vote, int]] = {}  # name key -> label vote -> articles
        self.counts: dict[tuple[str, str], int] = {}  # (label, name) -> mentions, of names that may merge
        self.blocks: dict[tuple[str, str], set[tuple[str, str]]] = {}  # spelling block -> (key, name)
        self.follows: dict[tuple[str, str], int] = {}  # (earlier, later name key) -> articles, see spellings
        self.renames: dict[tuple[str, str], dict[str, str]] = {}  # spelling block -> its merges
        self.rename: dict[str, str] = {}  # name key -> the spelling it merges into (every block's)
        self.articles: list[str | None] = []  # article numbers (a gone article leaves a hole)
        self.number: dict[str, int] = {}
        self.holders: dict[str, set[int] | bytes] = {}  # name key (first-pass or relinked) -> articles
        self.spellings: dict[str, dict[str, int]] = {}  # linked name key -> name -> mentions
        self.texts: dict[str, dict[str, int]] = {}  # linked name key -> text -> mentions
        self.where: dict[str, set[int] | bytes] = {}  # linked name key -> articles
        self.label: dict[str, str] = {}  # linked name key -> its label
        self.first_votes: dict[str, dict[str, int]] = {}  # first-pass name -> entity id -> mentions
        self.entity_of_first: dict[str, str] = {}  # first-pass name -> its entity (``_first_rank``)
        self._labels: dict[str, Vote] = {}  # the labels an ``apply`` found, while it runs

    # -- answers ------------------------------------------------------------------------------

    def label_of(self, key: str) -> Vote | None:
        votes = self.votes.get(key)
        return corpus_vote(votes) if votes else None

    def entity(self, key: str) -> Entity | None:
        """The entity table row of linked name key ``key`` (None: no mention has it)."""
        if key not in self.spellings:
            return None
        about = self.descriptions.get(key, "")
        where = map(self.articles.__getitem__, _numbers(self.where, key))
        return entity_row(self.label[key], self.spellings[key], self.texts[key], where, about)  # type: ignore[arg-type]

    def mentions(self) -> dict[str, list[Mention]]:
        return {article_id: unpack(blob) for article_id, blob in self.final.items()}

    # -- changes ------------------------------------------------------------------------------

    def apply(self, changes: Mapping[str, Sequence[Mention] | None]) -> Delta:
        """Link again after ``changes`` (article -> its new first-pass mentions; None: gone)."""
        packed = {aid: (pack(ms) if ms is not None else None) for aid, ms in changes.items()}
        changed = {aid: blob for aid, blob in packed.items() if self.first.get(aid) != blob}
        given = {aid: list(ms) for aid, ms in changes.items() if aid in changed and ms is not None}
        delta = Delta()
        if not changed:
            return delta
        everything = not self.first  # a first build: every article is linked anyway
        old_first = {aid: self.first[aid] for aid in changed if aid in self.first}
        staged_old = {aid: self._stage(blob) for aid, blob in old_first.items()}
        staged_new = {aid: apply_user(ms, self.user) for aid, ms in given.items()}
        for aid, blob in changed.items():
            if blob is None:
                del self.first[aid]
            else:
                self.first[aid] = blob
                if aid not in self.number:
                    self.number[aid] = len(self.articles)
                    self.articles.append(aid)

        # 1. the alias index
        names_old = {aid: article_names(s) for aid, s in staged_old.items()}
        names_new = {aid: article_names(s) for aid, s in staged_new.items()}
        touched = {k for n in (*names_old.values(), *names_new.values()) for k in _alias_keys(n)}
        full_before = {k: self.aliases.full_key_name(k) for k in touched}
        bare_before = {k: self.aliases.bare_person(k) for k in touched}
        for names in names_old.values():
            self.aliases.add(names, -1)
        for names in names_new.values():
            self.aliases.add(names, 1)
        aliases = self.aliases
        dirty = {
            k
            for k in touched
            if (aliases.full_key_name(k), aliases.bare_person(k)) != (full_before[k], bare_before[k])
        }

        def full_old(key: str) -> str | None:
            return full_before[key] if key in full_before else self.aliases.full_key_name(key)

        def bare_old(key: str) -> bool:
            return bare_before[key] if key in bare_before else self.aliases.bare_person(key)

        # 2. the label vote, over the relinked mentions of the articles a changed answer reaches
        relinked = set(changed) if everything else set(changed) | self._held(dirty)
        before: dict[str, list[Mention]] = {}  # relinked mentions before and after
        after: dict[str, list[Mention]] = {}
        for aid in relinked:
            if aid in changed:
                s_old, s_new = staged_old.get(aid), staged_new.get(aid)
            else:
                s_old = s_new = self._stage(self.first[aid])
            if s_old is not None:
                before[aid] = self._relink(s_old, full_old, bare_old)
                self._hold(aid, s_old, before[aid], -1)
            if s_new is not None:
                after[aid] = self._relink(s_new, self.aliases.full_key_name, self.aliases.bare_person)
                self._hold(aid, s_new, after[aid], 1)
        votes_old = {aid: article_votes(ms) for aid, ms in before.items()}
        votes_new = {aid: article_votes(ms) for aid, ms in after.items()}
        touched = {k for votes in (*votes_old.values(), *votes_new.values()) for k in votes}
        label_before = dict.fromkeys(touched) if everything else {k: self.label_of(k) for k in touched}
        for votes, sign in [(v, -1) for v in votes_old.values()] + [(v, 1) for v in votes_new.values()]:
            for key, vote in votes.items():
                _count(self.votes.setdefault(key, {}), vote, sign)
                if not self.votes[key]:
                    del self.votes[key]
        self._labels = {k: label for k in touched if (label := self.label_of(k)) is not None}
        dirty = {k for k in touched if self._labels.get(k) != label_before[k]}

        def label_old(key: str) -> Vote:
            found = label_before[key] if key in label_before else self.label_of(key)
            assert found is not None
            return found

        # 3. the spelling merge, over the mentions with unified labels
        unified = relinked if everything else relinked | self._held(dirty)
        for aid in unified - relinked:
            before[aid] = after[aid] = self._relink_now(aid)
        labelled_old = {aid: _relabel(before[aid], label_old) for aid in unified if aid in before}
        labelled_new = {aid: _relabel(after[aid], self._label_now) for aid in unified if aid in after}
        blocks: set[tuple[str, str]] = set()
        for mentions, sign in [
            *((m, -1) for m in labelled_old.values()),
            *((m, 1) for m in labelled_new.values()),
        ]:
            for (label, name), n in Counter((m.label, m.name) for m in mentions).items():
                self._count_spelling(label, name, sign * n, blocks)
        for aid in relinked:  # (the names of an article not relinked again are as they were)
            old = article_follows(before[aid]) if aid in before else set()
            new = article_follows(after[aid]) if aid in after else set()
            for pair, sign in [*((p, -1) for p in old - new), *((p, 1) for p in new - old)]:
                _count(self.follows, pair, sign)  # (its names' blocks are among ``blocks`` already)
        rename_before: dict[str, str | None] = {}
        for block in blocks:
            old_map = self.renames.pop(block, {})
            new_map = block_map(block[0], sorted(self.blocks.get(block, ())), self.counts, self.follows)
            if new_map:
                self.renames[block] = new_map
            for k in old_map.keys() | new_map.keys():
                rename_before.setdefault(k, old_map.get(k))
                if k in new_map:
                    self.rename[k] = new_map[k]
                else:
                    self.rename.pop(k, None)
        dirty = {k for k, old in rename_before.items() if self.rename.get(k) != old}

        # 4. the linked mentions and the entity table
        linked = unified if everything else unified | self._held(dirty)
        for aid in linked - unified:
            labelled_new[aid] = _relabel(self._relink_now(aid), self._label_now)
        finals = {}  # (a first build counts them all at once)
        for aid in linked:
            old = unpack(self.final.get(aid))
            delta.articles[aid] = old
            if old:
                self._tabulate(aid, old, unpack(old_first.get(aid, self.first.get(aid))), -1, delta)
            if aid in labelled_new:
                new = [replace(m, name=self.rename[k]) if (k := name_key(m.name)) in self.rename else m
                       for m in labelled_new[aid]]  # fmt: skip
                self.final[aid] = pack(new)
                if everything:
                    finals[aid] = new
                else:
                    self._tabulate(
                        aid, new, given[aid] if aid in given else unpack(self.first[aid]), 1, delta
                    )
            else:
                self.final.pop(aid, None)
        if finals:
            self._tabulate_all(finals, given, delta)
        for aid, blob in changed.items():
            if blob is None:
                self.articles[self.number.pop(aid)] = None
        for name in delta.firsts:
            votes = self.first_votes.get(name)
            if votes:
                self.entity_of_first[name] = min(votes, key=lambda eid: _first_rank(eid, votes[eid]))
            else:
                self.entity_of_first.pop(name, None)
        return delta

    # -- steps for one article --------------------------------------------------------------

    def _stage(self, blob: bytes) -> list[Mention]:
        return apply_user(unpack(blob), self.user)

    def _relink(
        self, staged: list[Mention], full: Callable[[str], str | None], bare: Callable[[str], bool]
    ) -> list[Mention]:
        return apply_user(relink(staged, full, bare), self.user)

    def _relink_now(self, aid: str) -> list[Mention]:
        """An unchanged article's relinked mentions (its answers did not change)."""
        return self._relink(
            self._stage(self.first[aid]), self.aliases.full_key_name, self.aliases.bare_person
        )

    def _label_now(self, key: str) -> Vote:
        found = self._labels.get(key) or self.label_of(key)
        assert found is not None
        return found

    def _held(self, keys: Iterable[str]) -> set[str]:
        """The articles holding any of ``keys`` (first-pass or relinked)."""
        found: set[int] = set()
        for key in keys:
            found |= _numbers(self.holders, key)
        return {self.articles[n] for n in found}  # type: ignore[misc]

    def _hold(self, aid: str, staged: list[Mention], relinked: list[Mention], sign: int) -> None:
        n = self.number[aid]
        for key in {name_key(m.name) for m in (*staged, *relinked)}:
            held = _numbers(self.holders, key)
            if sign > 0:
                held.add(n)
            else:
                held.discard(n)
                if not held:
                    del self.holders[key]

    def _count_spelling(self, label: str, name: str, sign: int, blocks: set[tuple[str, str]]) -> None:
        block = spelling_block(label, name, self.protected)
        if block is None:  # (never merged: not counted)
            return
        before = self.counts.get((label, name), 0)
        _count(self.counts, (label, name), sign)
        blocks.add(block)
        if before and not self.counts.get((label, name)):
            self.blocks[block].discard((name_key(name), name))
            if not self.blocks[block]:
                del self.blocks[block]
        elif not before:
            self.blocks.setdefault(block, set()).add((name_key(name), name))

    def _tabulate_all(
        self, finals: Mapping[str, list[Mention]], firsts: Mapping[str, list[Mention]], delta: Delta
    ) -> None:
        """``_tabulate`` (counting in) of every article of a first build, at once."""
        texts: Counter[tuple[str, str, str]] = Counter()
        votes: Counter[tuple[str | None, str, str]] = Counter()
        where = self.where
        for aid, final in finals.items():
            texts.update((m.name, m.text, m.label) for m in final)
            spans = _spans(firsts[aid])
            votes.update((spans.get((m.start, m.end)), m.label, m.name) for m in final)
            n = self.number[aid]
            for key in {name_key(m.name) for m in final}:
                where.setdefault(key, set()).add(n)  # type: ignore[union-attr]
        for (name, text, label), count in texts.items():
            key = name_key(name)
            names, seen = self.spellings.setdefault(key, {}), self.texts.setdefault(key, {})
            names[name] = names.get(name, 0) + count
            seen[text] = seen.get(text, 0) + count
            self.label[key] = label
        for (first, label, name), count in votes.items():
            if first is not None:
                found, eid = self.first_votes.setdefault(first, {}), entity_id(label, name)
                found[eid] = found.get(eid, 0) + count
        delta.keys.update(self.spellings)
        delta.firsts.update(self.first_votes)

    def _tabulate(
        self, aid: str, final: list[Mention], first: list[Mention], sign: int, delta: Delta
    ) -> None:
        """Count one article's linked mentions in or out of the entity table and the first-pass votes."""
        firsts = _spans(first)
        keys = set()
        for (name, text), n in Counter((m.name, m.text) for m in final).items():
            key = name_key(name)
            keys.add(key)
            _count(self.spellings.setdefault(key, {}), name, sign * n)
            _count(self.texts.setdefault(key, {}), text, sign * n)
        if sign > 0:
            self.label.update((name_key(m.name), m.label) for m in final)
        votes = Counter((firsts.get((m.start, m.end)), m.label, m.name) for m in final)
        for (first_name, label, name), n in votes.items():
            if first_name is not None:
                _count(self.first_votes.setdefault(first_name, {}), entity_id(label, name), sign * n)
                if not self.first_votes[first_name]:
                    del self.first_votes[first_name]
                delta.firsts.add(first_name)
        n = self.number[aid]
        for key in keys:
            delta.keys.add(key)
            if sign > 0:
                _numbers(self.where, key).add(n)
                continue
            _numbers(self.where, key).discard(n)
            if not self.spellings[key]:
                del self.spellings[key], self.texts[key], self.where[key], self.label[key]


def _spans(first: Sequence[Mention]) -> dict[tuple[int, int], str]:
    return {(m.start, m.end): m.name.lower() for m in first}


def _numbers(table: dict[str, set[int] | bytes], key: str) -> set[int]:
    """``table[key]`` as a set, made one from saved bytes (an array of article numbers) or anew."""
    found = table.get(key)
    if not isinstance(found, set):
        found = table[key] = set(array("I", found)) if found else set()
    return found


def _first_rank(eid: str, votes: int) -> tuple[int, int, str]:
    """The entity a first-pass name stands for: the one most of its mentions were linked to; in a
    tie, one with a label (MISC is no evidence), in the order of ``LABELS``."""
    return -votes, LABEL_PRIORITY.get(eid.split(":", 1)[0].upper(), len(LABEL_PRIORITY)), eid


def _alias_keys(names: tuple[frozenset[tuple[str, str, bool]], frozenset[tuple[str, str]]]) -> set[str]:
    """The keys whose ``AliasIndex`` answers one article's names may change."""
    full, single = names
    return {name_key(name.split()[-1]) for _, name, _ in full} | {key for key, _ in single}


def _relabel(mentions: list[Mention], label: Callable[[str], Vote]) -> list[Mention]:
    return [relabel(m, label(name_key(m.name))) for m in mentions]
