"""Web pages, feeds and PDF from arbitrary or damaged bytes: read_file never raises, and anything
it cannot read is skipped with a reason (never an empty article, never a traceback)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.corpus.loader import build_articles, read_file
from search.corpus.report import SKIPPED
from tests.unit.corpus.test_feeds import ATOM, rss
from tests.unit.corpus.test_html import PAGE
from tests.unit.corpus.test_pdf import make_pdf

VALID = {".html": PAGE.encode(), ".rss": rss().encode(), ".atom": ATOM.encode(), ".pdf": make_pdf()}


def check(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"f{suffix}").write_bytes(data)
        loaded = read_file(Path(tmp), f"f{suffix}")
        articles = build_articles(loaded)
    if not articles:
        assert [i.kind for i in loaded.issues] == [SKIPPED] and loaded.issues[0].reason
    for article in articles:
        assert article.body or article.title
        assert not any(c in article.body for c in "\x1b\x07\x00")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suffix=st.sampled_from(sorted(VALID)), data=st.binary(max_size=3000))
def test_arbitrary_bytes(suffix: str, data: bytes) -> None:
    check(suffix, data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    suffix=st.sampled_from(sorted(VALID)),
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=0, max_size=8)), max_size=6
    ),
    cut=st.floats(0.05, 1),
)
def test_damaged_valid_files(suffix: str, edits: list[tuple[float, bytes]], cut: float) -> None:
    data = bytearray(VALID[suffix][: max(1, int(len(VALID[suffix]) * cut))])
    for where, replacement in edits:
        at = int(where * len(data))
        data[at : at + len(replacement)] = replacement
    check(suffix, bytes(data))
