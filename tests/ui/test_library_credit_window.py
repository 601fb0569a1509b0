"""Undoing an insert from the library takes the item's credit away with its text: the answer's
provenance, its chip, the item's use and the library's "used in" count all go back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from questionnaire_scenario import go, open_page, seed, settle, usage_count, wait_saved

from bidkit.ui.library.picker_dialog import LibraryPicker

# The offscreen platform warns when a dialog opens; it is not a BidKit problem.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LONG_ANSWER = "health_safety_arrangements"  # long text, not pre-filled
CTRL = Qt.KeyboardModifier.ControlModifier


def _provenance(qtbot: QtBot, window: Any, page: Any, question_id: str) -> tuple[str, str]:
    from sqlmodel import col, select

    from bidkit.model.questionnaire import Answer

    bid_form_id = page.snapshot.bid_form_id
    found: list[tuple[str, str]] = []

    def read(ws: Any) -> tuple[str, str]:
        with ws.session() as session:
            row = session.exec(
                select(Answer).where(
                    col(Answer.bid_form_id) == bid_form_id, col(Answer.question_id) == question_id
                )
            ).one()
            return row.source_kind, row.source_label

    window.runner.run(read, found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=15000)
    return found[0]


def _library_uses(qtbot: QtBot, window: Any, item_id: int) -> int:
    """The count the Evidence library page shows for the item ("used in 1 bid")."""
    window.navigate("library")
    settle(qtbot, window)
    library = window.pages["library"]
    hit = next(h for h in library.model.hits if h.id == item_id)
    return int(hit.uses)


def test_undoing_an_insert_takes_the_library_credit_away(qtbot: QtBot, workspace_dir: Path) -> None:
    bid_id = seed(workspace_dir)
    window, page = open_page(qtbot, workspace_dir, bid_id, size=(1024, 700))
    editor = go(qtbot, window, page, LONG_ANSWER)
    box = editor.text
    box.setFocus()
    qtbot.keyClicks(box, "Our own words.")
    wait_saved(qtbot, window, editor)
    assert _provenance(qtbot, window, page, LONG_ANSWER) == ("typed", "")

    qtbot.mouseClick(page.panel.insert, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    dialog = page.dialog
    assert isinstance(dialog, LibraryPicker)
    item_id = dialog.current_id()
    assert item_id is not None
    title = dialog._texts[item_id].title
    uses = usage_count(qtbot, window, item_id)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert usage_count(qtbot, window, item_id) == uses + 1
    assert page.panel.badge.text().startswith(f"Includes library text: {title}")
    assert _provenance(qtbot, window, page, LONG_ANSWER) == ("evidence", f"Library: {title}")

    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == "Our own words."
    wait_saved(qtbot, window, editor)  # past the autosave
    settle(qtbot, window)
    assert _provenance(qtbot, window, page, LONG_ANSWER) == ("typed", "")
    assert usage_count(qtbot, window, item_id) == uses
    assert page.panel.badge.text() == "Typed"
    assert "library" not in page.panel.badge.toolTip().casefold()
    assert box.toPlainText() == "Our own words."  # the reload left the text alone
    assert _library_uses(qtbot, window, item_id) == uses
    window.close()
