"""Won or lost, the buyer's feedback and scores, and the bid's status history."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bidkit.ops import bids as ops
from bidkit.ui.bids.actions import BidActions
from bidkit.ui.bids.format import show_moment
from bidkit.ui.bids.moment_edit import DayEdit
from bidkit.ui.widgets import push_button

STATUS_LABELS = {
    "identified": "Identified",
    "go_no_go": "Go / no-go",
    "drafting": "Drafting",
    "in_review": "In review",
    "submitted": "Submitted",
    "won": "Won",
    "lost": "Lost",
    "withdrawn": "Withdrawn",
}


class OutcomeTab(QWidget):
    def __init__(self, actions: BidActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bid_ops = actions
        self.bid: Any = None
        #: The outcome form has changes not recorded yet; a reload of the same bid keeps them.
        self.edited = False
        self._showing = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        choice = QHBoxLayout()
        self.won = QRadioButton(self.tr("Won"), self)
        self.won.setAccessibleName(self.tr("Outcome: won"))
        self.lost = QRadioButton(self.tr("Lost"), self)
        self.lost.setAccessibleName(self.tr("Outcome: lost"))
        self.group = QButtonGroup(self)
        self.group.addButton(self.won)
        self.group.addButton(self.lost)
        choice.addWidget(self.won)
        choice.addWidget(self.lost)
        choice.addStretch(1)
        self.on = DayEdit(self.tr("Date of the decision"), self, optional=False)
        self.feedback = QPlainTextEdit(self)
        self.feedback.setAccessibleName(self.tr("Buyer's feedback"))
        self.feedback.setTabChangesFocus(True)
        self.feedback.setMaximumHeight(110)
        self.scores = QTableWidget(0, 3, self)
        self.scores.setAccessibleName(self.tr("Buyer's scores"))
        self.scores.setHorizontalHeaderLabels(
            [self.tr("Criterion"), self.tr("Our score"), self.tr("Out of")]
        )
        self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scores.setMaximumHeight(150)
        score_buttons = QHBoxLayout()
        add_score = push_button(self, self.tr("Add score row"), self._add_score_row)
        remove_score = push_button(self, self.tr("Remove score row"), self._remove_score_row)
        score_buttons.addWidget(add_score)
        score_buttons.addWidget(remove_score)
        score_buttons.addStretch(1)
        self.record = push_button(self, self.tr("Record outcome"), self.save)
        form.addRow(self.tr("Outcome"), choice)
        form.addRow(self.tr("Decided on"), self.on)
        form.addRow(self.tr("Feedback"), self.feedback)
        form.addRow(self.tr("Scores"), self.scores)
        form.addRow("", score_buttons)
        self.message = QLabel(self)
        self.message.setProperty("role", "error")
        self.message.hide()
        history_heading = QLabel(self.tr("Status history"), self)
        history_heading.setObjectName("sectionHeading")
        self.history = QTreeWidget(self)
        self.history.setAccessibleName(self.tr("Status history"))
        self.history.setHeaderLabels([self.tr("When (UK time)"), self.tr("From"), self.tr("To"),
                                      self.tr("Note")])  # fmt: skip
        self.history.setRootIsDecorated(False)
        self.history.setColumnWidth(0, 150)
        for signal in (
            self.won.toggled,
            self.lost.toggled,
            self.on.edit.textEdited,
            self.feedback.textChanged,
            self.scores.itemChanged,
            self.scores.model().rowsInserted,
            self.scores.model().rowsRemoved,
        ):
            signal.connect(self._mark_edited)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.record)
        layout.addWidget(history_heading)
        layout.addWidget(self.history, 1)

    def _add_score_row(self) -> None:
        row = self.scores.rowCount()
        self.scores.insertRow(row)
        self.scores.setCurrentCell(row, 0)

    def _remove_score_row(self) -> None:
        row = self.scores.currentRow()
        if row >= 0:
            self.scores.removeRow(row)

    def _mark_edited(self, *_args: Any) -> None:
        if not self._showing:
            self.edited = True

    def show_bid(self, bid: Any) -> None:
        previous = self.bid
        # An outcome being entered but not recorded yet stays when the same bid is shown again
        # after another change (a task added, the status changed).
        keep = previous is not None and previous.id == bid.id and self.edited
        self.bid = bid
        self._show_history(bid)
        self.message.hide()
        if keep:
            return
        self._showing = True
        try:
            self._show_outcome(bid)
        finally:
            self._showing = False
        self.edited = False

    def _show_outcome(self, bid: Any) -> None:
        self.group.setExclusive(False)
        self.won.setChecked(bid.status == "won")
        self.lost.setChecked(bid.status == "lost")
        self.group.setExclusive(True)
        self.on.set_value(bid.outcome_on or date.today())
        if self.feedback.toPlainText() != bid.outcome_feedback:  # keeps cursor and undo
            self.feedback.setPlainText(bid.outcome_feedback)
        self.scores.setRowCount(0)
        for score in bid.outcome_scores:
            row = self.scores.rowCount()
            self.scores.insertRow(row)
            for column, key in enumerate(("criterion", "score", "max")):
                value = score.get(key)
                text = (
                    ""
                    if value is None
                    else f"{value:g}"
                    if isinstance(value, float)
                    else str(value)
                )
                self.scores.setItem(row, column, QTableWidgetItem(text))

    def _show_history(self, bid: Any) -> None:
        self.history.clear()
        for change in reversed(bid.history):
            when = show_moment(change.changed_at)
            old = self.tr(STATUS_LABELS.get(change.from_status, change.from_status))
            new = self.tr(STATUS_LABELS.get(change.to_status, change.to_status))
            self.history.addTopLevelItem(QTreeWidgetItem([when, old, new, change.note]))

    def save(self) -> None:
        if self.bid is None:
            return
        if not (self.won.isChecked() or self.lost.isChecked()):
            self.message.setText(self.tr("Choose Won or Lost first."))
            self.message.show()
            return
        if not self.on.check():
            self.on.setFocus()
            return
        scores = []
        for row in range(self.scores.rowCount()):
            cells = [self.scores.item(row, c) for c in range(3)]
            texts = [cell.text().strip() if cell is not None else "" for cell in cells]
            if texts[0]:
                scores.append({"criterion": texts[0], "score": texts[1], "max": texts[2]})
        self.message.hide()
        self.edited = False
        self.bid_ops.run(
            ops.record_outcome, self.bid.id, won=self.won.isChecked(),
            feedback=self.feedback.toPlainText(), scores=scores, on=self.on.value(),
        )  # fmt: skip
