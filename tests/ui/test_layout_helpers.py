"""The two layout helpers pages share: buttons that wrap, and columns sized to their content."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QPushButton, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from bidkit.ui.column_fit import ColumnFit
from bidkit.ui.flow_layout import flow_row


def _buttons(parent: QWidget) -> list[QPushButton]:
    texts = ["Add financial year", "Remove", "Move up", "Move down"]
    return [QPushButton(text, parent) for text in texts]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_buttons_wrap_onto_a_second_line_when_the_panel_is_narrow(qtbot: QtBot) -> None:
    panel = QWidget()
    qtbot.addWidget(panel)
    buttons = _buttons(panel)
    layout = QVBoxLayout(panel)
    layout.addWidget(flow_row(panel, buttons))
    layout.addStretch(1)
    one_line = sum(b.sizeHint().width() for b in buttons)
    panel.resize(one_line // 2, 300)
    panel.show()
    qtbot.waitExposed(panel)
    for button in buttons:  # every button shows its whole text, inside the panel
        assert button.width() >= button.sizeHint().width()
        assert button.geometry().right() <= panel.width()
    rows = {button.mapTo(panel, button.rect().topLeft()).y() for button in buttons}
    assert len(rows) >= 2

    panel.resize(one_line + 200, 300)
    qtbot.waitUntil(lambda: len({b.mapTo(panel, b.rect().topLeft()).y() for b in buttons}) == 1)


def _table(qtbot: QtBot, rows: list[list[str]], width: int) -> QTableView:
    model = QStandardItemModel(len(rows), len(rows[0]))
    model.setHorizontalHeaderLabels(["Title", "Buyer", "Status"])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            model.setItem(r, c, QStandardItem(text))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.setParent(view)
    view.setWordWrap(True)
    view.resize(width, 300)
    ColumnFit(view, stretch=0, shrink=(1, 0))
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(20)
    return view


def test_the_stretch_column_takes_the_spare_room(qtbot: QtBot) -> None:
    view = _table(qtbot, [["Carers Support Service", "Trafford Council", "Drafting"]], 700)
    header = view.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(3))
    assert abs(total - view.viewport().width()) <= 1
    assert header.sectionSize(0) > header.sectionSize(1)


def test_a_narrow_table_wraps_words_and_never_cuts_one(qtbot: QtBot) -> None:
    rows = [["Welfare Rights Advice Consortium", "Manchester City Council", "Go / no-go"]]
    view = _table(qtbot, rows, 330)
    metrics = view.fontMetrics()
    for column, text in enumerate(rows[0]):
        width = view.horizontalHeader().sectionSize(column)
        longest = max(metrics.horizontalAdvance(word) for word in text.split())
        assert width >= longest, text
    # The row grows to show the wrapped title in full.
    title = view.visualRect(view.model().index(0, 0))
    bound = metrics.boundingRect(
        0, 0, title.width() - 12, 10_000, int(Qt.TextFlag.TextWordWrap), rows[0][0]
    )
    view.resizeRowsToContents()
    assert view.rowHeight(0) >= bound.height()
