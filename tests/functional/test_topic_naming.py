"""A topic holds the articles about it; the articles that only name it in passing are one key away.

"Defence spending" is about a few articles, yet many more name it (a budget story lists it among
other lines). The topic screen says how many name it, and ``/`` searches them all.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.functional.conftest import SIZE
from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.search import SearchScreen
from tui.screens.topic import TopicScreen
from tui.widgets.hit_list import HitList

ABOUT = (
    "Parliament approved a large increase in defence spending on Tuesday.\n\n"
    "The defence budget will pay for new frigates, and military spending rises for a third year."
)
BUDGET = (
    "The finance minister presented the annual budget, with a smaller budget deficit and new tax "
    "cuts for families.\n\nPublic spending on schools and hospitals rises, fiscal policy stays "
    "tight, and {line}\n\nThe budget vote is next week."
)
PASSING = ("defence spending is flat.", "military spending falls a little.", "pensions rise.")
NAMES = re.compile(r"defen[cs]e spending|defen[cs]e budget|military (spending|budget|expenditure)", re.I)


def _corpus(root: Path) -> Path:
    root.mkdir()
    (root / "frigates.md").write_text(f'---\ntitle: "Defence spending up"\n---\n\n{ABOUT}\n')
    for n, line in enumerate(PASSING):
        body = BUDGET.format(line=line)
        (root / f"budget{n}.md").write_text(f'---\ntitle: "Budget day {n}"\n---\n\n{body}\n')
    return root


async def test_the_topic_screen_counts_the_articles_that_name_it_and_slash_searches_them(
    make_app, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    naming = sorted(p.name for p in corpus.glob("*.md") if NAMES.search(p.read_text()))
    assert naming == ["budget0.md", "budget1.md", "frigates.md"]  # (the fixture is what the test says)
    app: BriefApp = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"defence spending", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        assert [h.id for h in app.screen.query_one(HitList).items] == ["frigates.md"]
        assert "1 article(s) about this topic · 3 name it: / searches them" in screen_text(app)
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert sorted(h.id for h in app.screen.query_one(HitList).items) == naming
        assert "3 article(s) match" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)  # (back where the user was)
