"""Driving the real window in tests: open it on a workspace, wait for the database worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot


def settle(qtbot: QtBot, window: Any) -> None:
    """Wait until the database worker is idle and the callbacks it queued have run.

    A few short waits let the jobs those callbacks queue in turn (and short timers) run too.
    """
    for _ in range(4):
        qtbot.waitUntil(
            lambda: window.runner.workspace is not None and window.runner.pending == 0,
            timeout=10000,
        )
        QApplication.processEvents()
        qtbot.wait(30)
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=10000)


def on_worker(qtbot: QtBot, window: Any, job: Callable[[Any], Any]) -> Any:
    """Run `job(workspace)` on the window's database worker and return its result."""
    results: list[Any] = []
    window.runner.run(job, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    return results[0]


def open_window(
    qtbot: QtBot, root: Path, *, demo: bool = False, size: tuple[int, int] = (1280, 820)
) -> Any:
    """The real window on `root` (seeded with the demo first if asked), shown and idle."""
    from bidkit.ui.app import build_window

    if demo:
        from bidkit.ops.demo import seed_demo
        from bidkit.store.workspace import Workspace

        with Workspace.open(root) as ws:
            seed_demo(ws, force=False)
    made: Any = build_window(root)
    qtbot.addWidget(made)
    made.resize(*size)
    made.show()
    made.activateWindow()
    made.open_workspace()
    settle(qtbot, made)
    return made
