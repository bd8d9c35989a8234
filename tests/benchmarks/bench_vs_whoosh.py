"""The query path beside plain Whoosh, same corpus, same queries, each timed on both, in one run.

    .venv/bin/python -m tests.benchmarks.bench_vs_whoosh --corpus ../shared/corpus [--work DIR]

Plain Whoosh is what its tutorial gives (``bench_first_run.plain_whoosh``: StemmingAnalyzer on
title and body, one writer, one commit), searched as the tutorial does: a ``MultifieldParser``
over title and body, the top 20, each with its ``ContextFragmenter`` highlights. brief-tui is
timed along the search screen's path (``screen_path``: what ``tui/screens/search.py`` asks of
the ``Library`` for one keystroke). The queries (one-word, two-word, quoted phrase, misspelt,
prefix wildcard) are drawn from the corpus's own words with a fixed seed; each query is timed on
both systems back to back (which goes first alternates), so a noisy machine slows both alike:
the ratios are the figures to read. Then the issue's two examples (``stat*``, ``"york april"``)
are timed once each, the same way. Indexes are built in ``--work`` (kept: a second run reuses them).
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.highlight import ContextFragmenter
from whoosh.qparser import MultifieldParser
from whoosh.searching import Searcher

from search.library import Library
from tests.benchmarks.bench_first_run import plain_whoosh
from tests.benchmarks.stats import percentile

KINDS = ("one-word", "two-word", "phrase", "misspelt", "prefix")
EXAMPLES = ("stat*", '"york april"')  # the issue's: a broad prefix, a phrase of two common words
SEED = 14
WHOOSH_TOP = 20  # the tutorial's page
SCREEN_HITS = 50  # what the search screen asks for at a time (tui.screens.search.RESULT_LIMIT)
SCREEN_ROWS = 12  # hit rows in view at 120x36, and two more (tui.widgets.hit_list._ask_snippets)
_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "said",
        "will",
        "would",
        "been",
        "which",
        "their",
        "there",
        "they",
    ]
)


def corpus_texts(corpus: Path) -> list[str]:
    return [
        p.read_bytes().decode("utf-8", "replace").lower()
        for p in sorted(corpus.rglob("*.md"))
        if p.name != "README.md"
    ]


def draw_queries(texts: list[str], count: int, seed: int = SEED) -> list[tuple[str, str]]:
    """``count`` (kind, query) pairs, the kinds in turn, words drawn from the corpus's vocabulary
    (words in at least 3 articles; phrases and word pairs from one article)."""
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(set(_WORD.findall(text)))
    vocabulary = sorted(w for w, n in seen.items() if n >= 3 and w not in _STOP)
    queries: list[tuple[str, str]] = []
    while len(queries) < count:
        kind = KINDS[len(queries) % len(KINDS)]
        words = [w for w in _WORD.findall(rng.choice(texts)) if w not in _STOP and seen[w] >= 3]
        if len(words) < 2:
            continue
        if kind == "one-word":
            text = rng.choice(vocabulary)
        elif kind == "two-word":
            text = " ".join(rng.sample(words, 2))
        elif kind == "phrase":
            i = rng.randrange(len(words) - 1)
            text = f'"{words[i]} {words[i + 1]}"'
        elif kind == "misspelt":
            word = rng.choice([w for w in words if len(w) >= 6] or words)
            i = rng.randrange(1, len(word) - 1)
            text = word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped
        else:
            word = rng.choice([w for w in words if len(w) >= 5] or words)
            text = word[:4] + "*"
        queries.append((kind, text))
    return queries


def whoosh_path(searcher: Searcher, parser: MultifieldParser) -> Callable[[str], int]:
    """The tutorial's search: top 20, each hit's body highlights; returns the number of hits."""

    def search(text: str) -> int:
        results = searcher.search(parser.parse(text), limit=WHOOSH_TOP)
        results.fragmenter = ContextFragmenter()
        for hit in results:
            hit.highlights("body")
        return len(results)

    return search


def screen_path(library: Library) -> Callable[[str], int]:
    """One keystroke as the search screen asks it (``SearchScreen._search``, then ``_snippets``):
    50 hits without snippets, the snippets of the rows in view, then the facet counts. Returns
    the total."""

    def search(text: str) -> int:
        result = library.search(text, limit=SCREEN_HITS, snippets=0, with_facets=False)
        if result.hits:
            library.snippets(text, [h.id for h in result.hits[:SCREEN_ROWS]])
            library.facet_counts(text)
        return result.total

    return search


def timed(action: Callable[[str], int], text: str) -> float:
    started = time.perf_counter()
    action(text)
    return (time.perf_counter() - started) * 1000


def compare(
    queries: list[tuple[str, str]], plain: Callable[[str], int], ours: Callable[[str], int], warm: int = 10
) -> dict[str, tuple[list[float], list[float]]]:
    """Per kind (and "all"): each query's milliseconds on plain Whoosh and on brief-tui, after the
    first ``warm`` queries were run on both (brief-tui's first search reads its facet table)."""
    for _, text in queries[:warm]:
        plain(text), ours(text)
    times: dict[str, tuple[list[float], list[float]]] = {"all": ([], [])}
    for n, (kind, text) in enumerate(queries):
        if n % 2:
            ours_ms, plain_ms = timed(ours, text), timed(plain, text)
        else:
            plain_ms, ours_ms = timed(plain, text), timed(ours, text)
        for key in ("all", kind):
            times.setdefault(key, ([], []))[0].append(plain_ms)
            times[key][1].append(ours_ms)
    return times


def table(times: dict[str, tuple[list[float], list[float]]]) -> list[str]:
    lines = [
        "| queries | n | plain Whoosh p50 / p95 | brief-tui p50 / p95 | ratio p50 / p95 |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, (plain, ours) in times.items():
        p = percentile(plain, 0.5), percentile(plain, 0.95)
        o = percentile(ours, 0.5), percentile(ours, 0.95)
        lines.append(
            f"| {kind} | {len(plain)} | {p[0]:.1f} / {p[1]:.1f} ms | {o[0]:.1f} / {o[1]:.1f} ms "
            f"| {o[0] / p[0]:.2f}× / {o[1] / p[1]:.2f}× |"
        )
    return lines


def disk_table(plain_dir: Path, ours_dir: Path) -> list[str]:
    """What each index costs on disk (the whole folder: for brief-tui its segments and the data
    files beside them), and how many segments each has."""

    def size(folder: Path) -> int:
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())

    def segments(folder: Path) -> int:
        return len(whoosh_index.open_dir(str(folder))._segments())

    plain, ours = size(plain_dir), size(ours_dir)
    return [
        "| figure | plain Whoosh | brief-tui | ratio |",
        "|---|---:|---:|---:|",
        f"| index on disk | {plain / 1e6:.1f} MB | {ours / 1e6:.1f} MB | {ours / plain:.2f}× |",
        f"| segments after the build | {segments(plain_dir)} | {segments(ours_dir)} | |",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--work", type=Path, help="where both indexes are built (kept)")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")
    work = args.work or Path(tempfile.gettempdir()) / f"bench_vs_whoosh-{args.corpus.resolve().name}"
    plain_dir, ours_dir = work / "plain", work / "brief"
    if not whoosh_index.exists_in(str(plain_dir)):
        plain_dir.mkdir(parents=True, exist_ok=True)
        plain_whoosh(args.corpus, plain_dir)
    library = Library.open(args.corpus, index_dir=ours_dir)
    library.entity_links()  # what the TUI warms up before anyone types
    library.vocabulary()
    queries = draw_queries(corpus_texts(args.corpus), args.queries)
    ix = whoosh_index.open_dir(str(plain_dir))
    with ix.searcher() as searcher:
        words = MultifieldParser(["title", "body"], ix.schema)
        plain, ours = whoosh_path(searcher, words), screen_path(library)
        times = compare(queries, plain, ours)
        examples = compare([(f"`{t}`, once", t) for t in EXAMPLES], plain, ours, warm=0)
    times.update((k, v) for k, v in examples.items() if k != "all")
    articles = len(library.articles())
    library.close()
    print(f"corpus: {args.corpus} ({articles} articles); {len(queries)} queries, seed {SEED}")
    print("\n".join(table(times)))
    print()
    print("\n".join(disk_table(plain_dir, ours_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
