"""Attach one of the shipped questionnaires to a bid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

_ID_ROLE = Qt.ItemDataRole.UserRole


class AttachDialog(QDialog):
    """Each form with its title, version, question count and when buyers use it."""

    def __init__(self, forms: Sequence[Any], attached: Sequence[str],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        """`forms` are bidkit.forms.schema.Form values; `attached` the ids already on the bid."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attach questionnaire"))
        self.setMinimumSize(600, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Choose the questionnaire the buyer asks for. It is pre-filled from the "
                    "profiles of the organisations in the bid."),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Questionnaires"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        for form in forms:
            count = sum(1 for _ in form.questions())
            text = self.tr("{title} ({version}), {count} questions").format(
                title=form.title, version=form.version, count=count
            )
            if form.superseded_by:
                text += self.tr(" – superseded by {edition}, for bids started under it").format(
                    edition=form.superseded_by
                )
            description = " ".join(str(form.description or form.source).split())
            entry = QListWidgetItem(f"{text}\n{description}")
            entry.setData(_ID_ROLE, form.id)
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, f"{text}. {description}")
            if form.id in attached:
                entry.setFlags(entry.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                entry.setText(self.tr("{text} – already attached\n{description}").format(
                    text=text, description=description))  # fmt: skip
            self.list.addItem(entry)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.attach = buttons.addButton(self.tr("Attach"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.attach.setAccessibleName(self.tr("Attach the chosen questionnaire"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_a: self._update())
        for row in range(self.list.count()):
            if self.list.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(row)
                break
        self._update()

    def _update(self) -> None:
        self.attach.setEnabled(self.form_id() is not None)

    def form_id(self) -> str | None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return str(item.data(_ID_ROLE))
