"""Review what BidKit found in a buyer's questionnaire and correct it: merge a question with the
next, split one, mark a row as not a question, change an answer type or a limit. Each
correction is an operation of its own and is kept with the form."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.context import AppContext
from bidkit.ui.widgets import push_button

_TYPES = {
    "short_text": "Short text",
    "long_text": "Written answer",
    "yes_no": "Yes / No",
    "yes_no_details": "Yes / No with details",
    "date": "Date",
    "money": "Amount (£)",
    "number": "Number",
    "single_choice": "One of the buyer's options",
    "evidence": "Attached document",
    "declaration": "Declaration",
}
_Index = QModelIndex | QPersistentModelIndex


class DetectedQuestionsModel(QAbstractTableModel):
    """The questions found, in document order (plain values: built from a worker read)."""

    HEADERS = ("Ref", "Question", "Answer type", "Limit", "In the buyer's document")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions: list[Any] = []

    def set_questions(self, questions: list[Any]) -> None:
        self.beginResetModel()
        self.questions = list(questions)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.questions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        question = self.questions[index.row()]
        column = index.column()
        if column == 0:
            return question.ref
        if column == 1:
            if role == Qt.ItemDataRole.ToolTipRole:
                return question.text
            note = {"signature": " (signature: never filled)",
                    "declaration_date": " (date of signing: left for the signer)"}.get(
                question.role, "")  # fmt: skip
            return question.text[:140] + note
        if column == 2:
            return self.tr(_TYPES.get(question.type.value, question.type.value))
        if column == 3:
            return question.limit.describe() if question.limit else ""
        return question.place.describe()


def _load(ws: Any, bid_id: int, form_id: str) -> list[Any]:
    from bidkit.ops.buyer_forms import load_buyer_form

    return list(load_buyer_form(ws, bid_id, form_id).questions)


class ReviewDetectionDialog(QDialog):
    def __init__(
        self, context: AppContext, bid_id: int, form_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.bid_id, self.form_id = context, bid_id, form_id
        self.setWindowTitle(self.tr("Questions found in the buyer's file"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Check the questions BidKit found. Corrections are kept with the questionnaire "
                "and the answers follow them."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = DetectedQuestionsModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Questions found"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.merge_button = push_button(self, self.tr("&Merge with next"), self.merge)
        self.split_button = push_button(self, self.tr("S&plit…"), self.split)
        self.remove_button = push_button(self, self.tr("&Not a question"), self.not_a_question)
        self.type_button = push_button(self, self.tr("Answer &type…"), self.change_type)
        self.limit_button = push_button(self, self.tr("&Limit…"), self.change_limit)
        self.close_button = push_button(self, self.tr("&Close"), self.accept)
        for button in (self.merge_button, self.split_button, self.remove_button,
                       self.type_button, self.limit_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Correction result"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.reload()

    # -- reading ----------------------------------------------------------------------------------
    def reload(self, select_row: int = 0) -> None:
        def done(questions: list[Any]) -> None:
            self.model.set_questions(questions)
            self.table.resizeRowsToContents()
            if questions:
                self.table.selectRow(min(select_row, len(questions) - 1))

        self.context.runner.run(lambda ws: _load(ws, self.bid_id, self.form_id), done, self._failed)

    def current(self) -> tuple[int, Any] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.status.setText(self.tr("Choose a question first."))
            return None
        return index.row(), self.model.questions[index.row()]

    # -- corrections ------------------------------------------------------------------------------
    def _run(self, op: Any, *args: Any, row: int = 0, **kwargs: Any) -> None:
        self.context.run_op(
            op,
            self.form_id,
            *args,
            initiator=self,
            done=lambda _changes: self._corrected(row),
            failed=self._failed,
            **kwargs,
        )

    def _corrected(self, row: int) -> None:
        self.status.setText(self.tr("Correction kept."))
        self.reload(row)

    def merge(self) -> None:
        from bidkit.ops.buyer_corrections import merge_questions

        chosen = self.current()
        if chosen is None:
            return
        row, question = chosen
        if row + 1 >= len(self.model.questions):
            self.status.setText(self.tr("The last question has no next one to merge with."))
            return
        self._run(merge_questions, question.id, self.model.questions[row + 1].id, row=row)

    def split(self) -> None:
        from bidkit.ops.buyer_corrections import split_question

        chosen = self.current()
        if chosen is None:
            return
        row, question = chosen
        text, ok = QInputDialog.getText(
            self,
            self.tr("Split the question"),
            self.tr("Type the first words of the second question, as they appear in:\n\n{text}")
            .format(text=question.text[:400]),
        )  # fmt: skip
        if ok and text.strip():
            self._run(split_question, question.id, text.strip(), row=row)

    def not_a_question(self) -> None:
        from bidkit.ops.buyer_corrections import mark_not_a_question

        chosen = self.current()
        if chosen is not None:
            self._run(mark_not_a_question, chosen[1].id, row=chosen[0])

    def change_type(self) -> None:
        from bidkit.ops.buyer_corrections import set_answer_type

        chosen = self.current()
        if chosen is None:
            return
        row, question = chosen
        labels = [self.tr(label) for label in _TYPES.values()]
        keys = list(_TYPES)
        current = keys.index(question.type.value) if question.type.value in keys else 0
        label, ok = QInputDialog.getItem(
            self, self.tr("Answer type"), self.tr("How should this question be answered?"),
            labels, current, False,
        )  # fmt: skip
        if ok:
            self._run(set_answer_type, question.id, keys[labels.index(label)], row=row)

    def change_limit(self) -> None:
        from bidkit.ops.buyer_corrections import set_limit

        chosen = self.current()
        if chosen is None:
            return
        row, question = chosen
        now = question.limit.describe() if question.limit else ""
        text, ok = QInputDialog.getText(
            self, self.tr("Limit"),
            self.tr("The limit, such as \u201c500 words\u201d or \u201c2000 characters\u201d "
                    "(empty: no limit):"), text=now,
        )  # fmt: skip
        if not ok:
            return
        found = re.fullmatch(r"\s*([\d,]+)\s*(words?|characters?|chars?)?\s*", text)
        if text.strip() and found is None:
            self.status.setText(self.tr("Write the limit as a number of words or characters."))
            return
        amount = int(found.group(1).replace(",", "")) if found else None
        in_words = found is None or not (found.group(2) or "words").startswith("char")
        self._run(
            set_limit,
            question.id,
            row=row,
            words=amount if in_words else None,
            characters=None if in_words else amount,
        )

    def _failed(self, error: BaseException) -> None:
        from bidkit.errors import BidKitError

        if isinstance(error, BidKitError):
            self.status.setText(str(error))
        else:
            self.context.signals.error.emit(error)
