"""Add or change a task on a bid: what, who, by when."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.bids.moment_edit import DayEdit


class TaskDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, *, title: str = "", owner: str = "",
        due: date | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Task"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit(title, self)
        self.title.setAccessibleName(self.tr("What needs doing"))
        self.title.setPlaceholderText(self.tr("For example: Get the signed declaration"))
        self.owner = QLineEdit(owner, self)
        self.owner.setAccessibleName(self.tr("Who does it"))
        self.has_due = QCheckBox(self.tr("Has a due date"), self)
        self.has_due.setAccessibleName(self.tr("Has a due date"))
        self.due = DayEdit(self.tr("Due date"), self, optional=False)
        self.due.set_value(due or date.today() + timedelta(days=7))
        self.has_due.toggled.connect(self.due.setEnabled)
        self.has_due.setChecked(due is not None or not title)
        self.due.setEnabled(self.has_due.isChecked())
        form.addRow(self.tr("What"), self.title)
        form.addRow(self.tr("Who"), self.owner)
        form.addRow(self.has_due)
        form.addRow(self.tr("Due"), self.due)
        self.message = QLabel(self)
        self.message.setProperty("role", "error")
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if not self.title.text().strip():
            self.message.setText(self.tr("Say what needs doing."))
            self.message.show()
            self.title.setFocus()
            return
        if self.has_due.isChecked() and not self.due.check():
            self.due.setFocus()
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text().strip(),
            "owner": self.owner.text().strip(),
            "due": self.due.value() if self.has_due.isChecked() else None,
        }
