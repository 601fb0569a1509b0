"""The full integrity check after an unclean shutdown: the demo grown to 20,000 evidence items.

Prints one JSON object:

- `full_check_s`: `bidkit.store.start_checks.run_full_check` (SQLite's `integrity_check`, the
  note of the unclean shutdown removed), median of `RUNS`;
- `baseline_s`: the raw library: `PRAGMA integrity_check` on a plain sqlite3 connection;
- `quick_check_s`: `PRAGMA quick_check`, which runs at every start, for comparison;
- `window_open_s`: in the real window (offscreen), from asking to open the workspace to its
  pages receiving it, the full check included (it runs on the database worker before any page
  reads), and `window_longest_stall_ms`: the longest gap between 10 ms timer ticks on the GUI
  thread meanwhile (the window stays responsive while it runs).
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ITEMS = int(os.environ.get("BIDKIT_BENCH_ITEMS", "20000"))
RUNS = int(os.environ.get("BIDKIT_BENCH_RUNS", "3"))


def _grow(root: Path) -> None:
    from sqlmodel import func, select

    from benchmarks.library import generate_items
    from bidkit.model.evidence import EvidenceItem
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace

    with Workspace.open(root) as ws:
        seed_demo(ws, force=False)
        with ws.session() as session:
            present = session.exec(select(func.count()).select_from(EvidenceItem)).one()
        generate_items(ws, ITEMS - present)


def _leave_unclean(root: Path) -> None:
    from bidkit.store.lock import UNCLEAN_MARKER

    (root / UNCLEAN_MARKER).write_text("{}", encoding="utf-8")


def _raw(database: Path, pragma: str) -> float:
    start = time.perf_counter()
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = con.execute(f"PRAGMA {pragma}").fetchall()
    con.close()
    assert rows == [("ok",)], rows
    return time.perf_counter() - start


def _in_window(root: Path) -> tuple[float, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bidkit.store import start_checks
    from bidkit.ui.app import build_window

    app = QApplication.instance() or QApplication([])
    times: dict[str, float] = {}
    ticks: list[float] = []
    real = start_checks.run_full_check

    def timed(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        times["done"] = time.perf_counter()
        return result

    start_checks.run_full_check = timed  # type: ignore[assignment]
    window = build_window(root)
    window.resize(1024, 700)
    window.show()
    window.signals.workspace_opened.connect(
        lambda _i: times.setdefault("shown", time.perf_counter())
    )
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    times["asked"] = time.perf_counter()
    window.open_workspace()
    deadline = time.perf_counter() + 120
    while "shown" not in times and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
    timer.stop()
    window.runner.wait_for_done()
    app.processEvents()
    window.close()
    start_checks.run_full_check = real  # type: ignore[assignment]
    assert times["done"] <= times["shown"], "the full check ran after the workspace showed"
    during = [t for t in ticks if times["asked"] <= t <= times["shown"]]
    gaps = [b - a for a, b in itertools.pairwise(during)] or [0.0]
    return times["shown"] - times["asked"], max(gaps)


def main() -> None:
    from bidkit.paths import WorkspacePaths
    from bidkit.store.start_checks import run_full_check

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "workspace"
        _grow(root)
        paths = WorkspacePaths(root)
        full, baseline, quick = [], [], []
        for _ in range(RUNS):
            baseline.append(_raw(paths.database, "integrity_check"))
            quick.append(_raw(paths.database, "quick_check"))
            _leave_unclean(root)
            start = time.perf_counter()
            run_full_check(paths)
            full.append(time.perf_counter() - start)
        _leave_unclean(root)
        window_s, stall_s = _in_window(root)
        full_s, baseline_s = statistics.median(full), statistics.median(baseline)
        print(
            json.dumps(
                {
                    "name": "full-integrity-check",
                    "items": ITEMS,
                    "database_mb": round(paths.database.stat().st_size / 1048576, 1),
                    "runs": RUNS,
                    "full_check_s": round(full_s, 3),
                    "baseline_s": round(baseline_s, 3),
                    "ratio": round(full_s / baseline_s, 2),
                    "quick_check_s": round(statistics.median(quick), 3),
                    "window_open_s": round(window_s, 3),
                    "window_longest_stall_ms": round(stall_s * 1000, 1),
                }
            )
        )


if __name__ == "__main__":
    main()
