"""Measuring keystroke-to-results in the Library page (for `benchmarks/library.py`)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer
from PySide6.QtTest import QTest


def _spin(app: QCoreApplication, until: Any, timeout_s: float = 20.0) -> None:
    end = time.monotonic() + timeout_s
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.0005)


def keystroke_to_results_ms(
    app: QCoreApplication, window: Any, words: Sequence[str]
) -> list[float]:
    """Type `words` letter by letter; for each keystroke, the time from the key press to the
    results being on screen, minus the deliberate pause before searching (debounce)."""
    window.open_workspace()
    _spin(app, lambda: window.runner.workspace is not None and window.runner.pending == 0)
    window.navigate("library")
    page = window.pages["library"]
    delay = page._debounce.interval()
    samples: list[float] = []
    shown: list[float] = []
    page.results_shown.connect(shown.append)
    clock = QElapsedTimer()
    for word in words:
        page.search.clear()
        _spin(app, lambda: window.runner.pending == 0)
        for letter in word:
            before = len(shown)
            clock.start()
            QTest.keyClicks(page.search, letter)
            _spin(app, lambda b=before: len(shown) > b)
            elapsed = clock.nsecsElapsed() / 1e6
            samples.append(max(0.0, elapsed - delay))
    return samples
