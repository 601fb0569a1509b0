"""The window after an unclean shutdown: the full integrity check runs on the worker once the
first page shows, and damage it finds is shown as the quick check's is (read-only, banner)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from bidkit.ops.demo import seed_demo
from bidkit.paths import WorkspacePaths
from bidkit.store.lock import UNCLEAN_MARKER
from bidkit.store.workspace import Workspace
from tests.crash.unclean import break_an_index_entry, kill_a_writer
from tests.ui.window_driver import open_window, settle

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.slow,
]


@pytest.fixture
def crashed_demo(workspace_dir: Path) -> Path:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
        ws.backup("manual")
    kill_a_writer(workspace_dir)
    return workspace_dir


def test_damage_found_after_a_crash_reopens_the_window_read_only(
    qtbot: QtBot, crashed_demo: Path
) -> None:
    break_an_index_entry(WorkspacePaths(crashed_demo).database)
    from bidkit.ui.app import build_window

    window: Any = build_window(crashed_demo)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    opened: list[Any] = []
    window.signals.workspace_opened.connect(opened.append)
    window.open_workspace()
    settle(qtbot, window)
    # First opened for writing (the quick check passed), then reopened read-only by the
    # full check that ran behind the first page's data.
    assert [info.read_only for info in opened] == [False, True]
    assert opened[0].full_check_due
    assert window.context.read_only and window.runner.workspace.read_only
    assert window.banner.isVisible() and "is damaged" in window.banner.text()
    assert "File > Restore" in window.banner.text()
    assert (crashed_demo / UNCLEAN_MARKER).exists()  # the next start checks again
    window.close()


def test_a_sound_workspace_after_a_crash_stays_writable_and_the_note_goes(
    qtbot: QtBot, crashed_demo: Path
) -> None:
    window = open_window(qtbot, crashed_demo, size=(1024, 700))
    settle(qtbot, window)
    assert window.info.full_check_due
    assert not window.context.read_only
    assert not (crashed_demo / UNCLEAN_MARKER).exists()
    assert not window.banner.isVisible() or "damaged" not in window.banner.text()
    window.close()
