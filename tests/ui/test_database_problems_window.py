"""The window tells a database problem as what it is, never as a fault inside BidKit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    from bidkit.store.workspace import Workspace
    from bidkit.ui.app import build_window

    Workspace.open(workspace_dir).close()
    made: Any = build_window(workspace_dir)
    qtbot.addWidget(made)
    made.resize(1280, 820)
    made.show()
    made.open_workspace()
    qtbot.waitUntil(
        lambda: made.runner.workspace is not None and made.runner.pending == 0, timeout=10000
    )
    yield made
    made.close()


def _message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_a_full_disk_while_saving_is_explained(
    qtbot: QtBot, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bidkit.ops.organisations import create_organisation

    def commit(self: Any, dbapi_connection: Any) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(SQLiteDialect_pysqlite, "do_commit", commit)
    window.context.run_op(create_organisation, name="Greenway Trust")
    qtbot.waitUntil(lambda: bool(_message_boxes()), timeout=10000)
    [box] = _message_boxes()
    text = box.text()
    assert "is full" in text and "Free some space" in text
    assert "up to the last save is safe" in text
    assert "went wrong" not in text.lower() and "damaged" not in text
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_a_raw_database_error_reaching_the_window_is_still_explained(
    qtbot: QtBot, window: Any
) -> None:
    error = sqlite3.DatabaseError("file is not a database")
    error.sqlite_errorcode = sqlite3.SQLITE_NOTADB  # type: ignore[attr-defined]
    window.show_error(error)
    qtbot.waitUntil(lambda: bool(_message_boxes()), timeout=10000)
    [box] = _message_boxes()
    assert "is damaged" in box.text() and "backups" in box.text()
    assert "went wrong" not in box.text().lower()
    box.close()
