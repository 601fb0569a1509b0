"""A table answer with many columns stays readable in a narrow panel: each column keeps room
for its title (the full title is its tooltip) and the table scrolls sideways in its frame."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bidkit.forms.catalog import get_form
from bidkit.forms.schema import AnswerType, Question
from bidkit.ui.questionnaire.table_answer import TableEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _widest_table() -> Question:
    questions = [
        q
        for form_id in ("uk-pa2023-cdp-psq", "uk-sq-ppn-03-24", "council-care-support-pqq")
        for q in get_form(form_id).questions()
        if q.type is AnswerType.TABLE
    ]
    return max(questions, key=lambda q: len(q.columns))


def test_many_columns_keep_their_titles_readable(qtbot: QtBot) -> None:
    question = _widest_table()
    assert len(question.columns) >= 6
    editor = TableEditor(question)
    qtbot.addWidget(editor)
    editor.resize(400, 300)
    editor.show()
    header = editor.view.horizontalHeader()
    metrics = header.fontMetrics()
    for index, column in enumerate(question.columns[:-1]):
        shown = header.sectionSize(index)
        assert shown >= min(
            metrics.horizontalAdvance(column.title), metrics.averageCharWidth() * 25
        )
        tip = editor.model.headerData(index, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip == column.title
    assert header.length() > editor.view.viewport().width()  # it scrolls, inside its frame
