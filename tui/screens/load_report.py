"""The load report: every file that was skipped, repaired or indexed once as a duplicate."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static

from search.library import Library
from tui.state.history import Location
from tui.text import one_line, safe_text
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.issue_list import IssueList
from tui.widgets.key_bar import KeyBar
from tui.widgets.status import StatusBar

ORDER = {"skipped": 0, "repaired": 1, "duplicate": 2}


class LoadReportScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back", id="report.close", tooltip="Go back"),
    ]

    def __init__(self, library: Library, location: Location) -> None:
        super().__init__()
        self.library = library
        self._restore_cursor = int(location.state.get("cursor", 0))

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Breadcrumb(id="breadcrumb")
        yield Static(id="report-summary")
        yield IssueList(id="issues")
        yield StatusBar(
            "Enter opens the file's article, or says where the file is and why", id="report-status"
        )
        yield KeyBar()

    def on_mount(self) -> None:
        report = self.library.load_report
        counts = ", ".join(f"{n} {reason}" for reason, n in report.reasons().most_common())
        summary = safe_text(report.summary(), style="bold")
        summary.append_text(safe_text(f"   {counts}" if counts else "", style="dim"))
        self.query_one("#report-summary", Static).update(summary)
        issues = sorted(report.issues, key=lambda i: (ORDER.get(i.kind, 3), i.path))
        self.query_one(IssueList).set_items(issues, cursor=self._restore_cursor)
        self.query_one(IssueList).focus()

    def current_location(self) -> Location:
        return Location("report", "", label="load report", state={"cursor": self.query_one(IssueList).cursor})

    @on(IssueList.Selected)
    def open_issue(self, event: IssueList.Selected) -> None:
        """Enter: the article the file became (repaired files), else where the file is and why."""
        issue = self.query_one(IssueList).items[event.index]
        article = next((a for a in self.library.articles() if a.path == issue.path), None)
        if article is not None and issue.kind != "skipped":
            location = Location("article", article.id, label=article.title, state={"focus": "reader"})
            self.app.navigate(location)  # type: ignore[attr-defined]
            return
        shown = one_line(f"{self.library.root / issue.path}: {issue.kind}, {issue.reason}")
        self.query_one("#report-status", StatusBar).say(shown)
