"""The shell's keys and guards: one owner per shortcut, Undo/Redo on every key, the sidebar
following the page shown, one own organisation, and a question before submitting a bid with
problems."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.window_driver import on_worker, open_window, settle

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    made = open_window(qtbot, workspace_dir, demo=True)
    yield made
    made.close()


# -- shortcuts ----------------------------------------------------------------------------------
def _active_shortcuts(window: Any) -> list[tuple[str, QWidget | None, str]]:
    """Every shortcut that can fire now: (keys, scope widget or None for the window, owner)."""
    found: list[tuple[str, QWidget | None, str]] = []

    def add(keys: list[QKeySequence], scope: QWidget | None, owner: str) -> None:
        for key in keys:
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            if text:
                found.append((text, scope, owner))

    for action in window.findChildren(QAction):
        if not action.shortcuts() or not action.isEnabled():
            continue
        hosts = [o for o in action.associatedObjects() if isinstance(o, QWidget)]
        in_menu = any(isinstance(h, QMenu) for h in hosts)
        visible = [h for h in hosts if h.isVisible()]
        if not in_menu and not visible:
            continue
        context = action.shortcutContext()
        scope = None
        if context != Qt.ShortcutContext.WindowShortcut and context != (
            Qt.ShortcutContext.ApplicationShortcut
        ):
            scope = visible[0] if visible else None
        add(action.shortcuts(), scope, f"action {action.text()!r}")
    for button in window.findChildren(QAbstractButton):
        if not button.shortcut().isEmpty() and button.isVisible() and button.isEnabled():
            add([button.shortcut()], None, f"button {button.text()!r}")
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if not isinstance(parent, QWidget) or not parent.isVisible() or not shortcut.isEnabled():
            continue
        scope = None if shortcut.context() == Qt.ShortcutContext.WindowShortcut else parent
        add(shortcut.keys(), scope, f"shortcut in {type(parent).__name__}")
    return found


def _nested(a: QObject | None, b: QObject | None) -> bool:
    """Whether the focus can be inside both scopes at once (None: the whole window)."""
    if a is None or b is None:
        return True
    if not isinstance(a, QWidget) or not isinstance(b, QWidget):
        return False
    return a is b or a.isAncestorOf(b) or b.isAncestorOf(a)


def _clashes(window: Any) -> list[str]:
    entries = _active_shortcuts(window)
    clashes = []
    for i, (key, scope, owner) in enumerate(entries):
        for other_key, other_scope, other_owner in entries[i + 1 :]:
            if key == other_key and _nested(scope, other_scope):
                clashes.append(f"{key}: {owner} and {other_owner}")
    return clashes


def test_no_key_has_two_owners_on_any_page(qtbot: QtBot, window: Any) -> None:
    keys = [
        window.navigation.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(window.navigation.count())
    ]
    for key in keys:
        window.navigate(key)
        settle(qtbot, window)
        assert _clashes(window) == [], key
    window.navigate("bids", 1)  # a bid's own page, with its tabs
    settle(qtbot, window)
    assert _clashes(window) == []
    undo = [k.toString() for k in window.action_undo.shortcuts()]
    redo = [k.toString() for k in window.action_redo.shortcuts()]
    assert "Ctrl+Z" in undo
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(redo)


def test_undo_and_redo_keys_reach_the_undo_stack_outside_text(qtbot: QtBot, window: Any) -> None:
    """Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y, pressed in the profile's section list."""
    from bidkit.ops.organisations import load_profile

    window.navigate("organisations")
    settle(qtbot, window)
    page = window.pages["organisations"]
    org_id = page.current_id
    page.editor.jump_to("", "phone")
    phone = page.editor.ensure_section("identity").editors["phone"]
    before = phone.saved
    phone.line.selectAll()
    qtbot.keyClicks(phone.line, "0161 496 0000")
    qtbot.keyClick(phone.line, Qt.Key.Key_Return)
    settle(qtbot, window)

    def stored() -> Any:
        return on_worker(qtbot, window, lambda ws: load_profile(ws, org_id).data.org["phone"])

    after = stored()
    assert after != before
    sections = page.editor.sections
    sections.setFocus()
    qtbot.waitUntil(sections.hasFocus)
    qtbot.keyClick(sections, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    assert stored() == before
    qtbot.keyClick(sections, Qt.Key.Key_Z, CTRL_SHIFT)
    settle(qtbot, window)
    assert stored() == after
    qtbot.keyClick(sections, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    qtbot.keyClick(sections, Qt.Key.Key_Y, CTRL)
    settle(qtbot, window)
    assert stored() == after
    assert phone.line.text() == after


def test_edit_menu_undo_acts_on_the_focused_fields_typing(qtbot: QtBot, window: Any) -> None:
    window.navigate("organisations")
    settle(qtbot, window)
    page = window.pages["organisations"]
    page.editor.jump_to("", "website")
    website = page.editor.ensure_section("identity").editors["website"]
    website.line.end(False)
    text = website.line.text()
    qtbot.keyClicks(website.line, "/about")
    window.edit_history.describe()
    assert window.action_undo.text() == "&Undo typing"
    window.edit_history.menu_closed()
    window.action_undo.trigger()
    assert website.line.text() == text
    window.action_redo.trigger()
    assert website.line.text() == text + "/about"


# -- sidebar ------------------------------------------------------------------------------------
def _highlighted(window: Any) -> str | None:
    item = window.navigation.currentItem()
    if item is None or not item.isSelected():
        return None
    return str(item.data(Qt.ItemDataRole.UserRole))


def test_sidebar_marks_the_page_shown_however_it_was_reached(qtbot: QtBot, window: Any) -> None:
    assert _highlighted(window) == "dashboard"
    library = next(a for a in window.view_menu.actions() if a.text() == "Evidence library")
    keys = library.shortcut()
    assert not keys.isEmpty()
    combo = keys[0]
    qtbot.keyClick(window.navigation, combo.key(), combo.keyboardModifiers())
    assert window.stack.currentWidget() is window.pages["library"]
    assert _highlighted(window) == "library"
    window.signals.navigate.emit("bids", 1)  # a link on another page
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.pages["bids"]
    assert _highlighted(window) == "bids"
    window.navigate("welcome")  # not in the sidebar: nothing stays marked
    assert _highlighted(window) is None


# -- own organisation ---------------------------------------------------------------------------
def test_add_my_organisation_twice_makes_one(qtbot: QtBot, workspace_dir: Path) -> None:
    made = open_window(qtbot, workspace_dir)
    made.navigate("organisations")
    page = made.pages["organisations"]
    settle(qtbot, made)
    assert page.add_own.isEnabled()
    qtbot.mouseClick(page.add_own, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.add_own, Qt.MouseButton.LeftButton)  # before the first is saved
    page.add(own=True)
    settle(qtbot, made)
    assert [item.own for item in page.model.items] == [True]
    assert not page.add_own.isEnabled()
    assert page.add_partner.isEnabled()
    from bidkit.ui.profile.new_organisation_dialog import NewOrganisationDialog

    dialog = NewOrganisationDialog(not page.has_own(), page, own_allowed=not page.has_own())
    assert not dialog.own.isEnabled() and dialog.partner.isChecked()
    dialog.deleteLater()
    made.close()


def test_the_operation_refuses_a_second_own_organisation(workspace: Any) -> None:
    from bidkit.errors import InputRefused
    from bidkit.ops.organisations import create_organisation, list_organisations

    create_organisation(workspace, name="Riverside Care CIC", own=True)
    with pytest.raises(InputRefused, match="Riverside Care CIC is already"):
        create_organisation(workspace, name="Riverside again", own=True)
    create_organisation(workspace, name="Northside Advice", own=False)
    assert [o.own for o in list_organisations(workspace)].count(True) == 1


# -- bids ---------------------------------------------------------------------------------------
def _bid_with_problems(qtbot: QtBot, window: Any) -> int:
    from bidkit.errors import NotFound
    from bidkit.ops.bid_overview import load_bid
    from bidkit.ops.export import compliance_report

    def find(ws: Any) -> int:
        for bid_id in range(1, 20):
            try:
                bid = load_bid(ws, bid_id)
            except NotFound:  # a gap in the ids
                continue
            if bid.status != "submitted" and any(
                compliance_report(ws, bid_id, form).problems for form in bid.forms
            ):
                return bid_id
        raise AssertionError("the demo has no open bid with problems")

    found: int = on_worker(qtbot, window, find)
    return found


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_submitting_a_bid_with_problems_asks_first_and_names_them(
    qtbot: QtBot, window: Any
) -> None:
    from bidkit.ops.bid_overview import load_bid

    bid_id = _bid_with_problems(qtbot, window)
    window.navigate("bids", bid_id)
    settle(qtbot, window)
    view = window.pages["bids"].view
    before = view.bid.status

    def choose_submitted() -> QMessageBox:
        view.status.setCurrentIndex(view.status.findData("submitted"))
        view.status.activated.emit(view.status.currentIndex())
        qtbot.waitUntil(lambda: view.submit_question is not None, timeout=10000)
        box = view.submit_question
        assert box is not None
        return box

    box = choose_submitted()
    assert "problem" in box.text()
    assert "•" in box.text()  # each problem is named
    not_yet = next(b for b in box.buttons() if b.text() == "Not yet")
    qtbot.mouseClick(not_yet, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert view.status.currentData() == before
    assert on_worker(qtbot, window, lambda ws: load_bid(ws, bid_id).status) == before

    box = choose_submitted()
    submit = next(b for b in box.buttons() if b.text() == "Mark as submitted")
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert on_worker(qtbot, window, lambda ws: load_bid(ws, bid_id).status) == "submitted"


def test_a_new_bid_opens_on_its_details(qtbot: QtBot, window: Any) -> None:
    window.navigate("bids", 1)
    settle(qtbot, window)
    page = window.pages["bids"]
    page.view.tabs.setCurrentWidget(page.view.outcome)
    page.show_list()
    page._create(
        {"title": "Day services re-let", "buyer": "Salford City Council", "deadline": None}
    )
    settle(qtbot, window)
    assert page.stack.currentWidget() is page.view
    assert page.view.bid is not None and page.view.bid.title == "Day services re-let"
    assert page.view.tabs.currentWidget() is page.view.details


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_a_dialogs_text_box_keeps_its_own_undo_and_redo(qtbot: QtBot, window: Any) -> None:
    from bidkit.ui.bids.task_dialog import TaskDialog

    dialog = TaskDialog(parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.title.setFocus()
    qtbot.waitUntil(dialog.title.hasFocus)
    qtbot.keyClicks(dialog.title, "Get the signed declaration")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Z, CTRL)
    assert dialog.title.text() == ""
    qtbot.keyClick(dialog.title, Qt.Key.Key_Y, CTRL)
    assert dialog.title.text() == "Get the signed declaration"
    qtbot.keyClick(dialog.title, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Z, CTRL_SHIFT)
    assert dialog.title.text() == "Get the signed declaration"
    dialog.reject()
