"""File > Restore…: choose a backup by its date and reason, or a backup file from elsewhere.

The dialog only chooses; the window restores (on the database worker) and reopens the
workspace. Damaged or foreign backups are listed with what is wrong and cannot be chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bidkit.ops.backups import describe_reason, show_created, show_size
from bidkit.store.backup import BackupListing

_Index = QModelIndex | QPersistentModelIndex


class BackupsModel(QAbstractTableModel):
    """The backups folder's files, newest first: taken, why, size, state."""

    COLUMNS = ("Taken", "Why", "Size", "State")

    def __init__(self, backups: list[BackupListing], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.backups[index.row()].problem:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup = self.backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return show_created(backup.created)
            if column == 1:
                return describe_reason(backup.reason)
            if column == 2:
                return show_size(backup.size)
            if backup.problem:
                return self.tr("Cannot be used")
            if backup.path.suffix == ".sqlite3":
                return (
                    self.tr("Checked (older format)")
                    if backup.verified
                    else self.tr("Older format, not checked")
                )
            return self.tr("Checked") if backup.verified else self.tr("Not checked")
        if role == Qt.ItemDataRole.ToolTipRole:
            if backup.problem:
                return backup.problem
            if backup.path.suffix == ".sqlite3":
                return self.tr(
                    "{path}\nAn older backup: the database only. Files stored since are kept; "
                    "it is brought up to this version of BidKit as it is restored."
                ).format(path=backup.path)
            return str(backup.path)
        return None


class RestoreDialog(QDialog):
    """Pick the backup to restore; `chosen` holds its path after Accepted."""

    def __init__(
        self, backups: list[BackupListing], parent: QWidget | None = None, *, damaged: bool = False
    ) -> None:
        super().__init__(parent)
        #: The workspace's database is damaged: it is set aside, not backed up, before a restore.
        self.damaged = damaged
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setAccessibleName(self.tr("Restore a backup"))
        self.resize(640, 420)
        self.chosen: Path | None = None
        self.model = BackupsModel(backups, self)

        intro = QLabel(
            self.tr(
                "Choose the backup to put back. BidKit checks it completely first, then keeps "
                "the damaged database aside in the backups folder (damaged-<date>)."
            )
            if damaged
            else self.tr(
                "Choose the backup to put back. BidKit checks it completely first, then backs "
                "up the workspace as it is now, so a restore can itself be undone."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Backups, newest first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        empty = QLabel(self.tr("There are no backups in this workspace's backups folder yet."))
        empty.setVisible(not self.model.backups)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setAccessibleName(self.tr("Restore the chosen backup"))
        self.restore_button.setEnabled(False)
        self.restore_button.setDefault(True)
        self.file_button = QPushButton(self.tr("Restore from a &file…"), self)
        self.file_button.setAccessibleName(self.tr("Restore a backup file kept elsewhere"))
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_selected)
        self.file_button.clicked.connect(self._restore_file)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)
        first_usable = next((i for i, b in enumerate(self.model.backups) if not b.problem), None)
        if first_usable is not None:
            self.table.selectRow(first_usable)
        self.table.resizeColumnToContents(0)
        self.table.setFocus()

    def _on_selection(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _selected(self) -> BackupListing | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    def _restore_selected(self) -> None:
        backup = self._selected()
        if backup is None or backup.problem:
            return
        taken = self.tr("taken {when}").format(when=show_created(backup.created))
        if self._confirm(taken):
            self.chosen = backup.path
            self.accept()

    def _restore_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Restore a backup file"), "", self.tr("BidKit backups (*.zip *.sqlite3)")
        )
        if name and self._confirm(Path(name).name):
            self.chosen = Path(name)
            self.accept()

    def consequence(self) -> str:
        """What a restore does to the workspace as it is now, for the confirmation."""
        if self.damaged:
            return self.tr(
                "Everything in the workspace is replaced by what the backup holds. Its "
                "database is damaged, so it cannot be backed up: it is kept aside in the "
                "backups folder, under damaged-<date>, instead."
            )
        return self.tr(
            "Everything in the workspace is replaced by what the backup holds. The workspace "
            "as it is now is backed up first, so this restore can be undone."
        )

    def _confirm(self, which: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore a backup"),
            self.tr("Put back the backup {which}?").format(which=which),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.consequence())
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is restore
