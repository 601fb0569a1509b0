"""Library text put in at the cursor sits apart from the words around it: a space between
sentences, a blank line between paragraphs, nothing added where there is white space already;
and the picker says when it will replace the selected text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from questionnaire_scenario import go, open_page, seed, settle, wait_saved

from bidkit.ui.library.picker_dialog import LibraryPicker
from bidkit.ui.questionnaire.text_edits import spaced

# The offscreen platform warns when a dialog opens; it is not a BidKit problem.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LONG_ANSWER = "health_safety_arrangements"
ITEM = "Our Safeguarding Lead reviews every concern."
PARAGRAPHS = "First paragraph of the policy.\n\nSecond paragraph."


def test_a_sentence_goes_in_with_a_space_either_side() -> None:
    assert spaced(ITEM, "We meet every month.", "") == " " + ITEM
    assert spaced(ITEM, "", "We meet.") == ITEM + " "
    assert spaced(ITEM, "month.", "Then") == f" {ITEM} "
    assert spaced(ITEM, "month. ", " Then") == ITEM  # white space already there
    assert spaced(ITEM, "month.\n", "\nThen") == ITEM
    assert spaced(ITEM, "", "") == ITEM


def test_paragraphs_at_a_paragraph_end_go_in_after_a_blank_line() -> None:
    assert spaced(PARAGRAPHS, "We meet every month.", "") == "\n\n" + PARAGRAPHS
    assert spaced(PARAGRAPHS, "We meet every month.", "\nNext.") == "\n\n" + PARAGRAPHS
    assert spaced(PARAGRAPHS, "", "We meet.") == PARAGRAPHS + "\n\n"
    assert spaced(PARAGRAPHS, "Opening.\n", "We meet.") == PARAGRAPHS + "\n\n"
    # In the middle of a sentence, a space: the writer chose that spot.
    assert spaced(PARAGRAPHS, "We meet", "every month") == f" {PARAGRAPHS} "


def _heading(dialog: LibraryPicker) -> str:
    return next(
        label.text() for label in dialog.findChildren(QLabel) if "Insert a library" in label.text()
    )


def _open_picker(qtbot: QtBot, window: object, page: object) -> LibraryPicker:
    qtbot.mouseClick(page.panel.insert, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    settle(qtbot, window)  # type: ignore[arg-type]
    dialog = page.dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, LibraryPicker)
    return dialog


def test_inserting_after_a_full_stop_keeps_the_sentences_apart(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir), size=(1024, 700))
    editor = go(qtbot, window, page, LONG_ANSWER)
    box = editor.text
    box.setFocus()
    qtbot.keyClicks(box, "Our board meets every month.")
    wait_saved(qtbot, window, editor)
    dialog = _open_picker(qtbot, window, page)
    assert "where the cursor is" in _heading(dialog)
    item_id = dialog.current_id()
    assert item_id is not None
    body = dialog._texts[item_id].body
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    settle(qtbot, window)
    text = box.toPlainText()
    assert text.startswith("Our board meets every month.")
    rest = text[len("Our board meets every month.") :]
    assert rest[0].isspace() and rest.strip() == body.strip()
    # One undo step takes the insert and its spacing away together.
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == "Our board meets every month."
    window.close()


def test_the_picker_says_it_replaces_the_selected_text(qtbot: QtBot, workspace_dir: Path) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir), size=(1024, 700))
    editor = go(qtbot, window, page, LONG_ANSWER)
    box = editor.text
    box.setFocus()
    qtbot.keyClicks(box, "Keep. DRAFT Keep too.")
    wait_saved(qtbot, window, editor)
    cursor = box.textCursor()
    cursor.setPosition(len("Keep. "))
    cursor.setPosition(len("Keep. DRAFT"), QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)
    dialog = _open_picker(qtbot, window, page)
    assert "replacing the selected text" in _heading(dialog)
    assert "where the cursor is" not in _heading(dialog)
    dialog.reject()
    window.close()
