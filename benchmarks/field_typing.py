"""Typing with autosave into the profile, a library item and a bid's notes: the longest stall.

Opens the real window (offscreen) on the demo workspace and, in each of three places a user
types (the profile's "Principal activities", the body of an evidence item, a bid's notes),
types bursts of 40 keys, one key every 25 ms, each followed by a pause longer than the
autosave delay, so every burst is saved and comes back as a change. A 5 ms heartbeat timer on
the main thread records how late each tick comes: a late tick is the window standing still.

The baseline is the same typing, on the same schedule, into a bare QPlainTextEdit, in the
same run.

Prints one JSON object:
- `max_stall_ms`: the longest stall over the three editors, and `<editor>_max_stall_ms` each;
- `baseline_max_stall_ms`, `ratio` (`max_stall_ms / baseline_max_stall_ms`);
- `text_kept`: whether every editor ends with exactly what was typed, in order, on screen and
  in the database.

    .venv/bin/python benchmarks/field_typing.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from event_loop import wait, wait_until
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

BURSTS = 4
BURST = " and we check it again every single year"[:40]
KEY_MS = 25
PAUSE_MS = 1200  # past the 600-800 ms autosave delays, with room for the save to finish
HEARTBEAT_MS = 5


class Heartbeat:
    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0.0

    def start(self) -> None:
        self.worst = 0.0
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.worst = max(self.worst, (now - self.last) / 1e6 - HEARTBEAT_MS)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def _type_bursts(box: QPlainTextEdit) -> tuple[float, str]:
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    beat = Heartbeat()
    beat.start()
    for _ in range(BURSTS):
        for char in BURST:
            QTest.keyClick(box, char)
            wait(KEY_MS)
        wait(PAUSE_MS)
    return beat.stop(), BURST * BURSTS


def _on_worker(window: Any, job: Callable[[Any], Any]) -> Any:
    found: dict[str, Any] = {}
    window.runner.run(job, lambda value: found.update(value=value))
    wait_until(lambda: "value" in found)
    return found["value"]


def _settle(window: Any) -> None:
    wait_until(lambda: window.runner.workspace is not None and window.runner.pending == 0)
    wait(200)
    wait_until(lambda: window.runner.pending == 0)


def measure_bidkit(root: Path) -> dict[str, Any]:
    from bidkit.ops.bid_overview import load_bid
    from bidkit.ops.demo import seed_demo
    from bidkit.ops.evidence import load_evidence
    from bidkit.ops.organisations import load_profile
    from bidkit.store.workspace import Workspace
    from bidkit.ui.app import build_window

    with Workspace.open(root) as ws:
        seed_demo(ws, force=False)
    window: Any = build_window(root)
    window.resize(1280, 820)
    window.show()
    window.open_workspace()
    _settle(window)
    results: dict[str, Any] = {}
    kept = True

    window.navigate("organisations")
    _settle(window)
    page = window.pages["organisations"]
    org_id = page.current_id
    page.editor.jump_to("", "description")
    box = page.editor.ensure_section("identity").editors["description"].text
    before = box.toPlainText()
    results["profile_max_stall_ms"], typed = _type_bursts(box)
    _settle(window)
    stored = _on_worker(window, lambda ws: load_profile(ws, org_id).data.org["description"])
    kept &= box.toPlainText() == before + typed and stored == (before + typed).rstrip()

    window.navigate("library")
    _settle(window)
    library = window.pages["library"]
    item_id = library.model.hits[0].id
    library.show_record(item_id)
    _settle(window)
    box = library.editor.body
    before = box.toPlainText()
    results["library_max_stall_ms"], typed = _type_bursts(box)
    _settle(window)
    stored = _on_worker(window, lambda ws: load_evidence(ws, item_id).fields.body)
    kept &= box.toPlainText() == before + typed and stored == before + typed

    window.navigate("bids", 1)
    _settle(window)
    box = window.pages["bids"].view.details.notes
    before = box.toPlainText()
    results["bid_notes_max_stall_ms"], typed = _type_bursts(box)
    _settle(window)
    stored = _on_worker(window, lambda ws: load_bid(ws, 1).notes)
    kept &= box.toPlainText() == before + typed and stored == before + typed

    window.close()
    results = {key: round(value, 1) for key, value in results.items()}
    results["max_stall_ms"] = max(results.values())
    results["text_kept"] = bool(kept)
    return results


def measure_baseline() -> float:
    window = QMainWindow()
    box = QPlainTextEdit(window)
    window.setCentralWidget(box)
    window.resize(1280, 820)
    window.show()
    wait(200)
    stall, _typed = _type_bursts(box)
    window.close()
    return round(stall, 1)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("BidKitBenchmark")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BIDKIT_HOME"] = folder
        figures = measure_bidkit(Path(folder) / "workspace")
    baseline = measure_baseline()
    figures["baseline_max_stall_ms"] = baseline
    figures["ratio"] = round(figures["max_stall_ms"] / baseline, 2) if baseline else None
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
