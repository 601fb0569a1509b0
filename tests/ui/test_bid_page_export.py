"""File ▸ Export bid… from a bid's own page exports that bid."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path, tmp_path: Path) -> Iterator[Any]:
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace
    from bidkit.ui.app import build_window

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    made: Any = build_window(workspace_dir)
    qtbot.addWidget(made)
    made.show()
    made.open_workspace()
    qtbot.waitUntil(lambda: made.runner.workspace is not None and made.runner.pending == 0)
    yield made
    made.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_export_from_a_bid_page_starts_on_that_bid(qtbot: QtBot, window: Any) -> None:
    from bidkit.ui.export.export_dialog import ExportDialog

    bids = window.pages["bids"]
    window.navigate("bids", None)
    qtbot.waitUntil(lambda: bids.model.rowCount() > 0)
    with_forms = [row.id for row in bids.model.rows if row.title == "Community Connectors Service"]
    window.navigate("bids", with_forms[0])
    qtbot.waitUntil(lambda: bids.bid_id == with_forms[0])
    window.action_export.trigger()
    dialog = window.findChildren(ExportDialog)[-1]
    qtbot.waitUntil(lambda: dialog.bid_combo.count() > 0)
    assert dialog.bid_id() == with_forms[0]
    dialog.reject()
    window.navigate("bids", None)
    bids.show_list()
    assert bids.bid_id is None
