"""Asking before something is deleted: one dialog, the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_delete(parent: QWidget, title: str, question: str, consequences: str) -> bool:
    """True when the user chose Delete; Cancel is the default, so Enter deletes nothing."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, question, QMessageBox.StandardButton.Cancel,
                      parent)  # fmt: skip
    box.setInformativeText(consequences)
    delete = box.addButton(
        QCoreApplication.translate("confirm", "Delete"), QMessageBox.ButtonRole.DestructiveRole
    )
    delete.setAccessibleName(title)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is delete
