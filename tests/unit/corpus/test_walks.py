"""After changes a watcher reports, re-walking only their paths finds what a full walk finds."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from search.corpus.discover import discover
from search.corpus.walks import FULL_WALK_EVERY, Walks, rewalk

NAMES = ("a.md", "b.txt", "notes.csv", "README.md", ".hidden.md", "c.html")


def _change(root: Path, rng: random.Random, n: int) -> set[str]:
    """One random change under ``root`` (a file added, edited or removed; a folder made, filled or
    removed); the paths a watcher would report for it."""
    folders = [p for p in [root, *root.rglob("*")] if p.is_dir()]
    files = [p for p in root.rglob("*") if p.is_file()]
    kind = rng.choice(("add", "add", "edit", "remove", "folder", "rmfolder"))
    if kind == "edit" and files:
        target = rng.choice(files)
        target.write_text(target.read_text() + f" edit {n}")
        return {target.relative_to(root).as_posix()}
    if kind == "remove" and files:
        target = rng.choice(files)
        target.unlink()
        return {target.relative_to(root).as_posix()}
    if kind == "rmfolder" and len(folders) > 1:
        target = rng.choice(folders[1:])
        shutil.rmtree(target)
        return {target.relative_to(root).as_posix()}
    parent = rng.choice(folders)
    if kind == "folder":
        made = parent / f"f{n}"
        made.mkdir()
        name = rng.choice(NAMES)
        (made / name).write_text(f"A new folder's article {n}.")
        return {made.relative_to(root).as_posix(), (made / name).relative_to(root).as_posix()}
    target = parent / f"{n}{rng.choice(NAMES)}"
    target.write_text(f"Article {n}.")
    return {target.relative_to(root).as_posix()}


@pytest.mark.parametrize("seed", range(6))
def test_rewalking_the_changed_paths_finds_what_a_full_walk_finds(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path / "corpus"
    (root / "x" / "y").mkdir(parents=True)
    for n, name in enumerate(NAMES):
        (root / name).write_text(f"Article {n}.")
        (root / "x" / "y" / name).write_text(f"Nested article {n}.")
    last = discover(root)
    for n in range(40):
        changed = _change(root, rng, n)
        again = rewalk(root, last, changed)
        assert again is not None
        full = discover(root)
        assert (again.files, again.other, again.issues) == (full.files, full.other, full.issues)
        last = again


def test_a_changed_file_is_stat_ed_again_and_the_rest_kept(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("One.")
    (tmp_path / "b.md").write_text("Two.")
    walks = Walks(tmp_path)
    walks.saw(None)
    first = walks.files()
    os.remove(tmp_path / "b.md")  # not reported: a re-walk of a.md alone keeps b.md
    (tmp_path / "a.md").write_text("One, longer now.")
    walks.saw({"a.md"})
    found = walks.files()
    assert [(f.rel, f.size) for f in found.files] == [("a.md", 16), ("b.md", first.files[1].size)]
    walks.saw(None)  # nothing said what changed: all of it is walked
    assert [f.rel for f in walks.files().files] == ["a.md"]


def test_changes_seen_before_an_update_that_did_not_run_are_kept_for_the_next(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("One.")
    walks = Walks(tmp_path)
    walks.files()
    (tmp_path / "b.md").write_text("Two.")
    walks.saw({"b.md"})  # (then the update found the index busy, and did not walk)
    (tmp_path / "c.md").write_text("Three.")
    walks.saw({"c.md"})
    assert [f.rel for f in walks.files().files] == ["a.md", "b.md", "c.md"]


def test_a_folder_with_links_is_always_walked_in_full(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("One.")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    last = discover(tmp_path)
    assert last.linked
    assert rewalk(tmp_path, last, {"real/a.md"}) is None


def test_a_full_walk_is_made_every_so_often(tmp_path: Path) -> None:
    now = [0.0]
    (tmp_path / "a.md").write_text("One.")
    walks = Walks(tmp_path, clock=lambda: now[0])
    walks.files()
    (tmp_path / "b.md").write_text("Two, unreported.")
    now[0] = FULL_WALK_EVERY - 1
    assert [f.rel for f in walks.files().files] == ["a.md"]
    now[0] = FULL_WALK_EVERY
    assert [f.rel for f in walks.files().files] == ["a.md", "b.md"]
