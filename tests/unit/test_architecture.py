"""The layering rules of the tree: search/ never imports Textual; tui/ never touches Whoosh."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_search_package_does_not_import_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, search\n"
        "for m in pkgutil.walk_packages(search.__path__, 'search.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('textual' in sys.modules or any(k.startswith('textual.') for k in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_search_subcommand_does_not_import_textual() -> None:
    code = (
        "import sys, tui.cli, tui.cli.output\nprint(any(k.split('.')[0] == 'textual' for k in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tui_never_imports_whoosh() -> None:
    pattern = re.compile(r"^\s*(import whoosh|from whoosh)", re.M)
    offenders = [p for p in (ROOT / "tui").rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_library_parts_are_given_what_they_use() -> None:
    """Library's parts (search/library/) never reach back to Library, and no module there touches
    another object's private attributes: what a part uses is given in its constructor."""
    folder = ROOT / "search" / "library"
    parts = [p for p in folder.glob("*.py") if p.name not in ("__init__.py", "facade.py")]
    back = re.compile(r"^\s*(from search\.library(\.facade)? import|import search\.library\b)", re.M)
    assert len(parts) >= 8 and [p.name for p in parts if back.search(p.read_text())] == []
    private = re.compile(r"(?=\b(\w+)\._[a-z]\w*)")  # ``owner._name``: owner should be self
    owners = {p.name: {m.group(1) for m in private.finditer(p.read_text())} for p in folder.glob("*.py")}
    assert {name: found - {"self", "cls"} for name, found in owners.items() if found - {"self", "cls"}} == {}
