"""The Qt binding BidKit runs on must survive a long session.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call to a Qt method that
returns nothing, so the interpreter aborted after a few thousand calls. pyproject.toml excludes
that release; this test catches any binding with the same fault.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(30000):
    label.setText(str(i))
print("survived")
"""


def test_many_calls_to_void_qt_methods_do_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
