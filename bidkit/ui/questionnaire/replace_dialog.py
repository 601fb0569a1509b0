"""Asking before a library item replaces a whole answer (one that cannot take text inserted)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class ReplaceDialog(QDialog):
    """ "Replace the answer to A26 with “Articles of association”?" Cancel is the default."""

    def __init__(self, number: str, title: str, now: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Replace the answer?"))
        question = QLabel(
            self.tr("Replace the answer to {number} with “{title}”?").format(
                number=number, title=title
            ),
            self,
        )
        question.setWordWrap(True)
        shown = now if len(now) <= 200 else now[:200] + "…"
        current = QLabel(self.tr("It is now: {answer}").format(answer=shown), self)
        current.setWordWrap(True)
        current.setProperty("role", "hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.replace = buttons.addButton(self.tr("Replace"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.replace.setAccessibleName(self.tr("Replace the answer"))
        self.cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setAccessibleName(self.tr("Keep the answer"))
        self.cancel.setDefault(True)
        self.replace.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(current)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
