"""The entities of the query API: entities linked across the corpus, their mentions, names seen together."""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Sequence
from typing import NamedTuple, overload

import msgpack

from search.analysis.entities import Entity, Mention
from search.analysis.entities.matcher import EntityMatcher
from search.index.datafile import DamagedFile
from search.index.entity_links import EntityLinks, MentionAt, linking_code
from search.index.mention_store import MentionStore, Row, saved_version
from search.index.store import OpenIndex
from search.library.articles import Articles
from search.library.repair import reanalyse
from search.library.settings import Settings
from search.model import Article, MentionContext, Snippet

MAX_UPDATE = 1000  # articles changed (or a tenth of all) past which names are linked anew
MIN_SCORE = 60.0  # below this a name is not like the text (e.g. one word of two matched)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
CONTEXT_CHARS = 240


class Entities:
    """The corpus's entities, linked across its articles: kept beside the index in ``opened``'s folder,
    linked with the lists in ``settings``, their mentions' sentences read from ``articles``. Linking
    takes a while: it holds ``links_lock`` (as an update does for its whole run), never the
    reader's lock, so searches and reads go on meanwhile."""

    def __init__(
        self, opened: OpenIndex, settings: Settings, articles: Articles, links_lock: threading.RLock
    ) -> None:
        self._opened = opened
        self._settings = settings
        self._articles = articles
        self._links_lock = links_lock  # the mention store and entity links
        self._mentions: MentionStore | None = None
        self._links: EntityLinks | None = None
        self._links_base: EntityLinks | None = None  # the links last made: the next update starts from them
        self._unsaved_links: EntityLinks | None = None
        self._entity_matcher: tuple[weakref.ref[EntityLinks], EntityMatcher] | None = None  # for those links

    def forget(self) -> None:
        """Read the mentions from disk again, and link anew, when next needed."""
        self._mentions = None
        self._links = None

    def forget_links(self) -> None:
        """Articles changed: link again (from the links before) when next asked."""
        self._links = None

    @property
    def linked(self) -> EntityLinks | None:
        """The links as they are, at once: None until linked (``entity_links``)."""
        return self._links

    def mention_store(self) -> MentionStore:
        """Every article's first-pass mentions (read when linking needs them: an update only adds)."""
        with self._links_lock:
            if self._mentions is None:
                self._mentions = MentionStore(self._opened.folder)
            return self._mentions

    def entity_links(self) -> EntityLinks:
        """The corpus's linked entities: saved beside the index, else updated from the links before
        (when a few articles changed, only what they reach is linked again), else linked (seconds
        per 50,000 articles); saved for next time by ``save_links``. Once linked, answered at once,
        even while an update (which holds the lock for its whole run) is going on."""
        if (links := self._links) is not None:
            return links
        # Read the saved links before waiting for the lock: an update holds it for its whole run
        # (in the TUI the warm-up asks while the update that follows a start walks the folder).
        ahead = EntityLinks.read_ahead(self._opened.folder) if self._links_base is None else None
        with self._links_lock:
            if self._links is None:
                folder = self._opened.folder
                code = f"{self._settings.enricher.key}:{linking_code()}"
                source = saved_version(folder)
                base = (
                    self._links_base
                    if self._links_base is not None and self._links_base.code == code
                    else None
                )
                if base is None:
                    try:
                        base = EntityLinks.load(folder, code, ahead)
                    except DamagedFile as err:
                        self._opened.notices.append(
                            f"Entity links were damaged ({err}); linking names again."
                        )
                links = base if base is not None and base.source == source else None
                if links is None and base is not None:
                    links = self._update_links(base, source)
                if links is None:
                    links = self._link(source)
                links.code = code
                if links is not base:
                    self._unsaved_links = links
                self._links = self._links_base = links
            return self._links

    def save_links(self) -> None:
        """Save the links made since they were last saved (the TUI does once the entity palette is up
        to date; ``close`` does too)."""
        with self._links_lock:
            links, self._unsaved_links = self._unsaved_links, None
            if links is not None:
                self._save_links(links, links.code)

    def _update_links(self, base: EntityLinks, source: str) -> EntityLinks | None:
        """``base`` updated for the articles changed since, or None when too many changed (a full
        link is quicker) or what it was linked with cannot be read."""
        store = self.mention_store()
        user = self._settings.enricher.user_entities
        try:
            linker = base.linker(user)
        except DamagedFile as err:
            self._opened.notices.append(f"Entity links were damaged ({err}); linking names again.")
            return None
        if linker is None:  # the mentions they were linked from were saved anew since
            return None
        changes = store.changes_since(base.source, linker.first)
        if changes is None:  # the whole was saved anew: any article may have changed
            if not store.load():
                return None
            changes = dict(store.rows())
            changes.update(dict.fromkeys(linker.first.keys() - changes.keys(), None))
        changed = {aid: found for aid, found in changes.items() if linker.first.get(aid) != _packed(found)}
        if len(changed) > max(MAX_UPDATE, len(linker.first) // 10):
            return None
        mentions = {
            aid: None if found is None else [Mention(*row) for row in found] for aid, found in changed.items()
        }
        try:
            return base.updated(mentions, user, source)
        except Exception as err:  # (a bug: what the update changed is dropped, and names linked anew)
            base.forget_linker()
            self._opened.notices.append(f"Entity links could not be updated ({err!r}); linking names again.")
            return None

    def _link(self, source: str) -> EntityLinks:
        store = self.mention_store()
        if not store.load() and self._opened.catalog.articles:
            how = f"damaged ({store.damaged})" if store.damaged else "missing"
            reanalyse(self._opened, f"Entity data was {how}")
        from search.analysis.entities.corpus_linker import CorpusLinker  # (not needed at a start)

        linker = CorpusLinker(self._settings.enricher.user_entities)
        linker.apply(store.mentions())
        return EntityLinks.build(linker, source)

    def _save_links(self, links: EntityLinks, code: str) -> None:
        folder = self._opened.folder
        if self._opened.writable and links.source:
            with self._opened.locked() as got:
                if got and saved_version(folder) == links.source:  # (else the next link saves them)
                    links.save(folder, code)

    def entities(self, label: str | None = None) -> list[Entity]:
        """Every entity (or those of one type), most mentioned first."""
        found = self.entity_links().entities
        return [e for e in found if e.label == label.upper()] if label else list(found)

    def entity(self, name_or_id: str) -> Entity | None:
        """An entity by id ("person:shinzo-abe"), name or alias, any case."""
        return self.entity_links().find(name_or_id)

    def find_entities(self, text: str, limit: int = 20) -> list[tuple[Entity, float]]:
        """Entities whose name or an alias is close to ``text`` (typos, partial names, any word
        order), best first, scored 0-100 (at least ``MIN_SCORE``, see ``EntityMatcher``); for no
        text, the most mentioned.
        The first call builds the matcher (a fraction of a second per 40,000 names)."""
        links = self.entity_links()
        matcher = self._entity_matcher_of(links)
        if not text.strip():
            return [(e, 0.0) for e in links.entities[:limit]]
        found = matcher.match(text, limit)
        return [(links.entities[i], score) for i, score in found if score >= MIN_SCORE]

    def _entity_matcher_of(self, links: EntityLinks) -> EntityMatcher:
        built = self._entity_matcher
        if built is not None and built[0]() is links:  # (at once, even while an update runs)
            return built[1]
        with self._links_lock:
            built = self._entity_matcher
            if built is None or built[0]() is not links:
                built = self._entity_matcher = (
                    weakref.ref(links),
                    EntityMatcher(links.choices, links.choice_owner),
                )
            return built[1]

    def article_mentions(self, article_id: str) -> list[Mention]:
        """An article's entity mentions after linking, in text order."""
        return self.entity_links().mentions(article_id)

    def cooccurring(self, entity: Entity, limit: int = 15) -> SeenWith:
        """The names seen in most of the articles that mention ``entity``: see ``seen_with``."""
        return seen_with(self.entity_links().cooccurring(entity), limit)

    def entity_mentions(self, entity: Entity) -> Sequence[MentionContext]:
        """Every mention of ``entity``, grouped by article (in ``entity.article_ids`` order), each with
        its sentence. The sentences are read from the articles as they are asked for, so the result
        is for use while the library is open."""
        return MentionContexts(self.entity_links().mentions_of(entity), self._articles.article)


def _packed(rows: Sequence[Row] | None) -> bytes | None:
    """Saved first-pass mentions as the linker keeps them (``corpus_linker.pack``)."""
    return None if rows is None else msgpack.packb(rows)


class SeenWith(NamedTuple):
    """Names seen with an entity, with how many of its articles each is in, and how many more
    names there are that the list leaves out."""

    names: list[tuple[Entity, int]]
    more: int


def seen_with(counts: Sequence[tuple[Entity, int]], limit: int) -> SeenWith:
    """The names in most articles first; among those in as many, the rarer in the corpus first (it
    goes more with this entity than a name found everywhere), then by name. The list stops at
    ``limit`` names but never inside a tie, unless the tie would more than double it."""
    ranked = sorted(counts, key=lambda en: (-en[1], len(en[0].article_ids), en[0].name.casefold(), en[0].id))
    end = min(limit, len(ranked))
    if 0 < end < len(ranked):
        tie_end = end
        while tie_end < len(ranked) and ranked[tie_end][1] == ranked[end - 1][1]:
            tie_end += 1
        end = tie_end if tie_end <= 2 * limit else end
    return SeenWith(ranked[:end], len(ranked) - end)


class MentionContexts(Sequence[MentionContext]):
    """An entity's mentions, each made into a ``MentionContext`` when first asked for: a screen
    shows a few dozen of what may be thousands of mentions in thousands of articles."""

    def __init__(self, found: list[MentionAt], article: Callable[[str], Article | None]) -> None:
        self._found = found
        self._article = article
        self._made: dict[int, MentionContext] = {}
        self._last: tuple[str, Article | None] = ("", None)  # mentions come grouped by article

    def __len__(self) -> int:
        return len(self._found)

    @overload
    def __getitem__(self, index: int) -> MentionContext: ...

    @overload
    def __getitem__(self, index: slice) -> list[MentionContext]: ...

    def __getitem__(self, index: int | slice) -> MentionContext | list[MentionContext]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = range(len(self))[index]  # negative indexes; IndexError past the end
        if (made := self._made.get(index)) is None:
            made = self._made[index] = self._make(*self._found[index])
        return made

    def _make(self, article_id: str, start: int, end: int, text: str) -> MentionContext:
        if self._last[0] != article_id:
            self._last = (article_id, self._article(article_id))
        article = self._last[1]
        if article is None:  # gone since the names were linked
            return MentionContext(article_id, article_id, start, end, text, Snippet(text, ((0, len(text)),)))
        return MentionContext(article_id, article.title, start, end, text, sentence(article.body, start, end))


def sentence(body: str, mention_start: int, mention_end: int) -> Snippet:
    """The sentence around a mention (trimmed to about ``CONTEXT_CHARS``), the mention highlighted."""
    start = max((m.end() for m in _SENTENCE_END.finditer(body, 0, mention_start)), default=0)
    end_match = _SENTENCE_END.search(body, mention_end)
    end = end_match.start() + 1 if end_match else len(body)
    if mention_start - start > CONTEXT_CHARS // 2:  # a long sentence: cut at a word boundary
        start = body.find(" ", mention_start - CONTEXT_CHARS // 2, mention_start) + 1 or mention_start
    if end - mention_end > CONTEXT_CHARS // 2:
        cut = body.rfind(" ", mention_end, mention_end + CONTEXT_CHARS // 2)
        end = cut if cut > mention_end else mention_end
    text = body[start:end].replace("\n", " ")
    return Snippet(text, ((mention_start - start, mention_end - start),))
