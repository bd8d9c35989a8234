"""The Whoosh schema (its text fields use the analyser of ``search.analysis.tokens``).

Bump ``SCHEMA_VERSION`` whenever the schema or the analysis changes: an index
built with another version is rebuilt on open.
"""

from __future__ import annotations

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from search.analysis.tokens import simple_analyzer, text_analyzer

SCHEMA_VERSION = 11  # (9: short posting lists kept in the term table, codec.py; 10: texts beside, texts.py;
# 11: a short text is a duplicate only under the same title)

# Facets: each has an indexed keyword field (to filter on, and to query as ``entity:"Shinzo Abe"``)
# and a column of its values per document (to count them over a result set quickly).
FACETS = ("source", "section", "year", "entity", "topic")
FACET_FIELD = {
    "source": "f_source",
    "section": "f_section",
    "year": "year",
    "entity": "entity",
    "topic": "topic",
}
FACET_SEPARATOR = "\x1f"


def column_name(facet: str) -> str:
    return f"col_{facet}"


def build_schema() -> Schema:
    text = text_analyzer()
    simple = simple_analyzer()
    facets = {FACET_FIELD[f]: KEYWORD(commas=True, lowercase=True) for f in FACETS}
    columns = {column_name(f): COLUMN(VarBytesColumn()) for f in FACETS}
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),  # (never searched: an indexed ID costs a term and a posting an article)
        title=TEXT(analyzer=text, stored=True, field_boost=2.0),
        headings=TEXT(analyzer=text),
        body=TEXT(analyzer=text),  # (the text is kept beside the index: ``text`` is its key, see texts.py)
        source=TEXT(analyzer=simple, stored=True),
        section=TEXT(analyzer=simple, stored=True),
        author=TEXT(analyzer=simple, stored=True),
        tags=KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        date=ID(stored=True),
        url=STORED(),
        text=STORED(),
        hash=STORED(),
        topics=STORED(),  # [(topic id, score)], best first
        **facets,
        **columns,
    )


SEARCH_FIELDS = ("title", "headings", "body")
