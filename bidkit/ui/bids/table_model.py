"""The bids table: a real item model over plain rows, and its filter.

Rows are the `BidRow` values read on the database worker; the model only holds them and says
how each column looks and sorts. The filter matches text in title, buyer and reference, and
keeps only open bids, or bids of one status.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from bidkit.ui.bids.format import remaining, show_moment, show_money

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
CLOSED = frozenset({"won", "lost", "withdrawn"})
#: Filter values besides a status: all bids, or only those still open.
ALL, OPEN = "", "open"

Index = QModelIndex | QPersistentModelIndex


class BidTableModel(QAbstractTableModel):
    TITLE, BUYER, STATUS, DEADLINE, NEXT, VALUE, LEAD, TASKS, GO = range(9)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.now = datetime.now(UTC)
        self.headers = [
            self.tr("Title"),
            self.tr("Buyer"),
            self.tr("Status"),
            self.tr("Deadline"),
            self.tr("Next date"),
            self.tr("Value"),
            self.tr("Lead"),
            self.tr("Tasks"),
            self.tr("Go / no-go"),
        ]

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.now = datetime.now(UTC)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def row_of(self, bid_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == bid_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DEADLINE and row.deadline is not None:
                return remaining(row.deadline, self.now)
            if column == self.NEXT and row.next_date is not None:
                return f"{row.next_date_label}, {remaining(row.next_date, self.now)}"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.VALUE, self.TASKS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: Any, column: int) -> str:
        if column == self.TITLE:
            return str(row.title)
        if column == self.BUYER:
            return str(row.buyer)
        if column == self.STATUS:
            return str(row.status_label)
        if column == self.DEADLINE:
            return show_moment(row.deadline, row.deadline_all_day)
        if column == self.NEXT:
            if row.next_date is None:
                return ""
            return f"{show_moment(row.next_date)[:5]} {row.next_date_label}"
        if column == self.VALUE:
            return show_money(row.value, row.currency)
        if column == self.LEAD:
            return str(row.lead)
        if column == self.TASKS:
            return str(row.open_tasks) if row.open_tasks else ""
        if column == self.GO:
            return str(row.go_result)
        return ""

    def _sort_key(self, row: Any, column: int) -> Any:
        far = "9999"
        if column == self.DEADLINE:
            return row.deadline.isoformat() if row.deadline else far
        if column == self.NEXT:
            return row.next_date.isoformat() if row.next_date else far
        if column == self.VALUE:
            return float(row.value) if row.value is not None else -1.0
        if column == self.TASKS:
            return int(row.open_tasks)
        return self._display(row, column).casefold()


class BidFilter(QSortFilterProxyModel):
    """Text in title, buyer or reference; and open bids only, or one status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status = OPEN
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, BidTableModel) or source_row >= len(model.rows):
            return False
        row = model.rows[source_row]
        if self.status == OPEN and row.status in CLOSED:
            return False
        if self.status not in (ALL, OPEN) and row.status != self.status:
            return False
        if self.text:
            haystack = f"{row.title} {row.buyer} {row.reference}".casefold()
            return self.text in haystack
        return True
