"""The go/no-go checklist: ten questions, three answers each, the result as you answer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bidkit.bids.checklist import QUESTIONS, Verdict, assess
from bidkit.ops import bids as ops
from bidkit.ui.bids.actions import BidActions

ANSWERS = (("yes", "Yes"), ("partly", "Partly"), ("no", "No"))


class ChecklistTab(QScrollArea):
    def __init__(self, actions: BidActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bid_ops = actions
        self.bid: Any = None
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the answers, not the frame
        body = QWidget(self)
        layout = QVBoxLayout(body)
        intro = QLabel(
            self.tr(
                "Answer each question with the team. 75% or more is GO, from 50% REVIEW, below "
                'that NO-GO; a "No" to the minimum requirements is always NO-GO.'
            ),
            body,
        )
        intro.setWordWrap(True)
        self.result = QLabel(body)
        self.result.setObjectName("sectionHeading")
        self.result.setAccessibleName(self.tr("Go / no-go result"))
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        self.groups: dict[str, QButtonGroup] = {}
        for row, question in enumerate(QUESTIONS):
            text = QLabel(f"<b>{self.tr(question.text)}</b><br>{self.tr(question.hint)}", body)
            text.setWordWrap(True)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            group.setExclusive(True)
            for column, (value, label) in enumerate(ANSWERS, start=1):
                button = QRadioButton(self.tr(label), body)
                button.setProperty("answer", value)
                button.setAccessibleName(f"{self.tr(question.text)} {self.tr(label)}")
                group.addButton(button)
                grid.addWidget(button, row, column)
            group.buttonClicked.connect(lambda _button: self._save())
            self.groups[question.key] = group
        self.note = QPlainTextEdit(body)
        self.note.setAccessibleName(self.tr("Go / no-go notes"))
        self.note.setPlaceholderText(self.tr("What the decision depends on"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        layout.addWidget(intro)
        layout.addWidget(self.result)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("Notes"), body))
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.setWidget(body)

    def answers(self) -> dict[str, str]:
        chosen = {}
        for key, group in self.groups.items():
            button = group.checkedButton()
            if button is not None:
                chosen[key] = str(button.property("answer"))
        return chosen

    def show_bid(self, bid: Any) -> None:
        previous = self.bid
        # A note typed but not saved yet stays when the same bid is shown again after another
        # change (a task added, the status changed); `flush` saves it.
        typed = (
            previous is not None
            and previous.id == bid.id
            and self.note.toPlainText() != previous.checklist.note
        )
        self.bid = bid
        answers = bid.checklist.answers
        for key, group in self.groups.items():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(button.property("answer") == answers.get(key))
            group.setExclusive(True)
        unchanged = self.note.toPlainText() == bid.checklist.note  # keeps cursor and undo
        if not self.note.hasFocus() and not typed and not unchanged:
            self.note.setPlainText(bid.checklist.note)
        self._show_result()

    def _show_result(self) -> None:
        result = assess(self.answers())
        if result.verdict is None:
            text = self.tr("{n} of {total} answered").format(
                n=result.answered, total=len(QUESTIONS)
            )
        else:
            text = self.tr("Result: {verdict} ({score:.0%})").format(
                verdict=result.verdict.label, score=result.score or 0
            )
            if result.verdict == Verdict.NO_GO and result.blockers:
                text += " " + self.tr("- the minimum requirements are not met")
        self.result.setText(text)

    def _save(self) -> None:
        self._show_result()
        if self.bid is not None:
            self.bid_ops.run(
                ops.save_checklist, self.bid.id, self.answers(), self.note.toPlainText()
            )

    def flush(self) -> None:
        if self.bid is not None and self.note.toPlainText() != self.bid.checklist.note:
            self._save()
