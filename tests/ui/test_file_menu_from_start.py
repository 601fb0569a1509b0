"""The File menu is the same from the start as after every page has been shown: entries of
pages not built yet are there, in their places, and their shortcuts work (building the page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.ui.window_driver import open_window, settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _entries(window: Any) -> list[str]:
    return [a.text() for a in window.file_menu.actions() if not a.isSeparator()]


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Any:
    made = open_window(qtbot, workspace_dir, demo=True, size=(1024, 700))
    settle(qtbot, made)
    yield made
    made.close()


def test_the_file_menu_does_not_change_as_pages_are_first_shown(qtbot: QtBot, window: Any) -> None:
    first = _entries(window)
    assert "New &bid…" in first and "Import &Word documents…" in first, first
    for key in ("organisations", "questionnaires", "library", "bids"):
        window.navigate(key)
        settle(qtbot, window)
    assert _entries(window) == first
    assert len(set(first)) == len(first)


def test_new_bid_shortcut_works_before_the_bids_page_is_built(qtbot: QtBot, window: Any) -> None:
    assert dict.get(window.pages, "bids") is None  # not built yet
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    settle(qtbot, window)
    qtbot.waitUntil(lambda: any(
        isinstance(w, QDialog) and w.isVisible() and "bid" in w.windowTitle().lower()
        for w in QApplication.topLevelWidgets()
    ))  # fmt: skip
    assert dict.get(window.pages, "bids") is not None
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def test_an_entry_follows_its_page_action_once_built(qtbot: QtBot, window: Any) -> None:
    window.navigate("organisations")
    settle(qtbot, window)
    proxy = next(a for a in window.file_menu.actions() if a.text() == "E&xport profile…")
    page = window.pages["organisations"]
    page.action_export.setEnabled(False)
    assert not proxy.isEnabled()
    page.action_export.setEnabled(True)
    assert proxy.isEnabled()
