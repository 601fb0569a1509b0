"""Asks for a new organisation's name and whether it is the user's own or a partner."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class NewOrganisationDialog(QDialog):
    def __init__(
        self, own_default: bool, parent: QWidget | None = None, *, own_allowed: bool = True
    ) -> None:
        """`own_allowed=False` when the workspace already has its own organisation."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("New organisation"))
        self.setMinimumWidth(420)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Legal name"))
        self.name.setPlaceholderText(self.tr("You can add it later"))
        self.own = QRadioButton(self.tr("My organisation"), self)
        self.own.setAccessibleName(self.tr("My organisation"))
        self.partner = QRadioButton(self.tr("A partner (consortium member or subcontractor)"), self)
        self.partner.setAccessibleName(self.tr("A partner organisation"))
        (self.own if own_default and own_allowed else self.partner).setChecked(True)
        if not own_allowed:
            self.own.setEnabled(False)
            self.own.setToolTip(self.tr("Your organisation is already in the list."))
        form = QFormLayout()
        label = QLabel(self.tr("&Legal name"), self)
        label.setBuddy(self.name)
        form.addRow(label, self.name)
        kind = QVBoxLayout()
        kind.addWidget(self.own)
        kind.addWidget(self.partner)
        form.addRow(self.tr("This is"), kind)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Add organisation"))
        ok.setAccessibleName(self.tr("Add organisation"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, bool]:
        return self.name.text().strip(), self.own.isChecked()
