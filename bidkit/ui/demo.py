"""Exploring the demo: a separate workspace folder filled with a realistic example.

The demo never mixes with the user's own data. It lives in its own folder beside the user's
workspace (`<workspace>-demo`), is filled on the database worker the first time it is opened, and
the window then switches to it. File ▸ Open workspace folder goes back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from bidkit.ui.context import WorkspaceInfo
    from bidkit.ui.main_window import MainWindow

DEMO_SUFFIX = "-demo"


def demo_workspace_dir(current_root: Path) -> Path:
    """The demo folder that belongs with `current_root` (itself, when that is the demo)."""
    if current_root.name.endswith(DEMO_SUFFIX):
        return current_root
    return current_root.with_name(current_root.name + DEMO_SUFFIX)


def prepare_demo_workspace(root: Path) -> bool:
    """Fill the demo workspace at `root` if it is empty; runs on the database worker.

    The demo workspace is opened and closed here, so its lock is free again by the time the
    window switches to it. A demo the user has already explored is left as they left it.
    Returns whether it was filled. (Not the `Changes`: those ids belong to the demo, and the
    pages still show the workspace the window has open.)
    """
    from bidkit.ops.demo import seed_demo
    from bidkit.ops.organisations import organisation_count
    from bidkit.store.workspace import Workspace

    ws = Workspace.open(root, kind="window")
    try:
        if organisation_count(ws):
            return False
        seed_demo(ws, force=True)
        return True
    finally:
        ws.close()


def _tr(text: str) -> str:
    return QCoreApplication.translate("DemoWorkspace", text)


def open_demo(window: MainWindow) -> None:
    """Switch `window` to the demo workspace, filling it first if it is new."""
    demo_root = demo_workspace_dir(window.workspace_root)
    context = window.context
    if demo_root == window.workspace_root and window.runner.workspace is not None:
        window.navigate("organisations", None)
        context.report(_tr("You are already exploring the demo workspace."))
        return

    def announce(info: WorkspaceInfo) -> None:
        context.signals.workspace_opened.disconnect(announce)
        if info.root != demo_root:
            return
        context.report(
            _tr(
                "You are exploring the demo workspace. Use File ▸ Open workspace folder to go "
                "back to your own."
            )
        )

    def switch(_result: object) -> None:
        context.signals.workspace_opened.connect(announce)
        window.switch_workspace(demo_root)

    context.report(_tr("Preparing the demo workspace…"))
    window.runner.run(
        lambda _workspace: prepare_demo_workspace(demo_root),
        switch,
        context.signals.error.emit,
    )
