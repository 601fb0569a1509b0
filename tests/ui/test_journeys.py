"""A new user's first session, end to end through the real window.

Welcome page -> "Set up my organisation" -> the profile editor -> type identity facts ->
close BidKit -> open it again: everything typed is there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from bidkit.ui.profile.field_editors import LineFieldEditor


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _open(qtbot: QtBot, root: Path) -> Any:
    from bidkit.ui.app import build_window

    window = build_window(root)
    qtbot.addWidget(window)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    return window


def _settle(qtbot: QtBot, window: Any) -> None:
    qtbot.waitUntil(lambda: window.runner.workspace is not None and window.runner.pending == 0)
    qtbot.wait(20)  # a finished load can queue the next one
    qtbot.waitUntil(lambda: window.runner.pending == 0)


def _line(window: Any, section: str, key: str) -> LineFieldEditor:
    editor = window.pages["organisations"].editor.ensure_section(section).editors[key]
    assert isinstance(editor, LineFieldEditor)
    return editor


def test_first_session_from_welcome_to_reopening(qtbot: QtBot, workspace_dir: Path) -> None:
    window = _open(qtbot, workspace_dir)
    welcome = window.pages["welcome"]
    assert window.stack.currentWidget() is welcome

    qtbot.mouseClick(welcome.setup_button, Qt.MouseButton.LeftButton)
    wizard = welcome.wizard
    qtbot.keyClicks(wizard.name_page.name.edit, "Hillside Tenants Co-operative")
    form = wizard.name_page.legal_form
    form.setCurrentIndex(form.findData("cooperative_society"))
    wizard.next()
    qtbot.keyClicks(wizard.registration_page.fields["fca_mutuals_number"].edit, "31234R")
    wizard.next()
    qtbot.keyClicks(wizard.contact_page.fields["registered_postcode"].edit, "ls6 2ab")
    wizard.accept()

    organisations = window.pages["organisations"]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is organisations)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: organisations.editor.name.text() == "Hillside Tenants Co-operative")

    website = _line(window, "identity", "website")
    website.line.setFocus()
    qtbot.keyClicks(website.line, "hillside.example.org.uk")
    qtbot.keyClick(website.line, Qt.Key.Key_Tab)  # leaving the field saves it
    phone = _line(window, "identity", "phone")
    phone.line.setFocus()
    qtbot.keyClicks(phone.line, "0113 496 0000")  # saved after the typing pause
    qtbot.waitUntil(lambda: not phone.is_dirty(), timeout=3000)
    _settle(qtbot, window)
    window.close()

    window = _open(qtbot, workspace_dir)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages["dashboard"])
    window.navigate("organisations")  # the dashboard is home once the workspace has data
    qtbot.waitUntil(
        lambda: window.pages["organisations"].editor.name.text() == "Hillside Tenants Co-operative"
    )
    assert _line(window, "identity", "website").line.text() == "https://hillside.example.org.uk"
    assert _line(window, "identity", "phone").line.text() == "0113 496 0000"
    assert _line(window, "registration", "fca_mutuals_number").line.text() == "31234R"
    assert _line(window, "addresses", "registered_postcode").line.text() == "LS6 2AB"
    window.close()
