"""The list of organisations in the workspace, as an item model over plain summaries."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
OWN_ROLE = Qt.ItemDataRole.UserRole + 2
COMPLETENESS_ROLE = Qt.ItemDataRole.UserRole + 3


class OrganisationListModel(QAbstractListModel):
    """One row per organisation: its name, own or partner, and how complete it is.

    Holds `OrgSummary` values (id, name, own, completeness) from `list_organisations`.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.name}\n{self.describe(item)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.name}, {self.describe(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.name
        if role == ID_ROLE:
            return item.id
        if role == NAME_ROLE:
            return item.name
        if role == OWN_ROLE:
            return item.own
        if role == COMPLETENESS_ROLE:
            return item.completeness
        if role == Qt.ItemDataRole.FontRole and item.own:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def describe(self, item: Any) -> str:
        marker = self.tr("Own organisation") if item.own else self.tr("Partner")
        percent = round(item.completeness * 100)
        return self.tr("{marker} · {percent}% complete").format(marker=marker, percent=percent)

    def set_items(self, items: list[Any]) -> None:
        """Replace the rows; same ids in the same order only refresh the text."""
        if [i.id for i in items] == [i.id for i in self.items]:
            self.items = list(items)
            if items:
                self.dataChanged.emit(self.index(0), self.index(len(items) - 1))
            return
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def row_of(self, org_id: int) -> int:
        return next((i for i, item in enumerate(self.items) if item.id == org_id), -1)


class OrganisationFilter(QSortFilterProxyModel):
    """Shows the organisations whose name contains the filter text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(NAME_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
