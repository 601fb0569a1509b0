"""Start a bid from the window: title, buyer, deadline, lead organisation, questionnaire."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bidkit.profile.catalogue import FieldSpec
from bidkit.ui.profile.field_editors import LineFieldEditor


class NewBidDialog(QDialog):
    def __init__(self, organisations: Sequence[Any], forms: Sequence[Any],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        """`organisations` have id, name and own; `forms` have id, title and version."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("New bid"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("For example: Community wellbeing service"))
        self.buyer = QLineEdit(self)
        self.buyer.setPlaceholderText(self.tr("For example: Riverside Borough Council"))
        self.deadline = LineFieldEditor(
            FieldSpec(key="deadline", label="Deadline", kind="date"), self
        )
        self.deadline.cell = True  # read on OK, not saved by itself
        self.lead = QComboBox(self)
        for org in organisations:
            self.lead.addItem(org.name, org.id)
        own = next((i for i, o in enumerate(organisations) if o.own), 0)
        self.lead.setCurrentIndex(own)
        self.questionnaire = QComboBox(self)
        self.questionnaire.addItem(self.tr("None for now"), None)
        for item in forms:
            self.questionnaire.addItem(f"{item.title} ({item.version})", item.id)
        if len(forms):
            self.questionnaire.setCurrentIndex(1)
        rows: list[tuple[str, QWidget]] = [
            (self.tr("Title"), self.title),
            (self.tr("Buyer"), self.buyer),
            (self.tr("Deadline"), self.deadline),
            (self.tr("Lead organisation"), self.lead),
            (self.tr("Questionnaire"), self.questionnaire),
        ]
        for label, widget in rows:
            if isinstance(widget, LineFieldEditor):
                widget.set_accessible(label)
            else:
                widget.setAccessibleName(label)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create bid"))
        ok.setAccessibleName(self.tr("Create bid"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if not organisations:
            self._show_problem(
                self.tr(
                    "Add your organisation on the Organisations page first: a bid needs "
                    "an organisation to lead it."
                )
            )
            ok.setEnabled(False)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _check(self) -> None:
        if not self.title.text().strip():
            self._show_problem(self.tr("Give the bid a title, for example the contract's name."))
            self.title.setFocus()
            return
        try:
            self.deadline.value()
        except ValueError as exc:
            self._show_problem(str(exc))
            self.deadline.focus_editor()
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        """Keyword arguments for bidkit.ops.bids.create_bid."""
        day = self.deadline.value()
        deadline = datetime.combine(day, time(12, 0)) if isinstance(day, date) else None
        return {
            "title": self.title.text().strip(),
            "buyer": self.buyer.text().strip(),
            "deadline": deadline,
            "org_id": self.lead.currentData(),
            "form_id": self.questionnaire.currentData(),
        }
