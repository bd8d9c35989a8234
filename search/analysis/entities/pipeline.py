"""Entity analysis in two passes, so that an index can redo only what changed.

1. :func:`analyse_article` extracts and links the mentions of one article. Its result
   depends only on that article (and the extractor): store it per article and recompute
   it only when the article changes.
2. :func:`link_corpus` runs over the stored per-article mentions, never the text: user
   entities, cross-article surname links, one label per entity and the entity table. It
   is cheap, so rerun it whenever any article or the user entity file changes.

:func:`analyse_corpus` does both for a whole corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from search.analysis.budget import NO_DEADLINE, check
from search.analysis.entities.aliases import AliasIndex
from search.analysis.entities.extractor import EntityExtractor, RuleExtractor
from search.analysis.entities.linking import link_article
from search.analysis.entities.spellings import merge_spellings
from search.analysis.entities.table import build_table, unify_corpus_labels
from search.analysis.entities.types import Entity, Mention, entity_id, name_key
from search.analysis.entities.user import UserEntities, apply_user
from search.model import Block


@dataclass(frozen=True, slots=True)
class CorpusEntities:
    """Final mentions per article id and the entity table (most mentioned first)."""

    mentions: dict[str, list[Mention]]
    entities: list[Entity]
    _by_id: dict[str, Entity] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((e.id, e) for e in self.entities)

    def entity(self, id_: str) -> Entity | None:
        return self._by_id.get(id_)

    def entity_of(self, mention: Mention) -> Entity | None:
        """The table row a final mention belongs to."""
        return self._by_id.get(entity_id(mention.label, mention.name))


def analyse_article(
    body: str,
    blocks: Sequence[Block],
    extractor: EntityExtractor | None = None,
    deadline: float = NO_DEADLINE,
) -> list[Mention]:
    """First pass for one article: extracted mentions, linked within the article.

    Past ``deadline`` (a ``time.monotonic()`` value) it raises :class:`OutOfTime`.
    """
    mentions = (extractor or RuleExtractor()).extract(body, blocks, deadline)
    check(deadline)
    return link_article(mentions)


def link_corpus(
    articles: Mapping[str, Sequence[Mention]], user: UserEntities | None = None
) -> CorpusEntities:
    """Second pass over stored first-pass mentions (article id -> mentions)."""
    user = user or UserEntities()
    staged = {article_id: apply_user(mentions, user) for article_id, mentions in articles.items()}
    index = AliasIndex.build(staged.values())
    linked = unify_corpus_labels({aid: apply_user(index.relink(ms), user) for aid, ms in staged.items()})
    protected = {name_key(n) for e in user.entities for n in (e.name, *e.aliases)}
    linked = merge_spellings(linked, protected)
    descriptions = {name_key(e.name): e.description for e in user.entities if e.description}
    return CorpusEntities(linked, build_table(linked, descriptions))


def analyse_corpus(
    docs: Iterable[tuple[str, str, Sequence[Block]]],
    user: UserEntities | None = None,
    extractor: EntityExtractor | None = None,
) -> CorpusEntities:
    """Both passes over ``(article_id, body, blocks)`` triples.

    The default extractor also knows the user's names and aliases, so a user alias the
    rules would drop (a bare title such as "Emperor") is still found.
    """
    if extractor is None:
        extractor = RuleExtractor(user.known() if user is not None else None)
    first_pass = {article_id: analyse_article(body, blocks, extractor) for article_id, body, blocks in docs}
    return link_corpus(first_pass, user)
