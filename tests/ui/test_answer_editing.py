"""Typing answers is safe: autosave never moves the cursor, loses a word or clears undo, and a
library item goes in where the cursor is, as one undo step.

Every test types with real key events into the real window and waits for the autosave to
reach the database (the editor's save signal, then the worker going idle), never on a clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from questionnaire_scenario import (
    CARE_FORM,
    go,
    open_page,
    seed,
    settle,
    stored,
    usage_count,
    wait_saved,
)

from bidkit.ui.library.picker_dialog import LibraryPicker
from bidkit.ui.questionnaire.answer_editor import (
    LongTextEditor,
    ShortTextEditor,
    TypedLineEditor,
    YesNoDetailsEditor,
)
from bidkit.ui.questionnaire.replace_dialog import ReplaceDialog
from bidkit.ui.questionnaire.text_edits import spaced

# The offscreen platform warns when a dialog opens; it is not a BidKit problem.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LONG_ANSWER = "health_safety_arrangements"  # long text, not pre-filled
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _key(page: Any, question_id: str) -> int:
    """The member key the lead's answer to `question_id` is stored under."""
    from bidkit.forms.rules import key_for

    return key_for(page.form.question(question_id), int(page.snapshot.participants[0][0]))


def _undo(qtbot: QtBot, widget: Any) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)


def _redo(qtbot: QtBot, widget: Any, *, key_y: bool = False) -> None:
    if key_y:
        qtbot.keyClick(widget, Qt.Key.Key_Y, CTRL)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL | SHIFT)


def test_long_answer_keeps_every_word_in_place_across_autosaves(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    editor = go(qtbot, window, page, LONG_ANSWER)
    assert isinstance(editor, LongTextEditor)
    box = editor.text
    box.setFocus()
    loads = page._serial
    first, second = "We log every complaint.", " Each is answered within ten days."
    qtbot.keyClicks(box, first)
    wait_saved(qtbot, window, editor)
    qtbot.keyClicks(box, second)
    wait_saved(qtbot, window, editor)
    assert box.toPlainText() == first + second
    assert box.textCursor().position() == len(first + second)
    assert stored(qtbot, window, page, LONG_ANSWER) == {_key(page, LONG_ANSWER): first + second}
    assert page._serial == loads  # its own saves never reloaded the questionnaire

    # Typing in the middle after a pause stays in the middle.
    cursor = box.textCursor()
    cursor.setPosition(len(first))
    box.setTextCursor(cursor)
    qtbot.keyClicks(box, " Always.")
    wait_saved(qtbot, window, editor)
    assert box.toPlainText() == first + " Always." + second
    assert box.textCursor().position() == len(first + " Always.")

    # Undo reaches back across the saves, one burst of typing at a time; redo brings it back.
    _undo(qtbot, box)
    assert box.toPlainText() == first + second
    _undo(qtbot, box)
    assert box.toPlainText() == first
    _undo(qtbot, box)
    assert box.toPlainText() == ""
    _redo(qtbot, box)
    assert box.toPlainText() == first
    _redo(qtbot, box, key_y=True)
    assert box.toPlainText() == first + second
    wait_saved(qtbot, window, editor)
    assert stored(qtbot, window, page, LONG_ANSWER) == {_key(page, LONG_ANSWER): first + second}
    assert page.model.status(LONG_ANSWER).value == "answered"


def test_values_from_elsewhere_leave_the_cursor_and_undo_alone(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    editor = go(qtbot, window, page, LONG_ANSWER)
    box = editor.text
    box.setFocus()
    qtbot.keyClicks(box, "First paragraph.")
    wait_saved(qtbot, window, editor)
    cursor = box.textCursor()
    cursor.setPosition(5)
    box.setTextCursor(cursor)

    # A reload bringing the same value touches nothing.
    page.load_current()
    settle(qtbot, window)
    assert box.toPlainText() == "First paragraph."
    assert box.textCursor().position() == 5
    assert box.document().isUndoAvailable()

    # Another page changes the answer: the new text comes in as one undoable edit.
    bid_form_id, lead = page.snapshot.bid_form_id, int(page.snapshot.participants[0][0])

    def elsewhere(ws: Any) -> Any:
        from bidkit.ops.questionnaires import set_answer

        return set_answer(ws, bid_form_id, LONG_ANSWER, lead, "First paragraph. Added elsewhere.")

    window.runner.run(elsewhere)
    settle(qtbot, window)
    assert box.toPlainText() == "First paragraph. Added elsewhere."
    assert box.textCursor().position() == 5
    _undo(qtbot, box)
    assert box.toPlainText() == "First paragraph."


def test_short_answer_keeps_typing_and_undo_across_a_pause(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    editor = go(qtbot, window, page, "legal_name")
    assert isinstance(editor, ShortTextEditor)
    line = editor.line
    line.setFocus()
    line.end(False)
    original = line.text()
    qtbot.keyClicks(line, " Ltd")
    wait_saved(qtbot, window, editor)
    qtbot.keyClicks(line, " (UK)")
    wait_saved(qtbot, window, editor)
    assert line.text() == original + " Ltd (UK)"
    assert line.cursorPosition() == len(original + " Ltd (UK)")
    assert stored(qtbot, window, page, "legal_name") == {
        _key(page, "legal_name"): original + " Ltd (UK)"
    }
    _undo(qtbot, line)
    assert line.text() == original + " Ltd"
    _undo(qtbot, line)
    assert line.text() == original
    _redo(qtbot, line, key_y=True)
    assert line.text() == original + " Ltd"


def test_yes_no_details_keep_typing_and_undo_across_a_pause(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    editor = go(qtbot, window, page, "professional_register")
    assert isinstance(editor, YesNoDetailsEditor)
    qtbot.mouseClick(editor.radios.buttons["no"], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    details = editor.details
    assert details.isVisible()
    details.setFocus()
    qtbot.keyClicks(details, "No register covers befriending.")
    wait_saved(qtbot, window, editor)
    qtbot.keyClicks(details, " We are CQC registered for care.")
    wait_saved(qtbot, window, editor)
    text = "No register covers befriending. We are CQC registered for care."
    assert details.toPlainText() == text
    assert details.textCursor().position() == len(text)
    assert stored(qtbot, window, page, "professional_register") == {
        _key(page, "professional_register"): {"answer": "no", "details": text}
    }
    _undo(qtbot, details)
    assert details.toPlainText() == "No register covers befriending."
    _undo(qtbot, details)
    assert details.toPlainText() == ""


def test_a_date_saves_as_typed_without_rewriting_the_field(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    editor = go(qtbot, window, page, "registration_date")
    assert isinstance(editor, TypedLineEditor)
    line = editor.field.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "15/3/2020")
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=5000)
    settle(qtbot, window)
    assert stored(qtbot, window, page, "registration_date") == {
        _key(page, "registration_date"): "2020-03-15"
    }
    assert line.text() == "15/3/2020"  # tidied only when the writer leaves the field
    assert line.cursorPosition() == len("15/3/2020")


# -- the library ----------------------------------------------------------------------------------
def _picker(qtbot: QtBot, window: Any, page: Any) -> LibraryPicker:
    qtbot.mouseClick(page.panel.insert, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    dialog = page.dialog
    assert isinstance(dialog, LibraryPicker)
    assert dialog.list.count() > 0
    return dialog


def test_insert_from_library_goes_in_at_the_cursor_as_one_undo_step(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    editor = go(qtbot, window, page, LONG_ANSWER)
    box = editor.text
    box.setFocus()
    qtbot.keyClicks(box, "Before. After.")
    wait_saved(qtbot, window, editor)
    cursor = box.textCursor()
    cursor.setPosition(len("Before. "))
    box.setTextCursor(cursor)

    dialog = _picker(qtbot, window, page)
    item_id = dialog.current_id()
    assert item_id is not None
    uses = usage_count(qtbot, window, item_id)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    settle(qtbot, window)
    body = dialog._texts[item_id].body
    title = dialog._texts[item_id].title
    inserted = spaced(body, "Before. ", "After.")  # "security. After.", not "security.After."
    assert inserted.startswith(body) and inserted[len(body) :].strip() == ""
    expected = ("Before. " + inserted + "After.").rstrip()
    assert box.toPlainText().rstrip() == expected
    assert box.textCursor().position() == len("Before. " + inserted)
    assert window.focusWidget() is box
    assert stored(qtbot, window, page, LONG_ANSWER) == {_key(page, LONG_ANSWER): expected}
    assert usage_count(qtbot, window, item_id) == uses + 1
    assert page.panel.badge.text().startswith(f"Includes library text: {title}")
    assert page.model.status(LONG_ANSWER).value != "empty"

    _undo(qtbot, box)
    assert box.toPlainText() == "Before. After."


def test_insert_replaces_the_selection(qtbot: QtBot, workspace_dir: Path) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    editor = go(qtbot, window, page, LONG_ANSWER)
    box = editor.text
    box.setFocus()
    qtbot.keyClicks(box, "Keep. DRAFT Keep too.")
    wait_saved(qtbot, window, editor)
    cursor = box.textCursor()
    cursor.setPosition(len("Keep. "))
    cursor.setPosition(len("Keep. DRAFT"), cursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)
    dialog = _picker(qtbot, window, page)
    dialog.list.setCurrentRow(0)
    item_id = dialog.current_id()
    qtbot.mouseClick(dialog.insert, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    body = dialog._texts[item_id].body
    assert box.toPlainText() == "Keep. " + body + " Keep too."
    _undo(qtbot, box)
    assert box.toPlainText() == "Keep. DRAFT Keep too."


def test_choosing_another_evidence_item_asks_before_replacing_it(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir, CARE_FORM))
    editor = go(qtbot, window, page, "org_governing_document")
    assert editor.choose.isVisible()

    def choose(row: int) -> int:
        qtbot.mouseClick(editor.choose, Qt.MouseButton.LeftButton)
        settle(qtbot, window)
        dialog = page.dialog
        assert isinstance(dialog, LibraryPicker)
        dialog.list.setCurrentRow(row)
        item_id = dialog.current_id()
        assert item_id is not None
        qtbot.mouseClick(dialog.insert, Qt.MouseButton.LeftButton)
        settle(qtbot, window)
        return item_id

    key = _key(page, "org_governing_document")
    first_id = choose(0)
    chosen = stored(qtbot, window, page, "org_governing_document")[key]
    assert chosen["evidence_id"] == first_id
    assert editor.title.text() == chosen["title"]

    choose(1)  # another item: the page asks first
    box = page.dialog
    assert isinstance(box, ReplaceDialog)
    qtbot.mouseClick(box.cancel, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert stored(qtbot, window, page, "org_governing_document")[key] == chosen

    second_id = choose(1)
    box = page.dialog
    assert isinstance(box, ReplaceDialog)
    qtbot.mouseClick(box.replace, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert stored(qtbot, window, page, "org_governing_document")[key]["evidence_id"] == second_id
    assert editor.title.text() != chosen["title"]


def test_a_table_cell_being_typed_in_survives_a_value_from_elsewhere(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    editor = go(qtbot, window, page, "insurance_schedule")
    qtbot.mouseClick(editor.add, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    index = editor.model.index(editor.model.rowCount() - 1, 0)
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    qtbot.keyClicks(cell, "Employer's liabil")
    bid_form_id, key = page.snapshot.bid_form_id, _key(page, "insurance_schedule")

    def elsewhere(ws: Any) -> Any:
        from bidkit.ops.questionnaires import set_answer

        return set_answer(ws, bid_form_id, "insurance_schedule", key or None, None)

    window.runner.run(elsewhere)
    settle(qtbot, window)
    assert editor.view.state() == QAbstractItemView.State.EditingState
    assert cell.text() == "Employer's liabil"
