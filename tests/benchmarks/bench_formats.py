"""Reading speed of web pages, PDF and feeds against the same articles as Markdown, and the build
rate of a mixed folder against a Markdown-only one.

Run: ``python -m tests.benchmarks.bench_formats --corpus ../shared/corpus/bbc [--count 200] [--passes 3]``

``--count`` articles of the research corpus are written, in a scratch folder, as Markdown (as
they are), as saved web pages (the article inside navigation, an ad, comments and a footer, with
metadata in <meta> tags), as PDF (fpdf2, a page break every few paragraphs) and as RSS feeds of
20 items. Loading (read, parse, clean: ``read_file`` + ``build_articles``) is timed per format in
alternating passes in one process, so every format sees the same machine; Markdown is the
baseline, since it is what a user had to convert pages and reports to before. With pdfminer.six
installed, its ``extract_text`` on the same PDFs is timed too (the alternative to pypdf). Then
``brief-tui index`` builds the mixed folder and the Markdown one, each in a fresh process.
"""

from __future__ import annotations

import argparse
import html
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fpdf import FPDF

from search.corpus.formats import split_front_matter
from search.corpus.loader import build_articles, read_file

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} | News</title>
<meta property="og:title" content="{title}"><meta name="author" content="Staff reporter">
<meta property="article:published_time" content="2005-03-0{day}">
<meta property="og:site_name" content="BBC News">
<link rel="canonical" href="https://news.example/{n}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<aside class="ad"><p>Advertisement: subscribe today for unlimited access.</p></aside>
<section class="comments"><div class="comment"><p>First! Great piece.</p></div></section>
<footer><p>Copyright News Ltd. All rights reserved.</p></footer></body></html>
"""


def articles(corpus: Path, count: int) -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted(corpus.rglob("*.md"))[:count]:
        meta, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        out.append((str(meta.get("title", path.stem)), paragraphs))
    return out


def write_formats(items: list[tuple[str, list[str]]], root: Path) -> dict[str, list[str]]:
    files: dict[str, list[str]] = {"md": [], "html": [], "pdf": [], "rss": []}
    for n, (title, paragraphs) in enumerate(items):
        md = f"md/{n:05d}.md"
        (root / md).write_text(f'---\ntitle: "{title}"\n---\n\n' + "\n\n".join(paragraphs), encoding="utf-8")
        page = f"html/{n:05d}.html"
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        text = PAGE.format(title=html.escape(title), paragraphs=body, n=n, day=n % 9 + 1)
        (root / page).write_text(text, encoding="utf-8")
        files["md"].append(md)
        files["html"].append(page)
        files["pdf"].append(write_pdf(root, f"pdf/{n:05d}.pdf", title, paragraphs))
    for start in range(0, len(items), 20):
        feed = f"rss/{start // 20:04d}.rss"
        entries = "".join(
            f"<item><title>{html.escape(t)}</title><link>https://news.example/{start + i}</link>"
            f"<description>{html.escape(''.join(f'<p>{p}</p>' for p in ps))}</description></item>"
            for i, (t, ps) in enumerate(items[start : start + 20])
        )
        rss = f'<rss version="2.0"><channel><title>News</title>{entries}</channel></rss>'
        (root / feed).write_text(rss, encoding="utf-8")
        files["rss"].append(feed)
    return files


def write_pdf(root: Path, rel: str, title: str, paragraphs: list[str]) -> str:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_font("Helvetica", size=10)
    for i, paragraph in enumerate(paragraphs):
        if i % 4 == 0:
            pdf.add_page()
        pdf.multi_cell(0, 5, paragraph.encode("latin-1", "replace").decode("latin-1"))
        pdf.ln(3)
    (root / rel).write_bytes(bytes(pdf.output()))
    return rel


def load_all(root: Path, rels: list[str]) -> int:
    return sum(len(build_articles(read_file(root, rel))) for rel in rels)


def pdfminer_all(root: Path, rels: list[str]) -> int:
    from pdfminer.high_level import extract_text

    return sum(1 for rel in rels if extract_text(str(root / rel)))


def index_seconds(folder: Path, work: Path) -> float:
    index = work / f"index-{folder.name}"
    shutil.rmtree(index, ignore_errors=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "tui.cli", "index", str(folder), "--index-dir", str(index)]
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of .md articles")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    items = articles(args.corpus, args.count)
    if not items:
        print(f"no .md articles under {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        root = Path(tmp) / "corpus"
        for kind in ("md", "html", "pdf", "rss"):
            (root / kind).mkdir(parents=True)
        files = write_formats(items, root)
        runs: dict[str, list[float]] = {kind: [] for kind in files}
        try:
            import pdfminer  # noqa: F401  (optional: only to compare with pypdf)

            runs["pdfminer.six"] = []
        except ImportError:
            pass
        for rels in files.values():  # a first pass that is not timed: imports, caches
            load_all(root, rels[:5])
        for _ in range(args.passes):
            for kind in runs:
                rels = files["pdf" if kind == "pdfminer.six" else kind]
                started = time.perf_counter()
                (pdfminer_all if kind == "pdfminer.six" else load_all)(root, rels)
                runs[kind].append(len(rels) / (time.perf_counter() - started))
        md = statistics.median(runs["md"])
        print(f"{len(items)} articles, median of {args.passes} passes")
        for kind, rates in runs.items():
            rate = statistics.median(rates)
            print(f"  {kind:13s} {rate:8.1f} files/s   {rate / md:6.3f} x the Markdown rate")
        if "pdfminer.six" in runs:
            ratio = statistics.median(runs["pdf"]) / statistics.median(runs["pdfminer.six"])
            print(f"  pypdf loading / pdfminer.six extract_text: {ratio:.2f} x as fast")
        mixed = Path(tmp) / "mixed"
        mixed.mkdir()
        for kind in ("html", "pdf", "rss"):
            shutil.copytree(root / kind, mixed / kind)
        n_mixed = sum(len(v) for k, v in files.items() if k != "md")
        mixed_s, md_s = index_seconds(mixed, Path(tmp)), index_seconds(root / "md", Path(tmp))
        md_files = len(files["md"])
        print(
            f"  build, mixed folder: {n_mixed / mixed_s:.1f} files/s ({n_mixed} files, {mixed_s:.1f} s)",
        )
        print(f"  build, Markdown:     {md_files / md_s:.1f} files/s ({md_files} files, {md_s:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
