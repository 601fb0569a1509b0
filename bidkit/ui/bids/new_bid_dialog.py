"""Start a bid by hand: title, buyer, reference, deadline, value, lead organisation and,
optionally, the questionnaire to attach and pre-fill."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
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

from bidkit.ui.bids.moment_edit import MomentEdit


class NewBidDialog(QDialog):
    def __init__(
        self,
        organisations: Sequence[Any],
        parent: QWidget | None = None,
        forms: Sequence[Any] = (),
    ) -> None:
        """`organisations` have id, name and own; `forms` (id, title, version) adds a choice
        of questionnaire to attach."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("New bid"))
        self.setMinimumWidth(600)  # the examples in the fields read in full
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("For example: Community wellbeing service"))
        self.buyer = QLineEdit(self)
        self.buyer.setPlaceholderText(self.tr("For example: Riverside Borough Council"))
        self.reference = QLineEdit(self)
        self.deadline = MomentEdit(self.tr("Submission deadline"), self)
        noon = (datetime.now(UTC) + timedelta(days=28)).replace(hour=12, minute=0)
        self.deadline.set_value(noon, False)
        self.value = QLineEdit(self)
        self.value.setPlaceholderText(self.tr("For example: 450000"))
        self.lead = QComboBox(self)
        for org in organisations:
            self.lead.addItem(org.name, org.id)
        own = next((i for i, o in enumerate(organisations) if o.own), 0)
        self.lead.setCurrentIndex(own)
        rows: list[tuple[str, QWidget]] = [
            (self.tr("&Title"), self.title),
            (self.tr("&Buyer"), self.buyer),
            (self.tr("Buyer's &reference"), self.reference),
            (self.tr("Submission &deadline (UK time)"), self.deadline),
            (self.tr("Estimated &value (£)"), self.value),
            (self.tr("&Lead organisation"), self.lead),
        ]
        self.questionnaire: QComboBox | None = None
        if forms:
            self.questionnaire = QComboBox(self)
            self.questionnaire.addItem(self.tr("None for now"), None)
            for item in forms:
                label = getattr(item, "chooser_label", None)
                text = label() if callable(label) else f"{item.title} ({item.version})"
                self.questionnaire.addItem(text, item.id)
            self.questionnaire.setCurrentIndex(1)
            rows.append((self.tr("&Questionnaire"), self.questionnaire))
        for label, widget in rows:
            if widget is not self.deadline:
                widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
        self.message = QLabel(self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add bid"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if not self.title.text().strip():
            self.message.setText(self.tr("Give the bid a title, for example the contract's name."))
            self.message.show()
            self.title.setFocus()
            return
        if self.lead.count() == 0:
            self.message.setText(self.tr("Add your organisation first, on the Organisations page."))
            self.message.show()
            return
        if not self.deadline.check():
            self.deadline.setFocus()
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        deadline, all_day = self.deadline.value()
        return {
            "title": self.title.text(),
            "buyer": self.buyer.text(),
            "reference": self.reference.text(),
            "deadline": deadline,
            "deadline_all_day": all_day,
            "value": self.value.text().strip() or None,
            "org_id": self.lead.currentData(),
            "form_id": self.questionnaire.currentData() if self.questionnaire else None,
        }
