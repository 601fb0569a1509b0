"""Importing a partner's reply from the window: the preview before anything is stored, and the
conflicts shown side by side (keep mine / take theirs / edit)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bidkit.consortium.attachments import human_size
from bidkit.consortium.profile_facts import display
from bidkit.ui.widgets import push_button


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, indent=1, ensure_ascii=False)


class ReplyPreviewDialog(QDialog):
    """What importing the reply will change; Import stores it (after a backup)."""

    def __init__(self, preview: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import {partner}'s reply").format(partner=preview.partner))
        layout = QVBoxLayout(self)
        c = preview.counts
        if preview.already_imported:
            summary = self.tr(
                "This reply was already imported: importing it again changes nothing."
            )
        else:
            what = (
                self.tr("Filled Word form for “{bid}”.")
                if preview.medium == "docx"
                else self.tr("Reply #{seq} for “{bid}”.")
            )
            counts = self.tr(
                " Answers added: {add}, changed: {change}, in "
                "conflict with your edits: {conflict}, unchanged: {same}."
            )
            summary = (what + counts).format(
                seq=preview.sequence,
                bid=preview.bid_title,
                add=c["add"],
                change=c["change"],
                conflict=c["conflict"],
                same=c["same"],
            )
        for text in (summary, preview.trust_text):
            label = QLabel(text, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.trust = label
        if preview.trust in ("word_form", "unsigned", "new_key"):
            # Nothing proves who sent it: the lead should check before importing.
            label.setStyleSheet("font-weight: bold;")
        self.changes = QListWidget(self)
        self.changes.setAccessibleName(self.tr("Changes the import makes"))
        for item in preview.items:
            if item.outcome.value == "same":
                continue
            what = {
                "add": self.tr("Added"),
                "change": self.tr("Changed"),
                "conflict": self.tr("Conflict"),
            }[item.outcome.value]
            self.changes.addItem(f"{what}: {item.question.number} {item.question.text[:80]}")
        for fact in preview.profile_facts:
            self.changes.addItem(
                self.tr("Profile: {label}: {mine} → {theirs}").format(
                    label=fact["label"],
                    mine=display(fact["key"], fact["mine"]),
                    theirs=display(fact["key"], fact["theirs"]),
                )
            )
        for attachment in preview.attachments:
            cited = ", ".join(attachment["cited_by"]) or self.tr("no answer")
            text = self.tr("Attachment: {name} ({size}), cited by {cited}").format(
                name=attachment["name"], size=human_size(attachment["size"]), cited=cited
            )
            if not attachment["new"]:
                text += self.tr(" — already kept")
            self.changes.addItem(text)
        layout.addWidget(self.changes, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(not preview.already_imported)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)


class ConflictsDialog(QDialog):
    """Each conflict side by side. Each choice is passed to `settle(conflict id, choice, value)`
    at once and the conflict leaves the list; the dialog closes when none is left."""

    def __init__(
        self,
        conflicts: list[Any],
        settle: Callable[[int, str, Any], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settle conflicts"))
        self.conflicts = list(conflicts)
        self.settle = settle
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Conflicts"))
        for conflict in conflicts:
            item = QListWidgetItem(f"{conflict.number} ({conflict.partner}): {conflict.text[:70]}")
            self.list.addItem(item)
        self.list.currentRowChanged.connect(self._show)
        sides = QHBoxLayout()
        self.mine = QPlainTextEdit(self)
        self.mine.setReadOnly(True)
        self.mine.setAccessibleName(self.tr("Your answer"))
        self.theirs = QPlainTextEdit(self)
        self.theirs.setReadOnly(True)
        self.theirs.setAccessibleName(self.tr("Their answer"))
        for title, edit in ((self.tr("Yours"), self.mine), (self.tr("Theirs"), self.theirs)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title, self))
            column.addWidget(edit)
            sides.addLayout(column)
        buttons = QHBoxLayout()
        buttons.addWidget(push_button(self, self.tr("Keep &mine"), lambda: self._pick("mine")))
        buttons.addWidget(push_button(self, self.tr("Take &theirs"), lambda: self._pick("theirs")))
        buttons.addWidget(push_button(self, self.tr("&Edit…"), lambda: self._pick("edit")))
        buttons.addStretch(1)
        buttons.addWidget(push_button(self, self.tr("Close"), self.reject))
        layout.addWidget(self.list)
        layout.addLayout(sides, 1)
        layout.addLayout(buttons)
        self.resize(760, 480)
        if conflicts:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.conflicts):
            self.mine.setPlainText(_text(self.conflicts[row].mine))
            self.theirs.setPlainText(_text(self.conflicts[row].theirs))

    def _pick(self, choice: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        value: Any = None
        if choice == "edit":
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("Edit the answer"), conflict.number, _text(conflict.theirs)
            )
            if not ok:
                return
            value = text
        self.settle(conflict.id, choice, value)
        del self.conflicts[row]
        self.list.takeItem(row)
        if not self.conflicts:
            self.accept()


class ProfileFactsDialog(QDialog):
    """A reply's profile facts that differ from the partner's profile; the lead ticks those to
    copy (field by field)."""

    def __init__(self, partner: str, facts: list[dict[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Profile changes from {partner}").format(partner=partner))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Tick the facts to copy into your record of {partner}'s profile.").format(
                partner=partner
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Profile facts offered"))
        for fact in facts:
            item = QListWidgetItem(
                self.tr("{label}: {mine} → {theirs}").format(
                    label=fact["label"],
                    mine=display(fact["key"], fact["mine"]),
                    theirs=display(fact["key"], fact["theirs"]),
                )
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, fact["key"])
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.tr("&Copy ticked facts"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def chosen(self) -> list[str]:
        found = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return found
