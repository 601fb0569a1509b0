"""Start-up time: launch to window shown, and to the demo data on screen, against bare PySide6.

Seeds the demo into a temporary workspace, then launches the window and a bare PySide6
QMainWindow alternately (after one untimed warm-up of each) and prints one JSON object:

    {"name": "startup", "runs": 5, "median_s": ..., "baseline_median_s": ..., "ratio": ...,
     "data_shown_s": ..., "data_ratio": ..., "data_shown_range_s": [...], "baseline_range_s": [...]}

Times are from just before the process is started to the moment it reports, so they include
the interpreter's own start-up. Both run offscreen (QT_QPA_PLATFORM=offscreen).
Run with: .venv/bin/python benchmarks/startup.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BIDKIT_BENCH_RUNS", "5"))
WARMUP = 1
TIMEOUT_S = 60.0

BASELINE_SCRIPT = """\
import sys
import time

from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("Baseline")
window.resize(1100, 720)
window.show()
app.processEvents()
print(time.time(), flush=True)
"""


class LaunchFailed(Exception):
    """A launched process did not report its timings."""


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("BIDKIT_HOME", None)
    # Measure BidKit as installed copies run: with compiled bytecode cached (pip and the
    # desktop build ship it; the warm-up launch writes it for a source checkout). With
    # PYTHONDONTWRITEBYTECODE every launch would compile ~200 modules from source first.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Start `command`; return the time just before it started and its standard output."""
    t0 = time.time()
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        raise LaunchFailed(
            f"no report within {TIMEOUT_S:.0f} s; last output on stderr: {err.strip()[-400:]}"
        ) from None
    if not out.strip():
        raise LaunchFailed(
            f"exited with code {process.returncode} without reporting; "
            f"last output on stderr: {err.strip()[-400:]}"
        )
    return t0, out


def _last_json_line(out: str) -> dict[str, Any]:
    for raw in reversed(out.strip().splitlines()):
        line = raw.strip()
        if line.startswith("{"):
            value = json.loads(line)
            if isinstance(value, dict):
                return value
    raise LaunchFailed(f"no JSON line in the output: {out.strip()[-400:]}")


def launch_bidkit(workspace: Path, env: dict[str, str]) -> tuple[float, float]:
    """(launch to window shown, launch to data shown) for one start of the window."""
    probe_env = dict(env, BIDKIT_STARTUP_PROBE="1")
    t0, out = _run([sys.executable, "-m", "bidkit", "--data-dir", str(workspace)], probe_env)
    report = _last_json_line(out)
    return float(report["window_shown_at"]) - t0, float(report["data_shown_at"]) - t0


def launch_baseline(script: Path, env: dict[str, str]) -> float:
    """Launch to shown for a bare PySide6 QMainWindow."""
    t0, out = _run([sys.executable, str(script)], env)
    return float(out.strip().splitlines()[-1]) - t0


def _range(samples: list[float]) -> list[float]:
    """[fastest, slowest] of `samples`: the spread on a shared, noisy machine."""
    return [round(min(samples), 4), round(max(samples), 4)]


def main() -> int:
    env = _environment()
    window: list[float] = []
    data: list[float] = []
    baseline: list[float] = []
    error: str | None = None
    with tempfile.TemporaryDirectory(prefix="bidkit-startup-") as temp:
        workspace = Path(temp) / "workspace"
        script = Path(temp) / "baseline_window.py"
        script.write_text(BASELINE_SCRIPT, encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "bidkit", "--data-dir", str(workspace), "demo"],
            cwd=REPO_ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
        try:
            for run in range(WARMUP + RUNS):
                shown, data_shown = launch_bidkit(workspace, env)
                base = launch_baseline(script, env)
                if run >= WARMUP:
                    window.append(shown)
                    data.append(data_shown)
                    baseline.append(base)
        except LaunchFailed as exc:
            error = f"the BidKit window did not report its start-up times: {exc}"
            # Still measure the floor, so the run reports what it can.
            baseline = [launch_baseline(script, env) for _ in range(WARMUP + RUNS)][WARMUP:]
    baseline_median = statistics.median(baseline)
    ok = bool(window) and error is None
    median = statistics.median(window) if ok else None
    data_median = statistics.median(data) if ok else None
    result: dict[str, Any] = {
        "name": "startup",
        "runs": RUNS,
        "median_s": None if median is None else round(median, 4),
        "baseline_median_s": round(baseline_median, 4),
        "ratio": None if median is None else round(median / baseline_median, 2),
        "data_shown_s": None if data_median is None else round(data_median, 4),
        "data_ratio": None if data_median is None else round(data_median / baseline_median, 2),
        "data_shown_range_s": _range(data) if ok else None,
        "baseline_range_s": _range(baseline),
    }
    if error is not None:
        result["error"] = error
    print(json.dumps(result))
    return 0 if error is None else 1


if __name__ == "__main__":
    sys.exit(main())
