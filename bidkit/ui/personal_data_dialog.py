"""File > Personal data…: export everything about a person, or erase them everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.context import AppContext


class PersonalDataDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("personalDataDialog")
        self.setWindowTitle(self.tr("Personal data"))
        self.setAccessibleName(self.tr("Personal data"))
        self.resize(520, 0)
        intro = QLabel(
            self.tr(
                "Find a person in every profile, answer, library item and earlier version. "
                "Export what BidKit holds about them (a subject access request), or erase them."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Full name"))
        self.email = QLineEdit(self)
        self.email.setAccessibleName(self.tr("E-mail address (optional)"))
        form = QFormLayout()
        form.addRow(self.tr("Full &name"), self.name)
        form.addRow(self.tr("&E-mail (optional)"), self.email)
        self.backups = QCheckBox(self.tr("Also delete the &backups that still hold them"), self)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton(self.tr("E&xport everything…"), self)
        self.erase_button = QPushButton(self.tr("E&rase this person…"), self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(lambda: self.export_to(None))
        self.erase_button.clicked.connect(lambda: self.erase(confirmed=False))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.backups)
        layout.addWidget(self.state)
        layout.addWidget(buttons)

    def _failed(self, error: BaseException) -> None:
        self.state.setText(getattr(error, "message", None) or str(error))

    def export_to(self, target: Path | None) -> None:
        from bidkit.ops.personal_data import export_person

        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export everything about this person"), "", "JSON (*.json)"
            )
            if not name:
                return
            target = Path(name)
        person, email, destination = self.name.text(), self.email.text(), target

        def done(report: Any) -> None:
            self.state.setText(
                self.tr(
                    "{n} records about {person} written to {path} (and a .txt beside it)."
                ).format(n=len(report.mentions), person=report.name, path=destination)
            )

        self.context.runner.run(
            lambda ws: export_person(ws, person, destination, email), done, self._failed
        )

    def erase(self, *, confirmed: bool) -> None:
        from bidkit.ops.personal_data import erase_person

        if not confirmed:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Erase this person"),
                              self.tr("Erase {person} everywhere?").format(person=self.name.text()),
                              QMessageBox.StandardButton.Cancel, self)  # fmt: skip
            box.setInformativeText(
                self.tr(
                    "Their rows are deleted and their name is removed from every answer, "
                    "library item and earlier version. This cannot be undone, and no backup "
                    "is taken first."
                )
            )
            erase = box.addButton(self.tr("Erase"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not erase:
                return
        self.context.run_op(
            erase_person, self.name.text(), self.email.text(),
            erase_from_backups=self.backups.isChecked(),
            done=lambda changes: self.state.setText(changes.note), failed=self._failed,
        )  # fmt: skip
