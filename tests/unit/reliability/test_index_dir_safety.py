"""An index folder given by the user is never a folder of theirs: brief-tui deletes only what it made."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.index.marker import MARKER_NAME, check_index_dir, is_index_dir, mark
from tui.cli import main


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("Tariffs rose again, the minister said.\n")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_folder_of_the_users_is_refused_and_left_as_it_is(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "thesis"
    (mine / "chapters").mkdir(parents=True)
    (mine / "draft.tex").write_text("My only copy.")
    (mine / "chapters" / "one.tex").write_text("Chapter one.")
    before = _files(mine)
    assert main(["index", str(corpus), "--index-dir", str(mine)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"index folder {mine} is not empty and is not a brief-tui index" in err
    assert _files(mine) == before


@pytest.mark.parametrize("where", ["corpus", "inside", "around"])
def test_the_corpus_is_never_the_index_folder(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    folder = {"corpus": corpus, "inside": corpus / "idx", "around": tmp_path}[where]
    before = _files(tmp_path)
    assert main(["index", str(corpus), "--index-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    words = {
        "corpus": "is the corpus folder",
        "inside": "is inside the corpus",
        "around": "contains the corpus",
    }
    assert err.count("\n") == 1 and words[where] in err
    assert _files(tmp_path) == before and not (corpus / "idx").exists()


def test_the_corpus_given_as_a_file_or_a_link(tmp_path: Path, corpus: Path) -> None:
    (tmp_path / "link").symlink_to(corpus)
    assert "is the corpus folder" in (check_index_dir(tmp_path / "link", corpus / "a.txt") or "")
    assert "is inside the corpus" in (check_index_dir(corpus / "x", tmp_path / "link") or "")


def test_the_config_index_dir_is_checked_too(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'index_dir = "{corpus}"\n')
    assert main(["search", "tariffs", "--corpus", str(corpus), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{config}: index_dir: index folder {corpus} is the corpus folder" in err
    assert _files(corpus) == {"a.txt": b"Tariffs rose again, the minister said.\n"}


def test_a_new_or_empty_folder_is_marked_and_used_again(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in (tmp_path / "new" / "idx", tmp_path / "empty"):
        (tmp_path / "empty").mkdir(exist_ok=True)
        assert main(["index", str(corpus), "--index-dir", str(folder)]) == 0
        assert is_index_dir(folder)
        (corpus / "b.txt").write_text(f"Another article about {folder.name}.\n")
        assert main(["index", str(corpus), "--index-dir", str(folder)]) == 0  # its own index: reused
        assert "indexed 1 file(s)" in capsys.readouterr().out


def test_check_and_mark(tmp_path: Path) -> None:
    assert check_index_dir(tmp_path / "missing") is None
    (tmp_path / "file").write_text("x")
    assert check_index_dir(tmp_path / "file") == f"index folder {tmp_path / 'file'} is not a folder"
    only_lock = tmp_path / "locked"
    only_lock.mkdir()
    (only_lock / "brief.lock").write_text("")
    assert check_index_dir(only_lock) is None  # a build that stopped before writing anything
    old = tmp_path / "old-index"  # made before markers: the catalog and a Whoosh table of contents
    old.mkdir()
    (old / "catalog.json").write_text("{}")
    (old / "_MAIN_3.toc").write_bytes(b"")
    assert check_index_dir(old) is None
    mark(old)
    assert (old / MARKER_NAME).read_text().startswith("This folder holds a brief-tui index")


def test_a_built_index_keeps_its_marker(tmp_path: Path, corpus: Path) -> None:
    folder = tmp_path / "idx"
    assert main(["index", str(corpus), "--index-dir", str(folder)]) == 0
    assert (folder / MARKER_NAME).is_file()
