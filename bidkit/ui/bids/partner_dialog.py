"""Editing one partner's part in a bid: role, guarantor and capacity flags, shares, contact and
the declaration sign-off."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from bidkit.profile.values import format_date

ROLES = (("member", "Consortium member"), ("subcontractor", "Subcontractor"))


class PartnerDialog(QDialog):
    def __init__(self, partner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("{name}'s part in the bid").format(name=partner.name))
        form = QFormLayout(self)
        self.role = QComboBox(self)
        for value, label in ROLES:
            self.role.addItem(self.tr(label), value)
        self.role.setCurrentIndex(max(0, self.role.findData(partner.role)))
        self.guarantor = QCheckBox(self.tr("Guarantor"), self)
        self.guarantor.setChecked(partner.guarantor)
        self.key_sub = QCheckBox(self.tr("Key subcontractor"), self)
        self.key_sub.setChecked(partner.key_subcontractor)
        self.capacity = QCheckBox(self.tr("The bid relies on them for capacity"), self)
        self.capacity.setChecked(partner.relied_on_for_capacity)
        self.work = self._line(_pct(partner.work_share_pct), self.tr("Share of the work (%)"))
        self.value = self._line(_pct(partner.value_share_pct), self.tr("Share of the value (%)"))
        self.contact = self._line(partner.contact_name, self.tr("Contact for this bid"))
        self.email = self._line(partner.contact_email, self.tr("Contact e-mail"))
        self.phone = self._line(partner.contact_phone, self.tr("Contact phone"))
        self.signed_by = self._line(partner.declaration_signed_by, self.tr("Declaration signed by"))
        signed_on = partner.declaration_signed_on
        self.signed_on = self._line(
            format_date(signed_on) if signed_on else "", self.tr("Signed on (blank: today)")
        )
        form.addRow(self.tr("&Role"), self.role)
        for box in (self.guarantor, self.key_sub, self.capacity):
            form.addRow("", box)
        for label, edit in (
            (self.tr("Share of the &work (%)"), self.work),
            (self.tr("Share of the &value (%)"), self.value),
            (self.tr("&Contact"), self.contact),
            (self.tr("E-&mail"), self.email),
            (self.tr("&Phone"), self.phone),
            (self.tr("Declaration &signed by"), self.signed_by),
            (self.tr("Signed &on"), self.signed_on),
        ):
            form.addRow(label, edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _line(self, text: str, name: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setAccessibleName(name)
        return edit

    def values(self) -> dict[str, Any]:
        return {
            "role": self.role.currentData(),
            "guarantor": self.guarantor.isChecked(),
            "key_subcontractor": self.key_sub.isChecked(),
            "relied_on_for_capacity": self.capacity.isChecked(),
            "work_share": self.work.text(),
            "value_share": self.value.text(),
            "contact_name": self.contact.text(),
            "contact_email": self.email.text(),
            "contact_phone": self.phone.text(),
        }

    def sign_off(self) -> tuple[str, str]:
        return self.signed_by.text(), self.signed_on.text()


def _pct(value: int | None) -> str:
    return "" if value is None else str(value)
