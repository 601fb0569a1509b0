"""The Bids page: a sortable, filterable table of bids, and each bid's own page.

Enter (or a double click) on a row opens the bid; "← All bids" or Alt+Left comes back.
"New bid…" starts one by hand; "Import notice…" reads a tender notice (OCDS JSON) and shows
what it holds before the bid is created or updated. The database is only touched through
`context.runner`.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.bids.bid_view import BidView
from bidkit.ui.bids.outcome_tab import STATUS_LABELS
from bidkit.ui.bids.table_model import ALL, ID_ROLE, OPEN, BidFilter, BidTableModel
from bidkit.ui.column_fit import ColumnFit
from bidkit.ui.context import AppContext, Page, WorkspaceInfo
from bidkit.ui.pages import file_menus
from bidkit.ui.pages.file_menus import page_actions
from bidkit.ui.widgets import push_button

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes

BID = "bid"


class BidsPage(Page):
    key = "bids"
    #: File menu actions, made from `file_menus` (the window shows them before the page).
    action_new: QAction
    action_import: QAction
    action_calendar: QAction

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Bids")
        self.read_only = False
        self._open_after: int | None = None
        #: The tab of the bid to show when it opens ("plan"), or None for its details.
        self._open_tab: str | None = None
        self.model = BidTableModel(self)
        self.proxy = BidFilter(self)
        self.proxy.setSourceModel(self.model)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_list())
        self.view = BidView(context, self)
        self.view.back_requested.connect(self.show_list)
        self.view.deleted.connect(self.show_list)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._build_actions()

    def _build_list(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 8, 12, 8)
        heading = QLabel(self.tr("Bids"), panel)
        heading.setObjectName("pageTitle")
        tools = QHBoxLayout()
        self.filter = QLineEdit(panel)
        self.filter.setPlaceholderText(self.tr("Filter by title, buyer or reference"))
        self.filter.setAccessibleName(self.tr("Filter bids"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.status_filter = QComboBox(panel)
        self.status_filter.setAccessibleName(self.tr("Show bids with status"))
        self.status_filter.addItem(self.tr("Open bids"), OPEN)
        self.status_filter.addItem(self.tr("All bids"), ALL)
        for value, label in STATUS_LABELS.items():
            self.status_filter.addItem(self.tr(label), value)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status_filter.currentData())
        )
        self.new_button = push_button(self, self.tr("New bid…"), self.new_bid)
        self.import_button = push_button(self, self.tr("Import notice…"), self.import_notice)
        self.calendar_button = push_button(self, self.tr("Export calendar…"), self.export_calendar)
        tools.addWidget(self.filter, 2)
        tools.addWidget(self.status_filter, 1)
        tools.addWidget(self.new_button)
        tools.addWidget(self.import_button)
        tools.addWidget(self.calendar_button)
        self.table = QTableView(panel)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Bids; press Enter to open one"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(BidTableModel.DEADLINE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        # Long titles and buyers wrap onto a second line rather than being cut.
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMaximumSectionSize(self.fontMetrics().lineSpacing() * 3 + 20)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        # The lead is nearly always the workspace's own organisation: shown on each bid's page.
        self.table.setColumnHidden(BidTableModel.LEAD, True)
        # Columns fit their content; when the window is narrow the next date, the buyer and
        # then the title give way first, wrapping their text.
        model = BidTableModel
        self.columns = ColumnFit(
            self.table, stretch=model.TITLE, caps={model.TITLE: 48, model.NEXT: 40},
            shrink=(model.NEXT, model.GO, model.BUYER, model.TITLE),
            floors={model.NEXT: 12, model.BUYER: 12, model.TITLE: 16},
        )  # fmt: skip
        self.table.activated.connect(self._on_activated)
        self.count = QLabel(panel)
        self.count.setAccessibleName(self.tr("Number of bids shown"))
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        layout.addWidget(heading)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        # Reading order: the filters, the buttons beside them, then the table.
        order = [self.filter, self.status_filter, self.new_button, self.import_button,
                 self.calendar_button, self.table]  # fmt: skip
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        return panel

    def _build_actions(self) -> None:
        page_actions(self, file_menus.BIDS)
        self.action_new.triggered.connect(lambda: self._from_menu(self.new_bid))
        self.action_import.triggered.connect(lambda: self._from_menu(self.import_notice))
        self.action_calendar.triggered.connect(self.export_calendar)

    def _from_menu(self, slot: Any) -> None:
        self.context.signals.navigate.emit(self.key, None)
        slot()

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("{shown} of {total} bids shown").format(shown=shown, total=total)
        self.count.setText(text)

    # -- data ---------------------------------------------------------------------------------
    def on_workspace_opened(self, info: WorkspaceInfo) -> None:
        self.read_only = info.read_only
        for widget in (self.new_button, self.import_button, self.action_new, self.action_import):
            widget.setEnabled(not info.read_only)
        self.view.set_read_only(info.read_only)
        self.show_list()
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(BID) or changes.touches("organisation"):
            self.refresh()
            if self.view.bid_id is not None and (
                changes.touches(BID, self.view.bid_id) or changes.touches("organisation")
            ):
                self.view.reload(own=changes.made_by(self.view))

    def refresh(self) -> None:
        def job(ws: Any) -> Any:
            from bidkit.ops.bid_overview import bid_rows

            return bid_rows(ws) if ws is not None else None  # None: the window closed

        self.context.runner.run(job, self._loaded, self.context.signals.error.emit, quiet=True)

    def _loaded(self, rows: list[Any] | None) -> None:
        if rows is None:
            return
        current = self.current_id()
        self.model.set_rows(rows)
        self._update_count()
        if self._open_after is not None and self.model.row_of(self._open_after) >= 0:
            bid_id, self._open_after = self._open_after, None
            self.open_bid(bid_id)
        elif current is not None:
            self.select(current)

    @property
    def bid_id(self) -> int | None:
        """The bid open on this page, if one is (File ▸ Export bid… starts from it)."""
        return self.view.bid_id if self.stack.currentWidget() is self.view else None

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def select(self, bid_id: int) -> None:
        row = self.model.row_of(bid_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    # -- navigation ---------------------------------------------------------------------------
    def _on_activated(self, index: QModelIndex) -> None:
        self.open_bid(int(index.data(ID_ROLE)))

    def open_bid(self, bid_id: int) -> None:
        row = self.model.row_of(bid_id)
        if row >= 0 and not self.proxy.filterAcceptsRow(row, QModelIndex()):
            self.status_filter.setCurrentIndex(self.status_filter.findData(ALL))
        self.select(bid_id)
        self.view.load(bid_id)
        tab, self._open_tab = self._open_tab, None
        if tab == "plan":
            self.view.tabs.setCurrentWidget(self.view.plan)
        self.stack.setCurrentWidget(self.view)
        self.view.tabs.setFocus()

    def show_list(self) -> None:
        self.view.flush()
        self.stack.setCurrentIndex(0)
        self.table.setFocus()

    def show_record(self, record_id: object) -> None:
        if isinstance(record_id, str) and record_id in STATUS_LABELS:
            self.show_list()
            self.status_filter.setCurrentIndex(self.status_filter.findData(record_id))
            return
        tab = None
        if isinstance(record_id, tuple) and len(record_id) == 2:
            record_id, tab = record_id  # (bid id, "plan"): a date or task of the bid
        if not isinstance(record_id, int):
            return
        self._open_tab = tab
        if self.model.row_of(record_id) >= 0:
            self.open_bid(record_id)
        else:
            self._open_after = record_id
            self.refresh()

    def flush_edits(self) -> None:
        self.view.flush()

    # -- commands -----------------------------------------------------------------------------
    def _organisations(self, then: Any) -> None:
        def job(ws: Any) -> Any:
            from bidkit.ops.bid_overview import organisation_choices

            return organisation_choices(ws)

        self.context.runner.run(job, then, self.context.signals.error.emit, quiet=True)

    def new_bid(self) -> None:
        if self.read_only:
            return
        from bidkit.ui.bids.new_bid_dialog import NewBidDialog

        def chosen(orgs: list[Any]) -> None:
            dialog = NewBidDialog(orgs, self)
            dialog.accepted.connect(lambda: self._create(dialog.values()))
            dialog.open()

        self._organisations(chosen)

    def _create(self, values: dict[str, Any]) -> None:
        from bidkit.ops.bids import create_bid

        def done(changes: Changes) -> None:
            if changes.created is not None:
                self._open_after = changes.created
                self._open_tab = None

        self.context.run_op(create_bid, initiator=self, done=done, **values)

    def import_notice(self) -> None:
        if self.read_only:
            return
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a tender notice"), str(Path.home()),
            self.tr("Tender notices (OCDS JSON) (*.json);;All files (*)"),
        )  # fmt: skip
        if name:
            self.preview_notice(Path(name))

    def preview_notice(self, source: Path) -> None:
        """Read `source`, then show what it holds before anything is stored."""

        def job(ws: Any) -> Any:
            from bidkit.ops.bid_overview import organisation_choices
            from bidkit.ops.notice_import import preview_notice_file

            return preview_notice_file(ws, source), organisation_choices(ws)

        def done(result: tuple[list[Any], list[Any]]) -> None:
            from bidkit.ui.bids.import_dialog import NoticePreviewDialog

            previews, orgs = result
            dialog = NoticePreviewDialog(previews, orgs, source.name, self)
            dialog.accepted.connect(lambda: self._import(previews, dialog.lead_id()))
            self.preview_dialog = dialog
            dialog.open()

        self.context.runner.run(job, done, self.context.signals.error.emit, quiet=True)

    def _import(self, previews: list[Any], lead: int | None) -> None:
        def done(changes: Changes) -> None:
            first = changes.created
            if first is None and len(previews) == 1 and previews[0].existing_bid_id is not None:
                first = previews[0].existing_bid_id
            if first is not None:
                self._open_after = first

        self.context.run_op(_import_notices, previews, lead, initiator=self, done=done)

    def export_calendar(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export bid dates to a calendar file"),
            str(Path.home() / "bidkit-deadlines.ics"), self.tr("Calendar (*.ics)"),
        )  # fmt: skip
        if name:
            self.write_calendar(Path(name))

    def write_calendar(self, target: Path) -> None:
        def job(ws: Any) -> Any:
            from bidkit.ops.bid_overview import export_calendar

            return export_calendar(ws, target)

        def done(count: int) -> None:
            self.context.report(
                self.tr("{n} dates written to {file}. Import it into your calendar; importing "
                        "it again updates the same events.").format(n=count, file=target.name)
            )  # fmt: skip

        self.context.runner.run(job, done, self.context.signals.error.emit)


def _import_notices(ws: Any, previews: list[Any], lead: int | None) -> Changes:
    from bidkit.ops.notice_import import import_notices

    return import_notices(ws, previews, org_id=lead).changes
