"""Reading like in newsboat or lazygit: preview as the cursor moves, Enter reads, Esc comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from tests.screen import screen_text
from tui.app import BriefApp
from tui.screens.entity import EntityScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.topic import TopicScreen
from tui.widgets.article_info import ArticleInfo
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader

REST = MainScreen.PREVIEW_DELAY + 0.2  # long enough for the preview to show


async def test_the_highlighted_article_is_previewed_and_the_list_keeps_focus(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(REST)
        articles = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(Reader)
        first, second = articles.items[0], articles.items[1]
        assert reader.article is not None and reader.article.id == first.id
        assert "Select an article" not in screen_text(app)
        await pilot.press("j")
        await pilot.pause(REST)
        assert reader.article is not None and reader.article.id == second.id
        assert " ".join(reader.visible_text.splitlines()).startswith(second.title)
        assert articles.has_focus


async def test_the_preview_waits_for_the_cursor_to_rest(make_app, policy_corpus: Path) -> None:
    app: BriefApp = make_app(policy_corpus)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(REST)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        shown: list[str] = []
        display = screen._display
        screen._display = lambda article_id: shown.append(article_id) or display(article_id)  # type: ignore[method-assign]
        await pilot.press("j", "j", "j")
        await pilot.pause(REST)
        last = screen.query_one(ArticleList).items[3]
        assert shown == [last.id]  # one article read and laid out, not three


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (60, 20)])
async def test_enter_reads_space_scrolls_and_esc_or_h_comes_back(make_app, size: tuple[int, int]) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause(REST)
        reader = app.screen.query_one(Reader)
        articles = app.screen.query_one(ArticleList)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.has_focus and reader.region.width > 0
        await pilot.press("space")
        assert reader.scroll_offset.y > 0
        for back in ("escape", "h", "q"):
            await pilot.press(back)
            await pilot.pause()
            assert articles.has_focus and articles.region.width > 0 and app.is_running
            await pilot.press("enter")
            await pilot.pause()
            assert reader.has_focus


@pytest.mark.parametrize(
    ("size", "list_cols", "reader_cols", "side_cols"),
    [
        ((200, 50), (60, 70), (80, 90), (45, 55)),
        ((120, 36), (36, 44), (70, 90), None),
        ((80, 24), (24, 30), (50, 60), None),
    ],
)
async def test_the_reader_gets_a_readable_measure(
    make_app,
    size: tuple[int, int],
    list_cols: tuple[int, int],
    reader_cols: tuple[int, int],
    side_cols: tuple[int, int] | None,
) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause(REST)
        screen = app.screen
        assert list_cols[0] <= screen.query_one(ArticleList).region.width <= list_cols[1]
        reader = screen.query_one(Reader)
        assert reader_cols[0] <= reader.region.width <= reader_cols[1]
        longest = max(len(line) for line in reader.visible_text.splitlines())
        assert min(reader.region.width - 4, 60) <= longest <= 88  # the text fills the reader, up to 88
        info = screen.query_one(ArticleInfo)
        if side_cols is None:
            assert info.region.width == 0
        else:
            assert side_cols[0] <= info.region.width <= side_cols[1]
            text = screen_text(app)
            topics = [r.label for r in info.items if r.kind == "topic"]
            assert topics and all(label in text for label in topics)  # full topic names


async def test_the_side_pane_folds_away_after_a_resize(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(150, 36)) as pilot:
        await pilot.pause(REST)
        info = app.screen.query_one(ArticleInfo)
        assert info.region.width > 0
        await pilot.press("i")
        await pilot.pause()
        assert info.region.width == 0
        await pilot.press("i")
        await pilot.pause()
        assert info.region.width > 0
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert info.region.width == 0
        assert app.screen.query_one(Reader).region.width >= 50
        await pilot.press("i")  # brought back on purpose in the narrow layout
        await pilot.pause()
        assert info.region.width == 30
        await pilot.resize_terminal(150, 36)
        await pilot.pause()
        assert info.region.width > 0  # the wide layout keeps its own choice


async def test_side_pane_steps_over_section_headings(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause(REST)
        info = app.screen.query_one(ArticleInfo)
        info.focus()
        headings = sum(r.kind == "heading" for r in info.items)
        assert headings >= 2
        seen = [info.cursor]
        for _ in range(len(info.items)):
            await pilot.press("j")
            seen.append(info.cursor)
        for _ in range(len(info.items)):
            await pilot.press("k")
            seen.append(info.cursor)
        assert all(info.items[i].kind != "heading" for i in seen)
        assert set(seen) == {i for i, r in enumerate(info.items) if r.kind != "heading"}


def region_text(app: BriefApp, widget: Widget) -> str:
    """The words a widget shows on screen, its lines joined."""
    region = widget.content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(line[region.x : region.right] for line in lines).split())


async def test_an_empty_side_pane_says_so_in_full(make_app, tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "plain.txt").write_text("It is what it is.\n")  # no topic, name or key term
    app: BriefApp = make_app(tmp_path / "c")
    async with app.run_test(size=(150, 36)) as pilot:
        await pilot.pause(REST)
        info = app.screen.query_one(ArticleInfo)
        assert region_text(app, info) == "No topics or names found in this article."


@pytest.mark.parametrize("screen_key", ["entity", "topic", "help"])
async def test_q_goes_back_one_level_and_quits_only_from_the_list(make_app, screen_key: str) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(REST)
        if screen_key == "entity":
            await pilot.press("enter", "right_square_bracket", "enter")
            expected: type = EntityScreen
        elif screen_key == "topic":
            await pilot.press("t", *"defence", "enter")
            expected = TopicScreen
        else:
            await pilot.press("f1")
            expected = HelpScreen
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, expected)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running
        if screen_key == "entity":  # came from the reader: back in the reader, q once more to the list
            assert app.screen.query_one(Reader).has_focus
            await pilot.press("q")
            await pilot.pause()
        assert app.screen.query_one(ArticleList).has_focus and app.is_running
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_help_states_the_quit_and_back_rule(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "q, esc  back one level (q on the article list quits)" in text
        assert "ctrl+q  quit from anywhere" in text


async def test_ctrl_q_quits_from_any_screen(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize("where", ["list", "reader", "search", "entities"])
async def test_f1_help_is_always_in_the_key_bar(make_app, size: tuple[int, int], where: str) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause(REST)
        keys = {"list": (), "reader": ("enter",), "search": ("slash",), "entities": ("e",)}[where]
        await pilot.press(*keys)
        await pilot.pause()
        bottom = screen_text(app).splitlines()[-1]
        assert bottom.rstrip().endswith("f1 Help  ^p palette")
        await pilot.click(offset=(bottom.index("f1 Help") + 1, size[1] - 1))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def _write(folder: Path, name: str, front: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"---\n{front}---\n\n{body}\n")


async def test_the_reader_header_names_the_source_once_and_a_readable_date(make_app, tmp_path: Path) -> None:
    _write(
        tmp_path / "c",
        "a.md",
        'title: "Grain talks"\nauthor: "Martin Cherrin, Reuters"\nsource: "Reuters"\n'
        'date: "1987-04-13T14:23:42.44"\n',
        "Grain talks went on.",
    )
    app: BriefApp = make_app(tmp_path / "c")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(REST)
        lines = app.screen.query_one(Reader).visible_text.splitlines()
        assert lines[:2] == ["Grain talks", "Martin Cherrin · Reuters · 13 Apr 1987 14:23"]


async def test_an_untitled_wire_story_is_listed_by_its_whole_headline(make_app, tmp_path: Path) -> None:
    _write(
        tmp_path / "c",
        "w.md",
        'title: ""\nsource: "Reuters"\n',
        "U.S. FARM SHIPMENTS - APRIL 17\n\nShipments rose this week, the agency said.",
    )
    app: BriefApp = make_app(tmp_path / "c")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause(REST)
        assert region_text(app, app.screen.query_one(ArticleList)).startswith(
            "U.S. FARM SHIPMENTS - APRIL 17"
        )
        assert app.screen.query_one(Reader).visible_text.startswith("U.S. FARM SHIPMENTS - APRIL 17\n")


async def test_u_without_a_url_says_so_and_is_not_offered(make_app, tmp_path: Path) -> None:
    _write(tmp_path / "c", "a.md", 'title: "No link"\n', "Nothing to click.")
    _write(tmp_path / "c", "b.md", 'title: "With link"\nurl: "https://example.org/b"\n', "A link.")
    app: BriefApp = make_app(tmp_path / "c")
    async with app.run_test(size=(160, 36), notifications=True) as pilot:
        await pilot.pause(REST)
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.title == "No link"
        assert "Open URL" not in screen_text(app).splitlines()[-1]
        await pilot.press("u")
        await pilot.pause()
        assert "This article has no URL." in " ".join(screen_text(app).split())
        await pilot.press("j")
        await pilot.pause(REST)
        assert reader.article is not None and reader.article.title == "With link"
        assert "u Open URL" in screen_text(app).splitlines()[-1]


async def test_help_columns_line_up_across_sections(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(120, 90)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        text = region_text(app, screen.query_one("VerticalScroll"))
        assert "apostrophe" not in text
        lines = screen_text(app).splitlines()
        starts = set()
        for what in ("Quit brief-tui", "Next row", "Scroll down", "Move focus to the next pane"):
            line = next(x for x in lines if what in x)
            starts.add(line.index(what))
        assert len(starts) == 1


@pytest.mark.parametrize(
    ("size", "row"), [((200, 50), "Tariff talks resume"), ((80, 24), "Tariff talks resume")]
)
async def test_a_narrow_list_gives_its_room_to_the_title(
    make_app, policy_corpus: Path, size: tuple[int, int], row: str
) -> None:
    app: BriefApp = make_app(policy_corpus)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(REST)
        articles = app.screen.query_one(ArticleList)
        index = next(i for i, a in enumerate(articles.items) if a.title == row)
        articles.move_to(index)
        await pilot.pause()
        line = screen_text(app).splitlines()[articles.content_region.y + index][
            : articles.content_region.right
        ]
        assert line.startswith(row)
        if size[0] >= 200:
            assert line.rstrip().endswith("Wire · 1987-04-01")
        else:  # 26 columns: the date alone would leave the title too little room
            assert line.rstrip() == row


async def test_r_jumps_to_more_like_this_and_enter_opens_it(make_app) -> None:
    app: BriefApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause(REST)
        reader = app.screen.query_one(Reader)
        first = reader.article
        assert first is not None and "MORE LIKE THIS" in screen_text(app)
        related = app.library.related(first.id)
        assert related and related[0].id != first.id
        await pilot.press("r")
        info = app.screen.query_one(ArticleInfo)
        assert info.has_focus and info.current is not None and info.current.key == related[0].id
        await pilot.press("enter")
        await pilot.pause()
        assert reader.article is not None and reader.article.id == related[0].id
