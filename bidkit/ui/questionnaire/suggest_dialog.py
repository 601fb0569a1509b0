"""Choose a library item for an answer: ranked suggestions, or every item, with snippets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

_ID_ROLE = Qt.ItemDataRole.UserRole


class SuggestDialog(QDialog):
    """Items with a title and a snippet; double-click, Enter or Insert answers with one."""

    chosen = Signal(int)  # evidence item id

    def __init__(self, heading: str, items: Sequence[Any], parent: QWidget | None = None) -> None:
        """`items` have evidence_id, title and snippet (ops.questionnaires.Suggestion)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence library"))
        self.setMinimumSize(560, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(heading, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Library items"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        for item in items:
            snippet = str(item.snippet)
            entry = QListWidgetItem(f"{item.title}\n{snippet}")
            entry.setData(_ID_ROLE, int(item.evidence_id))
            entry.setToolTip(snippet)
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.title}. {snippet}")
            self.list.addItem(entry)
        self.empty = QLabel(
            self.tr(
                "No library item matches this question. Items are added to the evidence "
                "library; the ones that have expired are not offered."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(self.list.count() == 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.insert = buttons.addButton(self.tr("Insert"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.insert.setAccessibleName(self.tr("Insert the chosen item"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self._insert_current)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.itemActivated.connect(self._insert)
        self.list.currentRowChanged.connect(lambda row: self.insert.setEnabled(row >= 0))
        if self.list.count():
            self.list.setCurrentRow(0)
        self.insert.setEnabled(self.list.count() > 0)

    def _insert_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._insert(item)

    def _insert(self, item: QListWidgetItem) -> None:
        self.chosen.emit(int(item.data(_ID_ROLE)))
        self.accept()
