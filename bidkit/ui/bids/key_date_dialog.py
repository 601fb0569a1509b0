"""Add or change one of a bid's key dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.bids.moment_edit import MomentEdit

KINDS = (
    ("clarification", "Clarification questions close"),
    ("presentation", "Buyer's presentation"),
    ("award", "Award expected"),
    ("contract_start", "Contract start"),
    ("custom", "Other date"),
)


class KeyDateDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, *, kind: str = "clarification", label: str = "",
        due: datetime | None = None, all_day: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Key date"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of date"))
        for value, text in KINDS:
            self.kind.addItem(self.tr(text), value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.label = QLineEdit(label, self)
        self.label.setAccessibleName(self.tr("Name of the date"))
        self.label.setPlaceholderText(self.tr("For example: Site visit"))
        self.moment = MomentEdit(self.tr("Date"), self, optional=False)
        self.moment.set_value(due, all_day)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Name (for other dates)"), self.label)
        form.addRow(self.tr("When (UK time)"), self.moment)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.moment.check():
            self.accept()
        else:
            self.moment.setFocus()

    def values(self) -> dict[str, Any]:
        due, all_day = self.moment.value()
        return {
            "kind": self.kind.currentData(),
            "label": self.label.text().strip(),
            "due": due,
            "all_day": all_day,
        }
