"""Entity extraction and linking: pure functions over article text, no index and no UI.

First pass, per article (store the result; redo it only when the article changes)::

    mentions = analyse_article(article.body, article.blocks)

Second pass, over the stored mentions of all articles (cheap; redo it freely)::

    corpus = link_corpus({article.id: mentions, ...}, load_user_entities(path))
    corpus.mentions[article_id]   # final mentions with canonical names
    corpus.entities               # the entity table, most mentioned first

or both at once with :func:`analyse_corpus`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each name's module, imported when the name is first used: the types are needed at every start,
# the extractor (its patterns and word lists) only when articles are analysed.
_MODULES = {
    "AliasIndex": "aliases",
    "EntityExtractor": "extractor",
    "RuleExtractor": "extractor",
    "link_article": "linking",
    "CorpusEntities": "pipeline",
    "analyse_article": "pipeline",
    "analyse_corpus": "pipeline",
    "link_corpus": "pipeline",
    "LABELS": "types",
    "Entity": "types",
    "Mention": "types",
    "entity_id": "types",
    "UserEntities": "user",
    "UserEntitiesError": "user",
    "UserEntity": "user",
    "apply_user": "user",
    "load_user_entities": "user",
}

if TYPE_CHECKING:
    from search.analysis.entities.aliases import AliasIndex
    from search.analysis.entities.extractor import EntityExtractor, RuleExtractor
    from search.analysis.entities.linking import link_article
    from search.analysis.entities.pipeline import (
        CorpusEntities,
        analyse_article,
        analyse_corpus,
        link_corpus,
    )
    from search.analysis.entities.types import LABELS, Entity, Mention, entity_id
    from search.analysis.entities.user import (
        UserEntities,
        UserEntitiesError,
        UserEntity,
        apply_user,
        load_user_entities,
    )


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "LABELS",
    "AliasIndex",
    "CorpusEntities",
    "Entity",
    "EntityExtractor",
    "Mention",
    "RuleExtractor",
    "UserEntities",
    "UserEntitiesError",
    "UserEntity",
    "analyse_article",
    "analyse_corpus",
    "apply_user",
    "entity_id",
    "link_article",
    "link_corpus",
    "load_user_entities",
]
