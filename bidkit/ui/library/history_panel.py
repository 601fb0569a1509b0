"""An item's history (earlier versions: view, restore) and its usage (which bids, when)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.widgets import PushButton

VERSION_ROLE = Qt.ItemDataRole.UserRole
BID_ROLE = Qt.ItemDataRole.UserRole


def _when(value: Any) -> str:
    return value.astimezone().strftime("%d %b %Y, %H:%M") if value is not None else ""


class HistoryPanel(QWidget):
    """Versions newest first; choosing one shows its text; Restore makes it current again."""

    version_chosen = Signal(int, int)  # item id, version
    restore_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id: int | None = None
        self.versions = QListWidget(self)
        self.versions.setAccessibleName(self.tr("Earlier versions"))
        self.versions.setWordWrap(True)
        self.versions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Text of the chosen version"))
        self.restore = PushButton(self.tr("Restore this version"), self)
        self.restore.setAccessibleName(self.tr("Restore this version"))
        self.restore.setAutoDefault(False)
        self.restore.setEnabled(False)
        self.empty = QLabel(self.tr("No earlier versions: this item has not been edited."), self)
        self.empty.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.versions, 1)
        left.addWidget(self.restore)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self.preview, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.empty)
        layout.addLayout(row, 1)
        self.versions.currentRowChanged.connect(self._chosen)
        self.restore.clicked.connect(self._restore)
        self.read_only = False

    def load(self, item_id: int, versions: tuple[Any, ...]) -> None:
        self.item_id = item_id
        self.versions.blockSignals(True)
        self.versions.clear()
        for version in versions:
            entry = QListWidgetItem(
                self.tr("Version {n} · {when}\n{title}").format(
                    n=version.version, when=_when(version.saved_at), title=version.title
                )
            )
            entry.setData(VERSION_ROLE, version.version)
            self.versions.addItem(entry)
        self.versions.blockSignals(False)
        self.preview.clear()
        self.empty.setVisible(not versions)
        self.restore.setEnabled(False)

    def show_version(self, view: Any) -> None:
        if view.evidence_id != self.item_id:
            return
        values = view.fields
        dates = []
        if values.review_on:
            dates.append(self.tr("Review by {d:%d %b %Y}").format(d=values.review_on))
        if values.expires_on:
            dates.append(self.tr("Expires on {d:%d %b %Y}").format(d=values.expires_on))
        header = [values.title, ", ".join(values.tags), " · ".join(dates)]
        self.preview.setPlainText("\n".join([h for h in header if h] + ["", values.body]))
        self.restore.setEnabled(not self.read_only)

    def _chosen(self, row: int) -> None:
        entry = self.versions.item(row)
        if entry is not None and self.item_id is not None:
            self.version_chosen.emit(self.item_id, int(entry.data(VERSION_ROLE)))

    def _restore(self) -> None:
        entry = self.versions.currentItem()
        if entry is not None and self.item_id is not None:
            self.restore_requested.emit(self.item_id, int(entry.data(VERSION_ROLE)))


class UsagePanel(QWidget):
    """The bids an item was used in, most recent first; activating one opens the bid."""

    open_bid = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Usage summary"))
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(self.tr("Bids that used this item"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Bid"), self.tr("Question"), self.tr("Version"),
                                    self.tr("Used on")])  # fmt: skip
        self.table.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def load(self, usage: tuple[Any, ...]) -> None:
        self.table.clear()
        bids = {u.bid_id for u in usage}
        if usage:
            self.summary.setText(
                self.tr("Used {n} times in {b} bids.").format(n=len(usage), b=len(bids))
            )
        else:
            self.summary.setText(self.tr("Not used in any bid yet."))
        for use in usage:
            row = QTreeWidgetItem(
                [use.bid_title, use.question_id or "—", str(use.version), _when(use.used_at)]
            )
            row.setData(0, BID_ROLE, use.bid_id)
            self.table.addTopLevelItem(row)
        for column in range(4):
            self.table.resizeColumnToContents(column)

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        self.open_bid.emit(int(row.data(0, BID_ROLE)))
