"""The window after an unclean shutdown: the full integrity check runs on the worker as the
workspace opens, before any page reads it, and damage it finds is shown as the quick check's
is (read-only, banner, no error box)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
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
    # Opened once, read-only: the full check ran before any page read the damaged file.
    assert [info.read_only for info in opened] == [True]
    assert not [b.text() for b in window.findChildren(QMessageBox)]
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
    assert not window.context.read_only
    assert not (crashed_demo / UNCLEAN_MARKER).exists()
    assert not window.banner.isVisible() or "damaged" not in window.banner.text()
    window.close()


CALM_NOTE = (
    "BidKit closed unexpectedly last time. Your work up to the last save is kept; the "
    "workspace was checked and is sound."
)


def test_after_a_crash_the_window_says_so_calmly_once_the_check_passed(
    qtbot: QtBot, crashed_demo: Path
) -> None:
    window = open_window(qtbot, crashed_demo, size=(1024, 700))
    settle(qtbot, window)
    assert window.banner.isVisible()
    assert window.banner.text() == CALM_NOTE
    assert not [b.text() for b in window.findChildren(QMessageBox)]
    window.close()
    # The next start, after a clean close, says nothing.
    again = open_window(qtbot, crashed_demo, size=(1024, 700))
    settle(qtbot, again)
    assert not again.banner.isVisible() or again.banner.text() != CALM_NOTE
    again.close()


def test_the_window_started_with_its_lock_held_also_says_so(
    qtbot: QtBot, crashed_demo: Path
) -> None:
    """As `bidkit` starts it: the lock taken before the window shows, then handed over."""
    from bidkit.store.lock import WorkspaceLock
    from bidkit.ui.app import build_window

    lock = WorkspaceLock(WorkspacePaths(crashed_demo).lock, kind="window")
    lock.acquire()
    window: Any = build_window(crashed_demo, lock=lock)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.open_workspace()
    settle(qtbot, window)
    assert window.banner.isVisible() and window.banner.text() == CALM_NOTE
    window.close()


def test_damage_found_after_a_crash_is_not_called_sound(qtbot: QtBot, crashed_demo: Path) -> None:
    break_an_index_entry(WorkspacePaths(crashed_demo).database)
    window = open_window(qtbot, crashed_demo, size=(1024, 700))
    settle(qtbot, window)
    assert "is damaged" in window.banner.text()
    assert "is sound" not in window.banner.text()
    window.close()
