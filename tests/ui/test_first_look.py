"""The window shows the dashboard from a plain read before the workspace is open."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from bidkit.ops.demo import seed_demo
from bidkit.store.workspace import Workspace
from bidkit.ui.app import build_window
from tests.ui.window_driver import settle


def test_dashboard_is_filled_before_the_workspace_opens(qtbot: QtBot, workspace_dir: Path) -> None:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    window = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.pages["dashboard"]
    with qtbot.waitSignal(window.signals.data_shown, timeout=10000):
        window.look_first()
    assert window.runner.workspace is None, "shown from the first look, not the opened workspace"
    assert window.current_page_key() == "dashboard"
    first = page.data
    assert first is not None and first.bid_count > 0
    assert page.statuses.count() > 0 and page.summary.text()

    window.open_workspace()
    settle(qtbot, window)
    assert window.current_page_key() == "dashboard"
    assert page.data is not first, "read again once the workspace is open"
    assert page.data.by_status == first.by_status


def test_a_new_workspace_gets_no_first_look(qtbot: QtBot, workspace_dir: Path) -> None:
    window = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.show()
    window.look_first()
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=10000)
    assert window.pages["dashboard"].data is None
    window.open_workspace()
    settle(qtbot, window)
    assert window.current_page_key() == "welcome"
