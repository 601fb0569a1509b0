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
from typing import TYPE_CHECKING, Any

PROBE_ENV = "BIDKIT_STARTUP_PROBE"

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def _uses_no_pyside_features(_module: object) -> bool:
    return False


def skip_pyside_feature_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    PySide6 checks each newly imported module for `from __feature__ import ...` (its opt-in
    snake_case and true_property modes) by reading the module's whole source file, which
    made importing the database libraries and BidKit's pages about a fifth slower. BidKit
    uses no such feature, so every module is marked as not using one ("ignore this module",
    which leaves Qt's names as they are). Nothing is changed if PySide6 works differently.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_pyside_features  # type: ignore[attr-defined]


def create_application(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    skip_pyside_feature_scan()

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName("BidKit")
    app.setOrganizationName("BidKit")
    app.setApplicationDisplayName("BidKit")
    from bidkit import __version__

    app.setApplicationVersion(__version__)
    from bidkit.ui.plural_forms import install_plural_forms

    install_plural_forms(app)
    try:
        from bidkit.resources import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "bidkit.png"))))
        style = resource_path("style.qss")
        if style.exists():
            app.setStyleSheet(style.read_text(encoding="utf-8"))
    except (RuntimeError, OSError):
        pass  # the window works without its icon and stylesheet
    return app


def build_window(workspace_root: Path, *, read_only: bool = False, lock: object = None) -> Any:
    """The main window with every page, ready to open `workspace_root`."""
    window = build_shell(workspace_root, read_only=read_only, lock=lock)
    finish_window(window)
    build_organisations_page(window)
    return window


def build_organisations_page(window: Any) -> None:
    """Build the Organisations page now (it is built on first use otherwise): its commands
    belong in the File menu from the start."""
    window.pages.get("organisations")


def build_shell(workspace_root: Path, *, read_only: bool = False, lock: object = None) -> Any:
    """The window's frame (menus, navigation, status bar): quick to build, shown first."""
    from bidkit.ui.main_window import MainWindow

    return MainWindow(workspace_root, read_only=read_only, lock=lock)


def finish_window(window: Any) -> None:
    """Add the pages, and listen for a second BidKit asking this window to come forward."""
    from bidkit.ui.pages import install_pages
    from bidkit.ui.single_instance import InstanceServer

    if not window.read_only:
        window.instance_server = InstanceServer(window.workspace_root, window)
        window.instance_server.raise_requested.connect(window.bring_forward)
    install_pages(window)


def _import_database_code(_workspace: object) -> None:
    import bidkit.ops.bid_overview
    import bidkit.ops.organisations
    import bidkit.store.workspace  # noqa: F401


def _import_page_code() -> None:
    """Import the pages built on their first visit, once the first data is on screen: the
    start does not wait for their code, and a first visit only has to build its page."""
    import bidkit.ui.pages.bids
    import bidkit.ui.pages.library
    import bidkit.ui.pages.questionnaires  # noqa: F401


def run_window(
    data_dir: str | None = None, read_only: bool = False, pack: str | None = None
) -> int:
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

    window = build_shell(root, read_only=read_only, lock=lock)
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
            QTimer.singleShot(0, window.close)
        else:
            QTimer.singleShot(0, lambda: build_organisations_page(window))
            QTimer.singleShot(0, _import_page_code)
            if pack is not None:  # `bidkit FILE.bidpack`: open it as File > Open pack would
                QTimer.singleShot(0, lambda: window.open_pack(pack))

    window.signals.data_shown.connect(on_data_shown)
    window.show()
    app.processEvents()
    times["window_shown"] = time.time()
    finish_window(window)
    window.look_first()
    # The database libraries are imported on the worker only now, while the window waits for
    # events. Importing is Python work under the one interpreter lock: importing them while
    # the window is shown and the pages built made both slower (each Qt call that lets the
    # lock go waits for the worker to hand it back), not quicker. The workspace opens on the
    # same worker right after.
    window.runner.run(_import_database_code, quiet=True)
    window.open_workspace()
    return int(app.exec())
