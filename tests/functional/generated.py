"""A made-up folder above every size threshold of the indexer (the worker pool starts at
``POOL_MIN_FILES``), with words, names and topics in known articles, so that what the app shows can
be computed here by reading the files, never copied from brief-tui's output."""

from __future__ import annotations

import re
from pathlib import Path

from search.index.pipeline import POOL_MIN_FILES

FILES = POOL_MIN_FILES + 24
PLACES = ("Aldermoor", "Brightwater", "Calderon", "Dunmere", "Eastwick", "Fenwick")
LIGHTHOUSE = 7  # every 7th article mentions the lighthouse
MINISTER = 11  # every 11th quotes the minister by name
DEFENCE = 5  # every 5th is about defence spending


ENTITIES = '[[entity]]\nname = "Margarethe Vollmer"\ntype = "PERSON"\naliases = ["Vollmer"]\n'


def article(n: int) -> tuple[str, str]:
    """The file name and text of article ``n``."""
    place = PLACES[n % len(PLACES)]
    lines = [  # every paragraph names its day: text repeated across files would be boilerplate
        f"The harbour board of {place} met on day {n} to discuss ferry timetables and dredging.",
        f"Members reviewed {n % 9 + 2} proposals for the quay on day {n} and agreed to meet again.",
    ]
    if n % LIGHTHOUSE == 0:
        lines.append(f"The old lighthouse at {place} needs a new lamp before winter, board item {n}.")
    if n % MINISTER == 0:
        lines.append(f'"We will fund the quay," said finance minister Margarethe Vollmer on day {n}.')
    if n % DEFENCE == 0:
        lines.append(f"On day {n} the navy asked for a larger defence budget and more military spending.")
    source = "Wire" if n % 2 else "Daily"
    date = f"2024-03-{n % 28 + 1:02d}"
    head = f'---\ntitle: "Harbour board meeting {n:03d}"\nsource: "{source}"\ndate: "{date}"\n---\n\n'
    return f"harbour-{n:03d}.md", head + "\n\n".join(lines) + "\n"


def write_folder(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "entities.toml").write_text(ENTITIES, encoding="utf-8")
    for n in range(FILES):
        name, text = article(n)
        (root / name).write_text(text, encoding="utf-8")
    return root


def files_matching(root: Path, pattern: str, files: str = "*.md") -> list[str]:
    """The names of the ``files`` whose text matches ``pattern`` (case-insensitive), sorted."""
    found = re.compile(pattern, re.IGNORECASE)
    return sorted(p.name for p in root.glob(files) if found.search(p.read_text(encoding="utf-8")))


def write_club_folder(root: Path) -> Path:
    """Four match reports that name Frank Lampard, and a shop that sells a desk lamp: "lamp" is a
    word of its own there, and only the start of the phrase "frank lampard"."""
    root.mkdir(parents=True, exist_ok=True)
    for n in range(1, 5):
        (root / f"match{n}.txt").write_text(
            f"Midfielder scores in match {n}\n\nFrank Lampard scored twice in game {n} for the club. "
            "Frank Lampard said the squad was happy.\n"
        )
    (root / "shop.txt").write_text("Shop sells a desk lamp\n\nThe shop sells a brass desk lamp.\n")
    return root
