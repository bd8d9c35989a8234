"""What the main screen does on the UI thread when the cursor rests on an article (the preview).

Run: ``python -m tests.benchmarks.bench_preview --corpus ../shared/corpus/reuters21578 --index-dir /tmp/idx``

For about 60 articles spread over the corpus it times, in one process, what ``MainScreen``
reads to show an article and its side pane: the article, its hit spans, topics, related
articles, key terms and linked names. Prints the median and p95 per article; the preview
runs 0.12 s after the cursor stops moving, so this is the wait after the cursor rests.
"""

from __future__ import annotations

import argparse
import statistics
import time

from search.library import Library

SAMPLE = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--index-dir", required=True)
    args = parser.parse_args()
    library = Library.open(args.corpus, index_dir=args.index_dir)
    links = library.entity_links()
    articles = library.articles()
    ids = [a.id for a in articles[:: max(1, len(articles) // SAMPLE)]][:SAMPLE]
    times = []
    for article_id in ids:
        started = time.perf_counter()
        article = library.article(article_id)
        assert article is not None
        library.match_spans("", article)
        library.article_topics(article_id)
        library.related(article_id)
        library.key_terms(article_id)
        [links.entity_of(m) for m in links.mentions(article_id)]
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(
        f"{len(articles)} articles; preview per article over {len(ids)}: "
        f"median {1000 * statistics.median(times):.1f} ms, p95 {1000 * p95:.1f} ms"
    )
    library.close()


if __name__ == "__main__":
    main()
