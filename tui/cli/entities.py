"""``brief-tui entities`` and ``brief-tui entity NAME``: who and what the articles mention."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from search.analysis.entities import LABELS
from search.export import entity_json, entity_view
from tui.cli.output import add_export_options, emit_export, mark, open_library, safe, write_json
from tui.text import plural

STRONG_MATCH = 85.0  # a fuzzy name match below this is a guess, and said to be one


def add_parsers(parsers: dict[str, argparse.ArgumentParser], make: Any) -> None:
    entities = make("entities", "List the people, places and organisations the articles mention.")
    entities.add_argument(
        "--type", choices=[label.lower() for label in LABELS], type=str.lower, help="only this type"
    )
    entities.add_argument("--limit", type=int, default=0, metavar="N", help="at most N (default: all)")
    entities.add_argument(
        "--json", action="store_true", help='print [{"id", "name", "type", "aliases", ...}]'
    )
    entity = make("entity", "Every mention of one entity (the name is matched fuzzily), with context.")
    entity.add_argument("name", help='e.g. "Shinzo Abe", abe, japan, "U.S."')
    entity.add_argument("--json", action="store_true", help='print {"entity": {...}, "mentions": [...]}')
    add_export_options(entity)
    parsers.update(entities=entities, entity=entity)


def run_entities(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        found = library.entities(args.type)
    if args.limit > 0:
        found = found[: args.limit]
    if args.json:
        write_json([entity_json(e) for e in found])
        return 0
    for e in found:
        print(f"{e.mention_count:6d}  {e.label:8s} {safe(e.name)}  ({plural(len(e.article_ids), 'article')})")
    return 0


def run_entity(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        entity, score = library.entity(args.name), 100.0
        if entity is None:
            matches = library.find_entities(args.name, limit=1)
            entity, score = matches[0] if matches else (None, 0.0)
        if entity is None:
            print(f"brief-tui: no entity like {args.name!r}", file=sys.stderr)
            return 1
        if score < STRONG_MATCH:  # on stderr: --json and exports stay data only
            print(
                f"brief-tui: weak match: no entity named {args.name!r}; the closest is "
                f"{safe(entity.name)} ({score:.0f}/100)",
                file=sys.stderr,
            )
        mentions = list(library.entity_mentions(entity))  # read while the library is open
    if args.export:
        return emit_export(entity_view(entity, mentions), args.export, args.output)
    if args.json:
        rows = [
            {
                "article": m.article_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "context": m.context.text,
            }
            for m in mentions
        ]
        write_json({"entity": entity_json(entity), "mentions": rows})
        return 0
    colour = sys.stdout.isatty()
    counts = f"{plural(entity.mention_count, 'mention')} in {plural(len(entity.article_ids), 'article')}"
    print(f"{safe(entity.name)}  {entity.label}  ·  {counts}")
    if entity.aliases:
        print(f"also: {safe(', '.join(entity.aliases))}")
    if entity.description:
        print(safe(entity.description))
    last = None
    for m in mentions:
        if m.article_id != last:
            print(f"\n{safe(m.title)}  ({safe(m.article_id)})")
            last = m.article_id
        print(f"  …{mark(m.context.text, m.context.highlights, colour)}…")
    return 0
