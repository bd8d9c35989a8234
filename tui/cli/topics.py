"""``brief-tui topics`` and ``brief-tui topic QUERY``: the policy topics, as text or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from search.export import search_view, topic_view
from search.topic_answer import answer, weak_note
from tui.cli.output import add_export_options, emit_export, mark, open_library, safe, snippet_json, write_json


def add_parsers(parsers: dict[str, argparse.ArgumentParser], make: Any) -> None:
    topics = make("topics", "List the policy topics with how many articles each has.")
    topics.add_argument(
        "--json", action="store_true", help='print [{"id", "label", "description", "articles"}]'
    )
    topic = make("topic", "Find articles by policy topic; typos and partial words welcome.")
    topic.add_argument("query", help='e.g. "defence spnding", "missle defence", tarrifs')
    topic.add_argument("--limit", type=int, default=10, metavar="N", help="number of articles (default 10)")
    topic.add_argument("--json", action="store_true", help='print {"topics": [...], "articles": [...]}')
    add_export_options(topic)
    parsers.update(topics=topics, topic=topic)


def run_topics(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        topics = library.topics()
    if args.json:
        write_json(
            [
                {"id": t.id, "label": t.label, "description": t.description, "articles": t.articles}
                for t in topics
            ]
        )
        return 0
    for t in topics:
        indent = "    " if t.parent else ""
        print(f"{t.articles:6d}  {indent}{safe(t.label)}  ({t.id})")
    return 0


def run_topic(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        found = answer(library, args.query, limit=max(1, args.limit))
    if args.export:
        topic = found.chosen.topic if found.chosen else None  # None: a phrase, or full-text results
        view = (
            topic_view(topic, found.result, args.query)
            if topic
            else search_view(found.result.query, found.result)
        )
        return emit_export(view, args.export, args.output)
    if args.json:
        write_json(
            {
                "topics": [
                    {
                        "id": m.key if m.kind != "phrase" else f"phrase:{m.key}",
                        "label": m.topic.label if m.topic else m.text,
                        "score": round(m.score, 2),
                    }
                    for m in found.matches
                ],
                "articles": [
                    {
                        "id": h.id,
                        "title": h.title,
                        "score": round(h.score, 4),
                        "snippets": [snippet_json(s) for s in h.snippets],
                    }
                    for h in found.result.hits
                ],
            }
        )
        return 0
    colour = sys.stdout.isatty()
    if found.chosen is None:
        closest = f" ({weak_note(args.query, found.matches[0])})" if found.matches else ""
        print(f"No topic matches {args.query!r} well{safe(closest)}; full-text results instead.\n")
    else:
        label = found.chosen.topic.label if found.chosen.topic else found.chosen.text
        shown = mark(label, found.chosen.matched, colour) if found.chosen.text == label else safe(label)
        print(f"Topic: {shown}")
        if found.weak:
            print(f"  {safe(weak_note(args.query, found.chosen))}: is this the topic you meant?")
        others = ", ".join(safe(m.topic.label if m.topic else m.text) for m in found.matches[1:5])
        if others:
            print(f"  also: {others}")
        print()
    if found.result.notice:
        print(f"note: {safe(found.result.notice)}\n")
    for rank, hit in enumerate(found.result.hits, start=1):
        print(f"{rank:2d}. {safe(hit.title)}  [{hit.score:.2f}]")
        print(f"    {safe(hit.id)}")
        for snippet in hit.snippets[:1]:
            print(f"    …{mark(snippet.text, snippet.highlights, colour)}…")
    if not found.result.hits:
        print("no articles found")
    return 0
