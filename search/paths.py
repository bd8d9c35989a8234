"""Where brief-tui looks for user files: the user config folder, then the corpus folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def bundled_seeds() -> Path:
    """The seed articles shipped with brief-tui: the default corpus (beside this package when
    installed, at the top of the source tree otherwise)."""
    here = Path(__file__).resolve().parent
    installed = here / "seeds"
    return installed if installed.is_dir() else here.parent / "seeds"


def config_dir() -> Path:
    return platformdirs.user_config_path("brief-tui")


def data_dir() -> Path:
    return platformdirs.user_data_path("brief-tui")


def user_files(name: str, corpus_root: Path) -> list[Path]:
    """The existing files called ``name``: the config folder's first, the corpus's (which wins) last."""
    return [p for p in (config_dir() / name, corpus_root / name) if p.is_file()]
