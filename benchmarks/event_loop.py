"""Waiting with the Qt event loop running, for the benchmarks that drive the real window."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def wait(ms: int) -> None:
    """Let `ms` milliseconds pass with the event loop running (timers, queued signals, paints)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(done: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Run the event loop until `done()` is true; give up loudly after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        wait(10)
