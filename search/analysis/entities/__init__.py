"""Entity extraction and linking: pure functions over article text, no index and no UI.

First pass, per article (store the result; redo it only when the article changes)::

    mentions = analyse_article(article.body, article.blocks)

Second pass, over the stored mentions of all articles (cheap; redo it freely)::

    corpus = link_corpus({article.id: mentions, ...}, load_user_entities(path))
    corpus.mentions[article_id]   # final mentions with canonical names
    corpus.entities               # the entity table, most mentioned first

or both at once with :func:`analyse_corpus`.
"""

from search.analysis.entities.aliases import AliasIndex
from search.analysis.entities.extractor import EntityExtractor, RuleExtractor
from search.analysis.entities.linking import link_article
from search.analysis.entities.pipeline import CorpusEntities, analyse_article, analyse_corpus, link_corpus
from search.analysis.entities.types import LABELS, Entity, Mention, entity_id
from search.analysis.entities.user import (
    UserEntities,
    UserEntitiesError,
    UserEntity,
    apply_user,
    load_user_entities,
)

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
