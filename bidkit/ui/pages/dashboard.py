"""The Dashboard, the home page once a workspace has data.

The dates of the coming four weeks, overdue tasks, bids by status, evidence that will have
expired by the time a bid needs it (with stored files gone missing, to attach again), and the
win rate. Every line opens what it names: a bid, the bids of a status, or the profile or
library item that is expiring or lacks its file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.bids.format import remaining, show_day, show_moment
from bidkit.ui.context import AppContext, Page, WorkspaceInfo

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes

TARGET_ROLE = Qt.ItemDataRole.UserRole
WATCHED = ("bid", "organisation", "evidence")


class DashboardPage(Page):
    key = "dashboard"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Dashboard")
        self._stale = True
        self.data: Any = None
        self.missing_files: list[Any] = []
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the lists, not the frame
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 8, 16, 12)
        heading = QLabel(self.tr("Dashboard"), body)
        heading.setObjectName("pageTitle")
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Summary"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.deadlines = self._section(grid, 0, 0, self.tr("Dates in the next four weeks"))
        self.tasks = self._section(grid, 0, 1, self.tr("Overdue tasks"))
        self.statuses = self._section(grid, 2, 0, self.tr("Bids by status"))
        self.expiring = self._section(grid, 2, 1, self.tr("Evidence expiring before it is needed"))
        self.win_rate = QLabel(body)
        self.win_rate.setWordWrap(True)
        self.win_rate.setAccessibleName(self.tr("Win rate"))
        win_heading = QLabel(self.tr("Win rate"), body)
        win_heading.setObjectName("sectionHeading")
        grid.setRowStretch(1, 3)
        grid.setRowStretch(3, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)
        layout.addWidget(win_heading)
        layout.addWidget(self.win_rate)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _section(self, grid: QGridLayout, row: int, column: int, title: str) -> QListWidget:
        heading = QLabel(title, self)
        heading.setObjectName("sectionHeading")
        listing = QListWidget(self)
        listing.setAccessibleName(title)
        listing.setAccessibleDescription(self.tr("Press Enter or click a line to open it"))
        listing.setWordWrap(True)
        listing.setMinimumHeight(120)
        listing.setAlternatingRowColors(True)
        listing.itemActivated.connect(self._open)
        listing.itemClicked.connect(self._open)
        heading.setBuddy(listing)
        grid.addWidget(heading, row, column)
        grid.addWidget(listing, row + 1, column)
        return listing

    # -- data ---------------------------------------------------------------------------------
    def on_workspace_opened(self, info: WorkspaceInfo) -> None:
        self._stale = True
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in WATCHED):
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        if self.context.runner.workspace is None:
            return
        self._stale = False

        def job(ws: Any) -> Any:
            from bidkit.ops.bid_overview import dashboard_data
            from bidkit.ops.health import missing_stored_files

            if ws is None:  # the window closed
                return None
            return dashboard_data(ws), missing_stored_files(ws)

        def done(result: Any) -> None:
            if result is not None:
                self.show_data(*result)

        self.context.runner.run(job, done, self.context.signals.error.emit, quiet=True)

    def show_data(self, data: Any, missing: list[Any] | None = None) -> None:
        """Fill the page from `dashboard_data`; `missing` stored files join the evidence
        warnings (the first look before the workspace opens has none to give)."""
        if data is None:
            return
        self.data = data
        if missing is not None:
            self.missing_files = missing
        missing = self.missing_files
        self._fill(
            self.deadlines,
            [
                (f"{show_moment(d.due, d.all_day)} ({remaining(d.due)}): {d.label}, {d.title}",
                 ("bids", (d.bid_id, "plan")))
                for d in data.deadlines
            ],
            self.tr("No dates in the next four weeks."),
        )  # fmt: skip
        self._fill(
            self.tasks,
            [
                (f"{show_day(t.due)}: {t.title}" + (f" ({t.owner})" if t.owner else "")
                 + f" - {t.bid_title}", ("bids", (t.bid_id, "plan")))
                for t in data.overdue_tasks
            ],
            self.tr("No overdue tasks."),
        )  # fmt: skip
        self._fill(
            self.statuses,
            [(f"{self.tr(label)}: {count}", ("bids", status))
             for status, label, count in data.by_status],
            self.tr("No bids yet. Start one on the Bids page."),
        )  # fmt: skip
        self._fill(
            self.expiring,
            [(m.text, self._file_target(m))
             for m in missing]
            + [(f"{e.expiring.describe()} - {e.bid_title}", self._evidence_target(e))
               for e in data.expiring],
            self.tr("Nothing on an open bid expires before it is needed."),
        )  # fmt: skip
        rates = []
        for rate in data.win_rates:
            if rate.decided:
                rates.append(
                    self.tr("{label}: {won} won of {decided} ({rate:.0%})").format(
                        label=rate.label, won=rate.won, decided=rate.decided, rate=rate.rate
                    )
                )
        self.win_rate.setText(
            "; ".join(rates) or self.tr("No outcomes recorded yet: record them on each bid.")
        )
        self.summary.setText(
            self.tr(
                "{bids} bids; {dates} dates in the next four weeks; {tasks} overdue tasks; "
                "{expiring} evidence warnings."
            ).format(
                bids=data.bid_count,
                dates=len(data.deadlines),
                tasks=len(data.overdue_tasks),
                expiring=len(data.expiring) + len(missing),
            )
        )
        self.context.signals.data_shown.emit()

    @staticmethod
    def _file_target(missing: Any) -> tuple[str, object]:
        """Where the record using a missing file is, to attach the file again there."""
        if missing.table == "evidence_file":
            return ("library", missing.record_id)
        if missing.table in ("organisation", "policy_document"):
            return ("organisations", missing.record_id)
        return ("bids", missing.record_id)

    @staticmethod
    def _evidence_target(line: Any) -> tuple[str, object]:
        item = line.expiring.item
        if item.kind == "library" and item.record_id is not None:
            return ("library", item.record_id)
        if item.organisation_id is not None:
            return ("organisations", (item.organisation_id, item.section))
        return ("bids", line.bid_id)

    def _fill(self, listing: QListWidget, lines: list[tuple[str, Any]], empty: str) -> None:
        listing.clear()
        for text, target in lines:
            item = QListWidgetItem(text)
            item.setData(TARGET_ROLE, target)
            item.setToolTip(text)
            listing.addItem(item)
        if not lines:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            listing.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET_ROLE)
        if target is not None:
            page, record = target
            self.context.signals.navigate.emit(page, record)
