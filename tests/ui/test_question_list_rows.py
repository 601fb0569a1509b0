"""The question list measures its wrapped rows ahead, so jumping far down waits for none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from bidkit.forms.schema import AnswerType
from bidkit.ui.questionnaire.question_delegate import WrappingDelegate
from bidkit.ui.questionnaire.table_answer import TableEditor
from tests.ui.questionnaire_scenario import go, open_page, seed, settle


def _rows(model: Any, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent or QModelIndex()
    found: list[QModelIndex] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        found += [index, *_rows(model, index)]
    return found


def _count_measures(delegate: WrappingDelegate, monkeypatch: Any) -> list[int]:
    calls: list[int] = []
    measure = delegate._measure

    def counted(*args: Any) -> Any:
        calls.append(1)
        return measure(*args)

    monkeypatch.setattr(delegate, "_measure", counted)
    return calls


def test_every_row_is_measured_ahead_and_a_far_jump_measures_none(
    qtbot: QtBot, workspace_dir: Path, monkeypatch: Any
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    delegate = page.delegate
    qtbot.waitUntil(lambda: delegate.rows_waiting == 0, timeout=10000)
    measured = _count_measures(delegate, monkeypatch)
    assert page.form is not None
    table = [q.id for q in page.form.questions() if q.type is AnswerType.TABLE][-1]
    last = page.model.question_ids()[-1]
    for question_id in (table, last):
        go(qtbot, window, page, question_id)
        index = page.proxy.mapFromSource(page.model.index_of(question_id))
        assert page.tree.viewport().rect().intersects(page.tree.visualRect(index))
    assert isinstance(go(qtbot, window, page, table), TableEditor)
    assert measured == []


def test_remembered_heights_are_the_measured_ones_and_follow_the_column_width(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    delegate, tree = page.delegate, page.tree
    qtbot.waitUntil(lambda: delegate.rows_waiting == 0, timeout=10000)
    rows = _rows(page.proxy)
    remembered = [tree.sizeHintForIndex(i) for i in rows]
    delegate._sizes.clear()
    assert [tree.sizeHintForIndex(i) for i in rows] == remembered
    # The longest question wraps onto more lines in a narrower list.
    longest = max(rows, key=lambda i: len(str(i.data())))
    wide = tree.sizeHintForIndex(longest).height()
    splitter_sizes = page.splitter.sizes()
    page.splitter.setSizes([splitter_sizes[0] - 120, splitter_sizes[1] + 120])
    settle(qtbot, window)
    qtbot.waitUntil(lambda: delegate.rows_waiting == 0, timeout=10000)
    assert tree.sizeHintForIndex(longest).height() > wide


def test_a_list_filled_again_while_it_is_measured_is_measured_afresh(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    delegate = page.delegate
    delegate.measure_when_idle()
    page.filter_combo.setCurrentIndex(1)  # fewer rows while the old ones wait
    delegate.measure_when_idle()
    qtbot.waitUntil(lambda: delegate.rows_waiting == 0, timeout=10000)
    page.filter_combo.setCurrentIndex(0)
    settle(qtbot, window)
    assert page.tree.model().rowCount() > 0
