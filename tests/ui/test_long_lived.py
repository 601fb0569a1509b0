"""What the window builds once is kept out of later full garbage collections."""

from __future__ import annotations

import gc
from pathlib import Path

from pytestqt.qtbot import QtBot

from bidkit.ui.long_lived import LongLivedObjects
from bidkit.ui.runner import DatabaseRunner
from tests.ui.window_driver import open_window


def _run_job(qtbot: QtBot, runner: DatabaseRunner) -> None:
    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.run(lambda _ws: None)


def test_freezes_once_the_worker_is_idle_after_something_was_built(qtbot: QtBot) -> None:
    runner = DatabaseRunner()
    long_lived = LongLivedObjects(runner)
    gc.unfreeze()
    _run_job(qtbot, runner)
    assert long_lived.freezes == 1
    assert gc.get_freeze_count() > 0

    gc.unfreeze()
    _run_job(qtbot, runner)
    assert long_lived.freezes == 1, "nothing new was built: no second freeze"
    assert gc.get_freeze_count() == 0

    long_lived.grown()
    _run_job(qtbot, runner)
    assert long_lived.freezes == 2
    runner.wait_for_done()


def test_the_window_freezes_its_pages_and_workspace(qtbot: QtBot, workspace_dir: Path) -> None:
    window = open_window(qtbot, workspace_dir, demo=True)
    assert window.long_lived.freezes >= 1
    before = window.long_lived.freezes
    window.navigate("library")
    qtbot.waitUntil(lambda: window.long_lived.freezes > before, timeout=10000)
    window.close()
