"""The required answers not given yet, each with the organisation that owes it and why.

Activating a gap goes to it: the question, on the tab of the organisation that owes it. A gap
pre-fill could fill once the profile (or the library) has the fact also offers to go there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

_INDEX_ROLE = Qt.ItemDataRole.UserRole


def gap_text(gap: Any, with_organisation: bool) -> str:
    """The question, then who owes it and why:

    "1.1(f)  Charity number?" / "Greenway Trust – Charity number is empty in the profile".
    """
    reason = str(gap.reason).rstrip(".")
    question = " ".join(str(gap.question.text).split())
    if len(question) > 140:
        question = question[:140].rsplit(" ", 1)[0] + "…"
    who = f"{gap.organisation} – {reason}" if with_organisation and gap.organisation else reason
    # BidKit's set-up questions and core supplier information carry no buyer's number.
    head = f"{gap.question.number}  {question}" if gap.question.number else question
    return f"{head}\n{who}"


class MissingDialog(QDialog):
    """Enter (or a double-click) goes to the question; "Open in profile" to where a fact lives."""

    jump_requested = Signal(object)  # the Gap: go to the question and organisation
    source_requested = Signal(object)  # the Gap: go to the profile field or the library

    def __init__(self, gaps: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gaps = list(gaps)
        self.setWindowTitle(self.tr("Missing answers"))
        self.setMinimumSize(600, 400)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Required answers not given yet, with the organisation that owes each. "
                    "Select one and press Enter (or double-click it) to go to the question."),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        organisations = {g.organisation for g in self.gaps if g.organisation}
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Missing answers"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for position, gap in enumerate(self.gaps):
            entry = QListWidgetItem(gap_text(gap, bool(organisations)))
            entry.setData(_INDEX_ROLE, position)
            entry.setToolTip(gap.question.text)
            self.list.addItem(entry)
        self.list.itemActivated.connect(lambda _entry: self._go())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.go = buttons.addButton(
            self.tr("&Go to question"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.go.setAccessibleName(self.tr("Go to the question"))
        self.go.clicked.connect(self._go)
        self.source = buttons.addButton(
            self.tr("Open &where it is kept"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.source.setAccessibleName(self.tr("Open the profile field or library it comes from"))
        self.source.clicked.connect(self._open_source)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        for button in (self.go, self.source, close):
            button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current(self) -> Any:
        entry = self.list.currentItem()
        return None if entry is None else self.gaps[int(entry.data(_INDEX_ROLE))]

    def _update_buttons(self) -> None:
        gap = self.current()
        self.go.setEnabled(gap is not None)
        self.source.setEnabled(gap is not None and bool(gap.target))

    def _go(self) -> None:
        gap = self.current()
        if gap is not None:
            self.jump_requested.emit(gap)
            self.accept()

    def _open_source(self) -> None:
        gap = self.current()
        if gap is not None and gap.target:
            self.source_requested.emit(gap)
            self.accept()
