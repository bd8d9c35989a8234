"""Measurements that need a fresh process, one kind a run; ``run.py`` starts them.

Run: ``python -m tests.benchmarks.probe KIND CORPUS INDEX_DIR [T0|NAME]``; prints one JSON object.

- ``build``: a full build into an empty ``INDEX_DIR``, names linked (what a first open costs).
- ``reopen``: ``Library.open`` of a corpus whose index is up to date but for a few files, then
  the names linked again and the entity palette up to date (``NAME``: a name the change added).
- ``start``: the pieces of a start with an existing index: imports, ``Library.open``, memory.
- ``frame``: the TUI, headless, from process start (``T0``, the parent's ``time.time()`` before
  it started this process) to its first frame and to the first frame with the article list.
- ``latency``: per-keystroke and per-action timings of the query API (see ``latency.py``).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

FRAME_SIZE = (120, 40)
FRAME_TIMEOUT = 120.0


def rss_mb() -> float:
    """This process's resident memory, from /proc (no psutil)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build(corpus: Path, index: Path) -> dict[str, Any]:
    from search.library import Library

    start = time.perf_counter()
    library = Library.open(corpus, index_dir=index)
    opened = time.perf_counter()
    links = library.entity_links()
    done = time.perf_counter()
    library.save_links()
    stats = library.stats
    return {
        "seconds": done - start,
        "open_seconds": opened - start,
        "files": stats.reindexed if stats else 0,
        "articles": len(library.articles()),
        "entities": len(links.entities),
    }


def reopen(corpus: Path, index: Path, name: str = "") -> dict[str, Any]:
    """``Library.open`` after a few changed files, then the names linked again, then the entity
    palette up to date: the time until it finds ``name`` (the changed file's new name)."""
    from search.library import Library

    start = time.perf_counter()
    library = Library.open(corpus, index_dir=index)
    opened = time.perf_counter()
    library.entity_links()
    linked = time.perf_counter()
    found = library.find_entities(name, 1) if name else []
    palette = time.perf_counter()
    library.save_links()  # (as the TUI does, once the palette is up to date)
    saved = time.perf_counter()
    stats = library.stats
    return {
        "seconds": opened - start,
        "links_seconds": linked - opened,
        "palette_seconds": palette - opened,
        "save_seconds": saved - palette,
        "found": found[0][0].name if found else "",
        "reindexed": stats.reindexed if stats else -1,
    }


def start_pieces(corpus: Path, index: Path) -> dict[str, Any]:
    """The pieces of a start as the TUI does it: open on the index as it is, show the articles,
    then check the folder for changes and warm up in the background."""
    start = time.perf_counter()
    from search.library import Library

    imported = time.perf_counter()
    library = Library.open(corpus, index_dir=index, refresh=False)
    library.articles()
    opened = time.perf_counter()
    memory = rss_mb()
    import tui.app  # noqa: F401

    tui_imported = time.perf_counter()
    stats = library.refresh()
    refreshed = time.perf_counter()
    library.entity_links()
    library.find_entities("")
    library.vocabulary()
    warm = time.perf_counter()
    return {
        "import_search": imported - start,
        "open": opened - imported,
        "import_tui": tui_imported - opened,
        "rss_mb": memory,
        "refresh": refreshed - tui_imported,
        "warm_up": warm - refreshed,
        "rss_warm_mb": rss_mb(),
        "reindexed": stats.reindexed if stats else -1,
    }


def frame(corpus: Path, index: Path, t0: float) -> dict[str, Any]:
    """Times of the first frame and of the first frame that shows the article list.

    A frame is a compositor update handed to ``App._display`` (which a headless app then
    does not write out): the work of painting is done, only the terminal output is skipped."""
    marks: dict[str, Any] = {}

    async def run() -> None:
        from tui.app import BriefApp
        from tui.widgets.article_list import ArticleList

        marks["imported"] = time.time() - t0
        app = BriefApp(corpus=corpus, index_dir=index)
        shown = app._display

        def display(screen: Any, renderable: Any) -> None:
            now = time.time() - t0
            marks.setdefault("first_frame", now)
            if renderable is not None and app.library is not None and screen.query(ArticleList):
                items = screen.query_one(ArticleList).items
                if items:
                    marks.setdefault("list_frame", now)
                    marks.setdefault("articles", len(items))
            shown(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        async with app.run_test(headless=True, size=FRAME_SIZE):
            deadline = time.time() + FRAME_TIMEOUT
            while "list_frame" not in marks:
                if time.time() > deadline:
                    raise TimeoutError("the article list was never shown")
                await asyncio.sleep(0.005)

    asyncio.run(run())
    return marks


def main(argv: list[str]) -> int:
    kind, corpus, index = argv[0], Path(argv[1]), Path(argv[2])
    if kind == "build":
        result = build(corpus, index)
    elif kind == "reopen":
        result = reopen(corpus, index, *argv[3:4])
    elif kind == "start":
        result = start_pieces(corpus, index)
    elif kind == "frame":
        result = frame(corpus, index, float(argv[3]))
    elif kind == "latency":
        from tests.benchmarks.latency import measure

        result = measure(corpus, index)
    else:
        raise SystemExit(f"unknown probe {kind!r}")
    print(json.dumps(result))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
