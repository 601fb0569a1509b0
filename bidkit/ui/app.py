"""Starting the window: Qt application, workspace lock, main window, pages.

The window is put on screen before the database libraries are imported; the workspace is then
opened on the database worker and the pages fill in. With `BIDKIT_STARTUP_PROBE=1` the window
prints when it was shown and when data appeared (as UNIX times, JSON on stdout) and quits:
the start-up benchmark and the packaged-app check use it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

PROBE_ENV = "BIDKIT_STARTUP_PROBE"

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def create_application(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName("BidKit")
    app.setOrganizationName("BidKit")
    app.setApplicationDisplayName("BidKit")
    from bidkit import __version__

    app.setApplicationVersion(__version__)
    try:
        from bidkit.resources import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "bidkit.png"))))
        style = resource_path("style.qss")
        if style.exists():
            app.setStyleSheet(style.read_text(encoding="utf-8"))
    except (RuntimeError, OSError):
        pass  # the window works without its icon and stylesheet
    return app


def build_window(workspace_root: Path, *, read_only: bool = False, lock: object = None) -> object:
    """The main window with every page, opening `workspace_root` once shown."""
    from bidkit.ui.main_window import MainWindow
    from bidkit.ui.single_instance import InstanceServer

    window = MainWindow(workspace_root, read_only=read_only, lock=lock)
    if not read_only:
        window.instance_server = InstanceServer(workspace_root, window)  # type: ignore[attr-defined]
        window.instance_server.raise_requested.connect(window.bring_forward)  # type: ignore[attr-defined]
    from bidkit.ui.pages import install_pages

    install_pages(window)
    return window


def run_window(data_dir: str | None = None, read_only: bool = False) -> int:
    started = time.time()
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    from bidkit.applog import setup_logging
    from bidkit.paths import WorkspacePaths, resolve_workspace_dir
    from bidkit.store.lock import WorkspaceLock

    root = resolve_workspace_dir(data_dir)
    setup_logging(root)
    app = create_application()
    from PySide6.QtCore import QTimer

    lock = None
    if not read_only:
        from bidkit.errors import WorkspaceLocked

        candidate = WorkspaceLock(WorkspacePaths(root).lock, kind="window")
        try:
            candidate.acquire()
            lock = candidate
        except WorkspaceLocked as exc:
            from bidkit.ui.already_open_dialog import resolve_already_open

            choice = resolve_already_open(root, exc)
            if choice != "read_only":
                return 0
            read_only = True
        except OSError:
            lock = None  # an unwritable folder: Workspace.open explains it in the window

    window = build_window(root, read_only=read_only, lock=lock)
    probe = os.environ.get(PROBE_ENV) == "1"
    times: dict[str, float] = {"started": started}

    def on_data_shown() -> None:
        if "data_shown" in times:
            return
        times["data_shown"] = time.time()
        if probe:
            print(
                json.dumps(
                    {
                        "window_shown_at": times["window_shown"],
                        "data_shown_at": times["data_shown"],
                        "window_shown_s": round(times["window_shown"] - started, 4),
                        "data_shown_s": round(times["data_shown"] - started, 4),
                    }
                ),
                flush=True,
            )
            QTimer.singleShot(0, window.close)  # type: ignore[attr-defined]

    window.signals.data_shown.connect(on_data_shown)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    app.processEvents()
    times["window_shown"] = time.time()
    window.open_workspace()  # type: ignore[attr-defined]
    return int(app.exec())
