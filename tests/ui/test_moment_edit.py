"""Date fields take what people type, refuse the rest visibly, and leave typing alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bidkit.ui.bids.moment_edit import DayEdit, MomentEdit
from tests.ui.window_driver import open_window, settle


@pytest.fixture
def field(qtbot: QtBot) -> Iterator[MomentEdit]:
    host = QWidget()
    qtbot.addWidget(host)
    edit = MomentEdit("Submission deadline", host)
    host.show()
    qtbot.waitExposed(host)
    yield edit


def _type(qtbot: QtBot, field: MomentEdit, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)


@pytest.mark.parametrize(
    ("typed", "utc", "all_day", "shown"),
    [
        ("15/03/2027 12:00", datetime(2027, 3, 15, 12, 0, tzinfo=UTC), False, "15/03/2027 12:00"),
        ("15/3/27", datetime(2027, 3, 15, 23, 59, 59, tzinfo=UTC), True, "15/03/2027"),
        ("2027-03-15 12:00", datetime(2027, 3, 15, 12, 0, tzinfo=UTC), False, "15/03/2027 12:00"),
        ("15/6/27 5pm", datetime(2027, 6, 15, 16, 0, tzinfo=UTC), False, "15/06/2027 17:00"),
    ],
)
def test_what_is_typed_is_what_is_saved(
    qtbot: QtBot, field: MomentEdit, typed: str, utc: datetime, all_day: bool, shown: str
) -> None:
    with qtbot.waitSignal(field.changed):
        _type(qtbot, field, typed)
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.value() == (utc, all_day)
    assert not field.message.isVisible()
    assert field.edit.text() == typed  # Enter keeps the text as typed while focus stays
    field.edit.clearFocus()
    assert field.edit.text() == shown  # tidied only once focus has left


def test_unreadable_text_is_explained_under_the_field_and_not_saved(
    qtbot: QtBot, field: MomentEdit
) -> None:
    field.set_value(datetime(2027, 3, 15, 12, 0, tzinfo=UTC), False)
    with qtbot.assertNotEmitted(field.changed):
        _type(qtbot, field, "31/02/2027 12:00")
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.message.isVisible()
    assert "February 2027 has 28 days" in field.message.text()
    assert field.edit.text() == "31/02/2027 12:00"  # kept for the user to correct
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    assert not field.message.isVisible()  # the complaint goes once the text changes


def test_a_time_skipped_by_the_clocks_going_forward_is_refused(
    qtbot: QtBot, field: MomentEdit
) -> None:
    with qtbot.assertNotEmitted(field.changed):
        _type(qtbot, field, "28/03/2027 01:30")
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert "does not exist in the UK" in field.message.text()
    assert field.message.isVisible()


def test_a_time_that_happens_twice_says_which_one_was_taken(
    qtbot: QtBot, field: MomentEdit
) -> None:
    with qtbot.waitSignal(field.changed):
        _type(qtbot, field, "31/10/2027 01:30")
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.value() == (datetime(2027, 10, 31, 0, 30, tzinfo=UTC), False)
    assert "the first, 01:30 BST" in field.message.text()
    field.edit.clearFocus()
    assert field.edit.text() == "31/10/2027 01:30 BST"


def test_an_optional_deadline_can_be_cleared(qtbot: QtBot, field: MomentEdit) -> None:
    field.set_value(datetime(2027, 3, 15, 12, 0, tzinfo=UTC), False)
    with qtbot.waitSignal(field.changed):
        _type(qtbot, field, "")
        qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.value() == (None, False)


def test_a_required_date_refuses_empty_text(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    edit = DayEdit("Due date", host, optional=False)
    host.show()
    edit.set_value(date(2027, 3, 15))
    edit.edit.clear()
    assert not edit.check()
    assert "31/03/2027" in edit.message.text()


def test_a_reload_while_typing_keeps_the_text_cursor_and_undo(
    qtbot: QtBot, field: MomentEdit
) -> None:
    field.set_value(datetime(2027, 3, 15, 12, 0, tzinfo=UTC), False)
    field.edit.setFocus()
    field.edit.end(False)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, "5")
    cursor = field.edit.cursorPosition()
    # Another field saved and the page shows the bid again, with the old deadline.
    field.set_value(datetime(2027, 3, 15, 12, 0, tzinfo=UTC), False)
    assert field.edit.text() == "15/03/2027 12:05"
    assert field.edit.cursorPosition() == cursor
    assert field.edit.isUndoAvailable()
    field.edit.undo()
    assert field.edit.text() == "15/03/2027 12:0"


def test_the_calendar_changes_the_day_and_keeps_the_time(qtbot: QtBot, field: MomentEdit) -> None:
    field.set_value(datetime(2027, 3, 15, 12, 0, tzinfo=UTC), False)
    field.calendar_button.menu().aboutToShow.emit()
    assert field.calendar.selectedDate() == QDate(2027, 3, 15)
    with qtbot.waitSignal(field.changed):
        field.calendar.clicked.emit(QDate(2027, 3, 19))
    assert field.edit.text() == "19/03/2027 12:00"
    assert field.value() == (datetime(2027, 3, 19, 12, 0, tzinfo=UTC), False)
    field.edit.undo()  # the pick is one undo step
    assert field.edit.text() == "15/03/2027 12:00"


# --------------------------------------------------------------------------------------------
# The real window


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    made = open_window(qtbot, workspace_dir, demo=True)
    yield made
    made.close()


def test_a_deadline_typed_on_the_details_tab_is_saved_as_typed(qtbot: QtBot, window: Any) -> None:
    from bidkit.ops.bid_overview import load_bid

    window.navigate("bids", 1)
    settle(qtbot, window)
    details = window.pages["bids"].view.details
    field = details.deadline
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "15/03/2027 12:00")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)  # leaving the field saves it
    settle(qtbot, window)
    saved = load_bid(window.runner.workspace, 1)
    assert saved.deadline == datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
    assert not saved.deadline_all_day
    assert field.edit.text() == "15/03/2027 12:00"
    # Text that cannot be read is explained and changes nothing.
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "28/03/2027 01:30")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    settle(qtbot, window)
    assert "clocks go forward" in field.message.text()
    assert load_bid(window.runner.workspace, 1).deadline == saved.deadline
    # Clearing the optional deadline removes it.
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    settle(qtbot, window)
    assert load_bid(window.runner.workspace, 1).deadline is None


def test_a_reload_after_enter_leaves_the_text_as_typed(qtbot: QtBot, field: MomentEdit) -> None:
    with qtbot.waitSignal(field.changed):
        _type(qtbot, field, "15/3/27 5pm")
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    field.set_value(datetime(2027, 3, 15, 17, 0, tzinfo=UTC), False)  # the saved value comes back
    assert field.edit.text() == "15/3/27 5pm"
    assert field.edit.isUndoAvailable()
    field.edit.clearFocus()
    assert field.edit.text() == "15/03/2027 17:00"
