"""The reusable answers pre-fill could not find, each with why and where to fix it."""

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

_INDEX_ROLE = Qt.ItemDataRole.UserRole


class MissingDialog(QDialog):
    """Activating an item asks to go where the fact is kept (a profile field or the library)."""

    jump_requested = Signal(object)  # the MissingAnswer

    def __init__(self, missing: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing = list(missing)
        self.setWindowTitle(self.tr("Missing answers"))
        self.setMinimumSize(560, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("These answers could be filled in from the profile or the evidence "
                    "library once it has them. Double-click an item, or select it and press "
                    "Enter, to go there."),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Missing answers"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for position, item in enumerate(self.missing):
            entry = QListWidgetItem(f"{item.number}  {item.reason}")
            entry.setData(_INDEX_ROLE, position)
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._activate)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _activate(self, entry: QListWidgetItem) -> None:
        self.jump_requested.emit(self.missing[int(entry.data(_INDEX_ROLE))])
        self.accept()
