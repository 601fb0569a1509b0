"""Typing into a 2,000-word answer with autosave on: the longest time the window stood still.

Opens the real window (offscreen) on the demo workspace with a bid whose long answer already
holds 2,000 words. It first types a few words into an empty answer and lets them save, then
puts the cursor at the end of the long answer and types into it with key
events, one key every 25 ms, in bursts of 40 keys, each followed by a pause longer than the
autosave delay (so every burst is saved), then switches to other questions and back. A 5 ms
heartbeat timer on the main thread records how late each of its ticks comes: a late tick is
the window standing still (typing, saving, reloading or switching).

The baseline is the same typing, on the same schedule, into a bare QPlainTextEdit holding the
same 2,000 words, in the same run.

Prints one JSON object:
- `max_stall_ms`: the longest stall while typing, saving and switching in the BidKit window;
- `max_stall_first_save_ms`, `max_stall_typing_saving_ms`, `max_stall_switching_ms`: the
  same, split by phase (typing into an empty answer and its first save; typing at the end of
  the 2,000 words with a save after each burst; switching questions);
- `baseline_max_stall_ms`: the longest stall typing into the bare QPlainTextEdit;
- `ratio`: `max_stall_ms / baseline_max_stall_ms`;
- `text_kept`: whether the answer on screen (and in the database) ends with exactly what was
  typed, in order.

    .venv/bin/python benchmarks/typing_stall.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from event_loop import wait, wait_until
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QWidget

FORM = "uk-sq-ppn-03-23"
LONG_ANSWER = "health_safety_arrangements"
EMPTY_ANSWER = "equality_in_practice"  # long text, empty, optional
OTHER_QUESTIONS = ("legal_name", "professional_register", "insurance_schedule")
WORDS = 2000
BURSTS = 5
BURST = "and we check it again every year. "[:40].ljust(40, ".")
KEY_MS = 25
PAUSE_MS = 1200  # past the 600 ms autosave delay, with room for the save to finish
HEARTBEAT_MS = 5


class Heartbeat:
    """A 5 ms timer on the main thread; records how late each tick came, by phase."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.phase = "idle"
        self.worst: dict[str, float] = {}

    def start(self) -> None:
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        late = (now - self.last) / 1e6 - HEARTBEAT_MS
        self.last = now
        self.worst[self.phase] = max(self.worst.get(self.phase, 0.0), late)

    def stop(self) -> None:
        self.timer.stop()


def _type(widget: QWidget, text: str) -> None:
    """One key every KEY_MS, the event loop running in between (as a typist would)."""
    for char in text:
        QTest.keyClick(widget, char)
        wait(KEY_MS)


def _essay() -> str:
    sentence = (
        "Our staff follow the health and safety policy, record every incident the same day "
        "and review the risk assessment for each service user"
    )
    words: list[str] = []
    while len(words) < WORDS:
        words += sentence.split()
    paragraphs = [" ".join(words[i : i + 100]) + "." for i in range(0, WORDS, 100)]
    return "\n\n".join(paragraphs)


def _seed(root: Path) -> tuple[int, str]:
    from bidkit.ops.bids import create_bid
    from bidkit.ops.demo import seed_demo
    from bidkit.ops.questionnaires import load_questionnaire, set_answer
    from bidkit.store.workspace import Workspace

    ws = Workspace.open(root)
    try:
        seed_demo(ws, force=False)
        bid_id = create_bid(ws, title="Typing benchmark", buyer="Benchshire Council",
                            deadline=None, form_id=FORM).created  # fmt: skip
        assert bid_id is not None
        snapshot = load_questionnaire(ws, bid_id, FORM)
        lead = snapshot.participants[0][0] if snapshot.participants else None
        essay = _essay()
        set_answer(ws, snapshot.bid_form_id, LONG_ANSWER, lead, essay)
        return bid_id, essay
    finally:
        ws.close()


def _stored(window: Any, page: Any) -> Any:
    from bidkit.ops.questionnaires import read_questionnaire

    found: dict[str, Any] = {}
    bid_id, form_id = page.bid_id, page.form_id
    lead = page.snapshot.participants[0][0] if page.snapshot.participants else None

    def read(ws: Any) -> Any:
        view = read_questionnaire(ws, bid_id, form_id).answer(LONG_ANSWER, lead)
        return None if view is None else view.value

    window.runner.run(read, lambda value: found.update(value=value))
    wait_until(lambda: "value" in found)
    return found["value"]


def measure_bidkit(root: Path) -> dict[str, Any]:
    from bidkit.ui.app import build_window

    bid_id, essay = _seed(root)
    window: Any = build_window(root)
    window.resize(1280, 820)
    window.show()
    window.open_workspace()
    wait_until(lambda: window.runner.workspace is not None and window.runner.pending == 0)
    window.navigate("questionnaires", bid_id)
    wait(300)
    wait_until(lambda: window.runner.pending == 0)
    page = window.pages["questionnaires"]
    beat = Heartbeat()
    beat.start()
    # The first save of an answer that was empty.
    page.select_question(EMPTY_ANSWER)
    wait_until(lambda: window.runner.pending == 0)
    wait(200)
    beat.phase = "first_save"
    page.panel.editor.text.setFocus()
    _type(page.panel.editor.text, BURST)
    wait(PAUSE_MS)
    wait_until(lambda: window.runner.pending == 0)
    beat.phase = "idle"
    page.select_question(LONG_ANSWER)
    wait_until(lambda: window.runner.pending == 0)
    wait(200)
    box = page.panel.editor.text
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    typed = ""
    for _ in range(BURSTS):
        beat.phase = "typing_saving"
        _type(box, BURST)
        typed += BURST
        wait(PAUSE_MS)
    wait_until(lambda: window.runner.pending == 0)
    beat.phase = "switching"
    for question_id in (*OTHER_QUESTIONS, LONG_ANSWER):
        index = page.proxy.mapFromSource(page.model.index_of(question_id))
        page.tree.setCurrentIndex(index)  # as a click in the list does
        wait(400)
        wait_until(lambda: window.runner.pending == 0)
    beat.stop()
    expected = (essay + typed).rstrip()
    on_screen = page.panel.editor.text.toPlainText().rstrip()
    kept = on_screen == expected and _stored(window, page) == expected
    window.close()
    beat.worst.pop("idle", None)
    return {
        "max_stall_ms": round(max(beat.worst.values()), 1),
        "max_stall_first_save_ms": round(beat.worst.get("first_save", 0.0), 1),
        "max_stall_typing_saving_ms": round(beat.worst.get("typing_saving", 0.0), 1),
        "max_stall_switching_ms": round(beat.worst.get("switching", 0.0), 1),
        "text_kept": kept,
    }


def measure_baseline(essay: str) -> float:
    window = QMainWindow()
    box = QPlainTextEdit(window)
    window.setCentralWidget(box)
    window.resize(1280, 820)
    window.show()
    box.setPlainText(essay)
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    wait(200)
    beat = Heartbeat()
    beat.start()
    beat.phase = "typing"
    for _ in range(BURSTS):
        _type(box, BURST)
        wait(PAUSE_MS)
    beat.stop()
    window.close()
    return max(beat.worst.values())


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="bidkit-typing-") as folder:
        figures = measure_bidkit(Path(folder) / "workspace")
    baseline = measure_baseline(_essay())
    figures["baseline_max_stall_ms"] = round(baseline, 1)
    figures["ratio"] = round(figures["max_stall_ms"] / max(baseline, 0.1), 1)
    figures["words"] = WORDS
    print(json.dumps(figures))
    del app


if __name__ == "__main__":
    main()
