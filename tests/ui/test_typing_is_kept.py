"""Text is sacred: typing across an autosave keeps every keystroke, the cursor and the undo.

Each scenario types a burst with real key events, waits until the editor has saved (the
pause's timer has fired and the database worker is idle), types a second burst, then checks
the whole text, the cursor, the stored value, and that Ctrl+Z takes both bursts back and
Ctrl+Shift+Z / Ctrl+Y bring them again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from bidkit.ui.profile.field_editors import LineFieldEditor, MultilineFieldEditor
from tests.ui.window_driver import on_worker, open_window, settle

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    made = open_window(qtbot, workspace_dir, demo=True)
    yield made
    made.close()


def undo_all(qtbot: QtBot, widget: QLineEdit | QPlainTextEdit) -> None:
    """Press Ctrl+Z until the field has nothing of its own left to undo."""
    for _ in range(50):
        available = (
            widget.isUndoAvailable()
            if isinstance(widget, QLineEdit)
            else widget.document().isUndoAvailable()
        )
        if not available:
            return
        qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)
    raise AssertionError("Ctrl+Z never emptied the field's history")


def redo_all(qtbot: QtBot, widget: QLineEdit | QPlainTextEdit, modifiers: Any, key: Any) -> None:
    for _ in range(50):
        available = (
            widget.isRedoAvailable()
            if isinstance(widget, QLineEdit)
            else widget.document().isRedoAvailable()
        )
        if not available:
            return
        qtbot.keyClick(widget, key, modifiers)
    raise AssertionError("redo never came to the end of the field's history")


# -- profile ------------------------------------------------------------------------------------
def _profile(qtbot: QtBot, window: Any) -> Any:
    window.navigate("organisations")
    settle(qtbot, window)
    page = window.pages["organisations"]
    assert page.current_id is not None
    return page


def _stored_org(qtbot: QtBot, window: Any, org_id: int, key: str) -> Any:
    from bidkit.ops.organisations import load_profile

    return on_worker(qtbot, window, lambda ws: load_profile(ws, org_id).data.org.get(key))


def test_profile_field_keeps_typing_cursor_and_undo_across_autosaves(
    qtbot: QtBot, window: Any
) -> None:
    page = _profile(qtbot, window)
    org_id = page.current_id
    page.editor.jump_to("", "vat_number")
    vat = page.editor.ensure_section("registration").editors["vat_number"]
    assert isinstance(vat, LineFieldEditor)
    before = vat.line.text()
    vat.line.selectAll()
    qtbot.keyClicks(vat.line, "GB98 ")  # a trailing space the save trims
    qtbot.waitUntil(lambda: not vat.is_dirty(), timeout=5000)
    settle(qtbot, window)
    assert _stored_org(qtbot, window, org_id, "vat_number") == "GB98"
    assert vat.line.text() == "GB98 "  # the space the user typed is still there
    assert vat.line.cursorPosition() == 5

    qtbot.keyClicks(vat.line, "0780684")
    qtbot.waitUntil(lambda: not vat.is_dirty(), timeout=5000)
    settle(qtbot, window)
    assert vat.line.text() == "GB98 0780684"
    assert vat.line.cursorPosition() == len("GB98 0780684")
    assert vat.line.hasFocus()
    # Stored in its usual form; the screen keeps the space the user typed.
    assert _stored_org(qtbot, window, org_id, "vat_number") == "GB980780684"

    undo_all(qtbot, vat.line)  # both bursts, although two saves happened in between
    assert vat.line.text() == before
    redo_all(qtbot, vat.line, CTRL_SHIFT, Qt.Key.Key_Z)
    assert vat.line.text() == "GB98 0780684"
    undo_all(qtbot, vat.line)
    redo_all(qtbot, vat.line, CTRL, Qt.Key.Key_Y)
    assert vat.line.text() == "GB98 0780684"


def test_profile_paragraph_keeps_typing_and_undo_across_autosaves(
    qtbot: QtBot, window: Any
) -> None:
    page = _profile(qtbot, window)
    org_id = page.editor.org_id
    page.editor.jump_to("", "description")
    description = page.editor.ensure_section("identity").editors["description"]
    assert isinstance(description, MultilineFieldEditor)
    text = description.text
    original = text.toPlainText()
    text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(text, " First sentence. ")
    qtbot.waitUntil(lambda: not description.is_dirty(), timeout=5000)
    settle(qtbot, window)
    qtbot.keyClicks(text, "Second sentence.")
    qtbot.waitUntil(lambda: not description.is_dirty(), timeout=5000)
    settle(qtbot, window)
    typed = original + " First sentence. Second sentence."
    assert text.toPlainText() == typed
    assert text.textCursor().position() == len(typed)
    assert _stored_org(qtbot, window, org_id, "description") == typed
    undo_all(qtbot, text)
    assert text.toPlainText() == original
    qtbot.waitUntil(lambda: not description.is_dirty(), timeout=5000)
    settle(qtbot, window)
    assert _stored_org(qtbot, window, org_id, "description") == original


def test_ctrl_z_outside_typing_undoes_the_last_saved_change(qtbot: QtBot, window: Any) -> None:
    page = _profile(qtbot, window)
    org_id = page.current_id
    page.editor.jump_to("", "vat_number")
    form = page.editor.ensure_section("registration")
    vat = form.editors["vat_number"]
    assert isinstance(vat, LineFieldEditor)
    old = _stored_org(qtbot, window, org_id, "vat_number")
    vat.line.selectAll()
    qtbot.keyClicks(vat.line, "GB980780684")
    qtbot.keyClick(vat.line, Qt.Key.Key_Tab)  # leaving the field saves it
    settle(qtbot, window)
    assert _stored_org(qtbot, window, org_id, "vat_number") == "GB980780684"
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit) and not focused.isUndoAvailable()
    window.edit_history.describe()  # what the Edit menu shows as it opens
    assert window.action_undo.text() == "&Undo Edit VAT number"
    window.edit_history.menu_closed()
    qtbot.keyClick(focused, Qt.Key.Key_Z, CTRL)  # nothing typed here: the stack's turn
    settle(qtbot, window)
    assert _stored_org(qtbot, window, org_id, "vat_number") == old
    assert vat.line.text() == (old or "")
    qtbot.keyClick(focused, Qt.Key.Key_Y, CTRL)
    settle(qtbot, window)
    assert _stored_org(qtbot, window, org_id, "vat_number") == "GB980780684"


# -- library ------------------------------------------------------------------------------------
def test_library_item_keeps_typing_cursor_and_undo_across_autosaves(
    qtbot: QtBot, window: Any
) -> None:
    from bidkit.ops.evidence import load_evidence

    window.navigate("library")
    settle(qtbot, window)
    page = window.pages["library"]
    item_id = page.model.hits[0].id
    page.show_record(item_id)
    settle(qtbot, window)
    editor = page.editor
    body = editor.body
    original = body.toPlainText()
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "We log every complaint. ")
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    settle(qtbot, window)
    qtbot.keyClicks(body, "Each one is answered within five days.")
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    settle(qtbot, window)
    typed = original + "\nWe log every complaint. Each one is answered within five days."
    assert body.toPlainText() == typed
    assert body.textCursor().position() == len(typed)
    stored = on_worker(qtbot, window, lambda ws: load_evidence(ws, item_id).fields.body)
    assert stored == typed
    # The title and tags keep their typing the same way.
    editor.title.setFocus()
    editor.title.end(False)
    title = editor.title.text()
    qtbot.keyClicks(editor.title, " (2026) ")
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    settle(qtbot, window)
    qtbot.keyClicks(editor.title, "edition")
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    settle(qtbot, window)
    assert editor.title.text() == title + " (2026) edition"
    assert editor.title.cursorPosition() == len(editor.title.text())
    undo_all(qtbot, editor.title)
    assert editor.title.text() == title

    body.setFocus()
    undo_all(qtbot, body)
    assert body.toPlainText() == original
    redo_all(qtbot, body, CTRL_SHIFT, Qt.Key.Key_Z)
    assert body.toPlainText() == typed


# -- bids ---------------------------------------------------------------------------------------
def test_bid_notes_keep_typing_cursor_and_undo_across_autosaves(qtbot: QtBot, window: Any) -> None:
    from bidkit.ops.bid_overview import load_bid

    window.navigate("bids", 1)
    settle(qtbot, window)
    view = window.pages["bids"].view
    notes = view.details.notes
    original = notes.toPlainText()
    notes.setFocus()
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(notes, " Ask about TUPE. ")
    qtbot.waitUntil(lambda: not view.details._notes_timer.isActive(), timeout=5000)
    settle(qtbot, window)
    qtbot.keyClicks(notes, "Check the pension.")
    qtbot.waitUntil(lambda: not view.details._notes_timer.isActive(), timeout=5000)
    settle(qtbot, window)
    typed = original + " Ask about TUPE. Check the pension."
    assert notes.toPlainText() == typed
    assert notes.textCursor().position() == len(typed)
    assert on_worker(qtbot, window, lambda ws: load_bid(ws, 1).notes) == typed
    undo_all(qtbot, notes)
    assert notes.toPlainText() == original
    redo_all(qtbot, notes, CTRL, Qt.Key.Key_Y)
    assert notes.toPlainText() == typed


def test_bid_title_typed_while_notes_save_is_kept(qtbot: QtBot, window: Any) -> None:
    """A save of the notes reloads the bid; the title being typed stays as typed."""
    window.navigate("bids", 1)
    settle(qtbot, window)
    view = window.pages["bids"].view
    title = view.details.lines["title"]
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " (re-let)")
    view.details.notes.setPlainText("Saved while the title is being typed")
    qtbot.waitUntil(lambda: not view.details._notes_timer.isActive(), timeout=5000)
    settle(qtbot, window)
    assert title.text().endswith(" (re-let)")
    assert title.isUndoAvailable()


def test_outcome_feedback_keeps_cursor_and_undo_when_recorded(qtbot: QtBot, window: Any) -> None:
    window.navigate("bids", 1)
    settle(qtbot, window)
    view = window.pages["bids"].view
    outcome = view.outcome
    view.tabs.setCurrentWidget(outcome)
    outcome.won.setChecked(True)
    feedback = outcome.feedback
    feedback.setFocus()
    feedback.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(feedback, "Strong on social value.")
    typed = feedback.toPlainText()
    outcome.save()  # Record outcome
    settle(qtbot, window)
    assert view.bid.outcome_feedback == typed
    assert feedback.toPlainText() == typed
    assert feedback.textCursor().position() == len(typed)
    assert feedback.document().isUndoAvailable()


def test_library_body_survives_a_change_from_elsewhere(qtbot: QtBot, window: Any) -> None:
    """Another page touches the item (say, records its use) while the writer pauses."""
    from bidkit.ops.changes import Changes

    window.navigate("library")
    settle(qtbot, window)
    page = window.pages["library"]
    item_id = page.model.hits[0].id
    page.show_record(item_id)
    settle(qtbot, window)
    body = page.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(body, " Reviewed yearly.")
    qtbot.keyClick(body, Qt.Key.Key_Return)  # stored without the new line
    qtbot.waitUntil(lambda: not page.editor.dirty, timeout=5000)
    settle(qtbot, window)
    typed = body.toPlainText()
    window.runner.changed.emit(Changes.of("evidence", item_id))
    settle(qtbot, window)
    assert body.toPlainText() == typed
    assert body.textCursor().position() == len(typed)
    qtbot.keyClicks(body, "Next paragraph.")
    assert body.toPlainText().endswith("Reviewed yearly.\nNext paragraph.")
