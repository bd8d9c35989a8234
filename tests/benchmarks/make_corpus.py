"""Make a large benchmark corpus from a real one: varied copies of its articles.

Run: ``python -m tests.benchmarks.make_corpus --from ../shared/corpus --count 50000 --out /tmp/corpus50k``

The first copy of each article is the file as it is; every further copy gets its own
id (``<name>-v<N>.md``), its inner paragraphs shuffled (the first and last stay put,
as a dateline and a sign-off would) and a few words swapped, so that copies are
neither duplicates of each other nor trivially compressible. The output folder must
be outside the repository: the articles are not ours to publish.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

SWAPS = 3  # word pairs swapped in each copy
SEED = 7
_FENCE = "---\n"


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter with its fences and the blank line after, body); no front matter: ("", text)."""
    if not text.startswith(_FENCE):
        return "", text
    end = text.find("\n" + _FENCE, len(_FENCE) - 1)
    if end < 0:
        return "", text
    cut = end + 1 + len(_FENCE)
    while text.startswith("\n", cut):
        cut += 1
    return text[:cut], text[cut:]


def vary(body: str, rng: random.Random) -> str:
    """The body with its inner paragraphs shuffled and ``SWAPS`` pairs of words swapped."""
    paragraphs = body.split("\n\n")
    inner = paragraphs[1:-1]
    rng.shuffle(inner)
    if len(paragraphs) > 2:
        paragraphs[1:-1] = inner
    for _ in range(SWAPS):
        index = rng.randrange(len(paragraphs))
        words = paragraphs[index].split(" ")
        if len(words) > 1:
            a, b = rng.sample(range(len(words)), 2)
            words[a], words[b] = words[b], words[a]
            paragraphs[index] = " ".join(words)
    return "\n\n".join(paragraphs)


def make(source: Path, count: int, out: Path, seed: int = SEED) -> int:
    """Write ``count`` articles made from the ``.md`` articles under ``source`` into ``out``."""
    originals = sorted(p for p in source.rglob("*.md") if p.name.lower() != "readme.md")
    if not originals:
        raise SystemExit(f"no .md articles under {source}")
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    written = 0
    copy = 0
    while written < count:
        for path in originals:
            if written == count:
                break
            rel = path.relative_to(source)
            target = out / rel if copy == 0 else out / rel.with_name(f"{rel.stem}-v{copy}{rel.suffix}")
            target.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            if copy:
                head, body = split_front_matter(data.decode("utf-8", "surrogateescape"))
                data = (head + vary(body, rng)).encode("utf-8", "surrogateescape")
            target.write_bytes(data)
            written += 1
        copy += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, required=True, help="the real corpus")
    parser.add_argument("--count", type=int, default=50_000, help="articles to write")
    parser.add_argument("--out", type=Path, required=True, help="output folder (outside the repository)")
    args = parser.parse_args(argv)
    repo = Path(__file__).resolve().parents[2]
    if args.out.resolve().is_relative_to(repo):
        parser.error("--out must be outside the repository")
    written = make(args.source, args.count, args.out)
    print(f"wrote {written} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
