"""Where an index folder's bytes go: each segment part (postings, term tables, stored fields,
columns) summed over the segments, the packs of article texts together, and each file beside them.

    .venv/bin/python -m tests.benchmarks.index_size INDEX_DIR [INDEX_DIR ...]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import FileStorage

from search.index import texts

PART = {"pst": "postings", "trm": "term tables", "_stored.col": "stored fields"}


def breakdown(folder: Path) -> tuple[int, Counter[str]]:
    """(segments, bytes by part): segment parts as ``segments: <part>``, other files by name."""
    storage = FileStorage(str(folder))
    parts: Counter[str] = Counter()
    segments = 0
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        if path.suffix != ".seg":
            packs = path.name.startswith(texts.PREFIX) and path.name.endswith(texts.SUFFIX)
            parts["texts (packs beside segments)" if packs else path.name] += path.stat().st_size
            continue
        segments += 1
        compound = CompoundStorage(storage.open_file(path.name), use_mmap=False)
        for name, info in compound._dir.items():
            kind = name.split(".", 1)[1]
            part = PART.get(kind, "columns" if kind.endswith(".col") else kind)
            parts[f"segments: {part}"] += info["length"]
        compound.close()
    return segments, parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    for folder in parser.parse_args(argv).folders:
        segments, parts = breakdown(folder)
        total = sum(parts.values())
        print(f"{folder}: {total / 1e6:.1f} MB, {segments} segment(s)")
        for part, size in parts.most_common():
            if size >= 10_000:
                print(f"  {part:32s} {size / 1e6:8.2f} MB  {size / total:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
