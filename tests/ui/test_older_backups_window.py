"""File > Restore… lists a backup from before the zip format as checked, and restores it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from bidkit.ops.backups import backups_of
from bidkit.paths import WorkspacePaths
from tests.store.test_older_backups import OLD_NAME, make_old_backup
from tests.ui.window_driver import on_worker, open_window, settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_restore_list_shows_an_older_backup_checked_and_it_restores(
    qtbot: QtBot, workspace_dir: Path, qtmodeltester: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bidkit.ops.organisations import list_organisations
    from bidkit.ui.restore_dialog import RestoreDialog

    window = open_window(qtbot, workspace_dir, demo=True, size=(1024, 700))
    old = make_old_backup(WorkspacePaths(workspace_dir).backups)
    (WorkspacePaths(workspace_dir).backups / "bidkit-20250101-101010-daily.sqlite3").write_bytes(
        b"not a database"
    )
    shown: list[RestoreDialog] = []

    def look(dialog: RestoreDialog) -> int:
        shown.append(dialog)
        return int(RestoreDialog.DialogCode.Rejected)

    monkeypatch.setattr(RestoreDialog, "exec", look)
    window.backup_actions.restore()  # the list is read (and checked) on the worker
    settle(qtbot, window)
    [dialog] = shown
    qtmodeltester.check(dialog.model)
    model = dialog.model
    rows = {model.backups[r].path.name: r for r in range(model.rowCount())}
    older = rows[OLD_NAME]
    assert model.index(older, 3).data() == "Checked (older format)"
    assert "database only" in model.index(older, 0).data(3)  # the tooltip says what it holds
    assert model.flags(model.index(older, 0)).value != 0
    bad = rows["bidkit-20250101-101010-daily.sqlite3"]
    assert model.index(bad, 3).data() == "Cannot be used"
    assert model.flags(model.index(bad, 0)).value == 0

    window.backup_actions.restore_file(old)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.info is not None and not window.info.read_only, timeout=15000)
    names = [o.name for o in on_worker(qtbot, window, list_organisations)]
    assert "Riverside As It Was CIC" in names
    window.close()
    assert [b for b in backups_of(workspace_dir) if b.reason == "before-restore"]
