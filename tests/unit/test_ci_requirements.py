"""In CI a missing research corpus or lint tool fails the run; on a developer's machine it skips."""

from __future__ import annotations

import pytest

from tests import conftest
from tests.conftest import missing, require_shared_corpus


def test_missing_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"ruff is not installed \(required when CI=true\)"):
        missing("ruff is not installed")


def test_missing_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="ruff is not installed"):
        missing("ruff is not installed")


def test_an_absent_shared_corpus_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(conftest, "SHARED_CORPUS", tmp_path / "nowhere")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"\.\./shared/corpus is not present"):
        require_shared_corpus()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        require_shared_corpus()
