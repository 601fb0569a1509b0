"""Typing that never pauses is still saved: every field that saves as it is typed saves at
least once a second while the typing goes on (a crash loses a second of it, not minutes), and
the status bar says "All changes saved" only when nothing typed is waiting.

Typing goes in small bursts with waits shorter than the typing pause, so a plain "save after
a pause" timer would never fire; each test checks the database while the typing goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from questionnaire_scenario import go, open_page, seed, stored

from bidkit.ui.save_timer import DEBOUNCE_MS, MAX_WAIT_MS, SaveState, SaveTimer, pending_saves
from tests.ui.window_driver import on_worker, open_window, settle

#: Waits between bursts: well under the pause that would save.
GAP_MS = DEBOUNCE_MS // 4
WORDS = "Our befrienders visit every week and ring between visits when someone is unwell".split()


def typing_saved_while_going_on(
    qtbot: QtBot, widget: QWidget, timer: SaveTimer, stored_text: Callable[[], str], before: str
) -> None:
    """Type for longer than the maximum wait without a pause; the store has some of it."""
    bursts = 2 * MAX_WAIT_MS // GAP_MS + 2
    saves: list[int] = []  # how many words were typed when each save was asked for
    typed_so_far: list[str] = []
    timer.timeout.connect(lambda: saves.append(len(typed_so_far)))
    typed = ""
    for n in range(bursts):
        word = WORDS[n % len(WORDS)] + " "
        qtbot.keyClicks(widget, word)
        typed += word
        typed_so_far.append(word)
        qtbot.wait(GAP_MS)
    # Saved while the typing went on: words were still to come after a save.
    assert saves and saves[0] < bursts
    now = stored_text()
    # Saved while typing: more than what was there before, and in the order it was typed.
    assert now != before.rstrip()
    assert (before + typed).startswith(now)


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    made = open_window(qtbot, workspace_dir, demo=True, size=(1024, 700))
    yield made
    made.close()


def test_the_timer_fires_while_edits_keep_coming(qtbot: QtBot) -> None:
    owner = QObject()
    timer = SaveTimer(owner)
    fired: list[int] = []
    timer.timeout.connect(lambda: fired.append(1))
    for _ in range(2 * MAX_WAIT_MS // GAP_MS + 2):
        timer.start()
        qtbot.wait(GAP_MS)
    assert fired  # a restart-on-every-edit timer would still be waiting
    timer.start()
    assert timer.isActive() and pending_saves().state() is SaveState.WAITING
    timer.stop()
    assert pending_saves().state() is SaveState.SAVED


def test_a_long_answer_typed_without_a_pause_is_saved_as_it_goes(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir), size=(1024, 700))
    editor = go(qtbot, window, page, "health_safety_arrangements")
    box = editor.text
    box.setFocus()

    def stored_text() -> str:
        values = list(stored(qtbot, window, page, "health_safety_arrangements").values())
        return str(values[0]) if values else ""

    typing_saved_while_going_on(qtbot, box, editor.timer, stored_text, "")
    # Saving mid-typing kept the text and the cursor at its end.
    assert box.textCursor().position() == len(box.toPlainText())
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=5000)
    settle(qtbot, window)
    assert stored_text() == box.toPlainText().rstrip()
    window.close()


def test_a_profile_paragraph_typed_without_a_pause_is_saved_as_it_goes(
    qtbot: QtBot, window: Any
) -> None:
    from bidkit.ops.organisations import load_profile

    window.navigate("organisations")
    settle(qtbot, window)
    page = window.pages["organisations"]
    org_id = page.editor.org_id
    page.editor.jump_to("", "description")
    field = page.editor.ensure_section("identity").editors["description"]
    before = field.text.toPlainText()
    field.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(field.text, " ")

    def stored_text() -> str:
        data = on_worker(qtbot, window, lambda ws: load_profile(ws, org_id).data.org)
        return str(data.get("description") or "")

    typing_saved_while_going_on(qtbot, field.text, field.timer, stored_text, before + " ")


def test_a_library_item_typed_without_a_pause_is_saved_as_it_goes(
    qtbot: QtBot, window: Any
) -> None:
    from bidkit.ops.evidence import load_evidence

    window.navigate("library")
    settle(qtbot, window)
    page = window.pages["library"]
    item_id = page.model.hits[0].id
    page.show_record(item_id)
    settle(qtbot, window)
    body = page.editor.body
    before = body.toPlainText()
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(body, " ")

    def stored_text() -> str:
        return str(on_worker(qtbot, window, lambda ws: load_evidence(ws, item_id).fields.body))

    typing_saved_while_going_on(qtbot, body, page.editor._timer, stored_text, before + " ")


def test_bid_notes_and_title_typed_without_a_pause_are_saved_as_they_go(
    qtbot: QtBot, window: Any
) -> None:
    from bidkit.ops.bid_overview import load_bid

    window.navigate("bids", 1)
    settle(qtbot, window)
    details = window.pages["bids"].view.details
    notes = details.notes
    before = notes.toPlainText()
    notes.setFocus()
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(notes, " ")

    def stored_notes() -> str:
        return str(on_worker(qtbot, window, lambda ws: load_bid(ws, 1).notes))

    typing_saved_while_going_on(qtbot, notes, details._notes_timer, stored_notes, before + " ")
    settle(qtbot, window)

    title = details.lines["title"]
    title.setFocus()
    title.end(False)
    before = title.text()
    qtbot.keyClicks(title, " ")

    def stored_title() -> str:
        return str(on_worker(qtbot, window, lambda ws: load_bid(ws, 1).title))

    typing_saved_while_going_on(qtbot, title, details._lines_timer, stored_title, before + " ")
    assert title.hasFocus() and title.cursorPosition() == len(title.text())


def test_the_status_bar_says_saved_only_when_no_typing_waits(qtbot: QtBot, window: Any) -> None:
    window.navigate("organisations")
    settle(qtbot, window)
    assert window.save_state.text() == "All changes saved"
    page = window.pages["organisations"]
    page.editor.jump_to("", "description")
    field = page.editor.ensure_section("identity").editors["description"]
    field.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(field.text, " More.")
    assert window.save_state.text() == "Saving…"  # typed, its save not due yet
    qtbot.waitUntil(lambda: not field.is_dirty(), timeout=5000)
    settle(qtbot, window)
    assert window.save_state.text() == "All changes saved"


def test_the_status_bar_says_unsaved_while_a_field_holds_text_it_cannot_save(
    qtbot: QtBot, window: Any
) -> None:
    from bidkit.profile.catalogue import FieldSpec
    from bidkit.ui.profile.field_editors import make_editor

    settle(qtbot, window)
    holder = QWidget(window)
    money = make_editor(FieldSpec(key="turnover", label="Turnover", kind="money"), holder)
    money.line.setFocus()
    qtbot.keyClicks(money.line, "twelve")
    assert window.save_state.text() == "Saving…"
    money.commit()  # Enter or leaving the field: the text cannot be read as money
    assert money.is_dirty()
    assert window.save_state.text() == "Unsaved changes"
    assert "cannot save" in window.save_state.toolTip()
    money.line.selectAll()
    qtbot.keyClicks(money.line, "12")
    money.commit()
    assert window.save_state.text() == "All changes saved"
    holder.deleteLater()
