"""File > Back up now and File > Restore…, and a damaged workspace opened read-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from bidkit.ops.backups import backups_of
from bidkit.store.backup import list_backups
from tests.ui.window_driver import on_worker, open_window, settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def _org_count(qtbot: QtBot, window: Any) -> int:
    from bidkit.ops.organisations import organisation_count

    return int(on_worker(qtbot, window, organisation_count))


def test_back_up_now_writes_a_checked_backup(qtbot: QtBot, workspace_dir: Path) -> None:
    window = open_window(qtbot, workspace_dir, demo=True)
    assert window.action_back_up in window.file_menu.actions()
    window.action_back_up.trigger()
    qtbot.waitUntil(lambda: bool(_boxes()), timeout=15000)
    [box] = _boxes()
    assert "checked after writing" in box.text()
    box.close()
    assert "manual" in [b.reason for b in list_backups(workspace_dir / "backups")]
    window.close()


def test_restore_puts_the_workspace_back_and_the_window_reloads(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    from bidkit.ops.organisations import create_organisation

    window = open_window(qtbot, workspace_dir, demo=True)
    path = on_worker(qtbot, window, lambda ws: ws.backup("manual"))
    window.context.run_op(create_organisation, name="Added after the backup")
    settle(qtbot, window)
    assert _org_count(qtbot, window) == 4
    window.backup_actions.restore_file(path)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.info is not None and not window.info.read_only, timeout=10000)
    assert _org_count(qtbot, window) == 3
    assert "before-restore" in [b.reason for b in list_backups(workspace_dir / "backups")]
    assert "Restored the backup taken" in window.statusBar().currentMessage()
    [box] = _boxes()
    assert box.objectName() == "restoredBox" and "To undo this restore" in box.text()
    box.close()
    window.close()


def test_a_damaged_workspace_opens_read_only_with_a_way_back(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace
    from bidkit.ui.app import build_window

    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
        good = ws.backup("manual")
    database = workspace_dir / "bidkit.sqlite3"
    data = bytearray(database.read_bytes())
    # Damage the index pages near the end, leaving the tables the dashboard reads readable.
    for at in range(len(data) - 8192, len(data) - 4096):
        data[at] ^= 0x5A
    database.write_bytes(bytes(data))
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.open_workspace()
    qtbot.waitUntil(lambda: window.info is not None or bool(_boxes()), timeout=15000)
    if window.info is not None:
        assert window.info.read_only and window.context.read_only
        assert window.banner.isVisible() and "is damaged" in window.banner.text()
        assert "File > Restore" in window.banner.text()
    else:  # too damaged even to read: the message says what to do
        [box] = _boxes()
        assert "is damaged" in box.text() and good.name in box.text()
        box.close()
    window.backup_actions.restore_file(good)
    qtbot.waitUntil(
        lambda: (
            window.info is not None and not window.info.read_only and window.runner.pending == 0
        ),
        timeout=15000,
    )
    assert not window.banner.isVisible()
    assert _org_count(qtbot, window) == 3
    for box in _boxes():
        box.close()
    window.close()


def test_restore_dialog_lists_backups_by_date_and_reason(
    qtbot: QtBot, workspace_dir: Path, qtmodeltester: Any
) -> None:
    from bidkit.store.workspace import Workspace
    from bidkit.ui.restore_dialog import RestoreDialog

    with Workspace.open(workspace_dir) as ws:
        ws.backup("manual")
        ws.backup("before-delete-org-2")
    (workspace_dir / "backups" / "bidkit-20260101-101010-daily.zip").write_bytes(b"not a zip")
    dialog = RestoreDialog(backups_of(workspace_dir))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    rows = [
        [dialog.model.index(r, c).data() for c in range(4)] for r in range(dialog.model.rowCount())
    ]
    whys = [r[1] for r in rows]
    assert "Backed up by you" in whys and "Before deleting an organisation" in whys
    assert rows[-1][3] == "Cannot be used" and rows[-1][1] == "Daily backup"
    assert dialog.restore_button.isEnabled()
    assert dialog.model.flags(dialog.model.index(len(rows) - 1, 0)).value == 0


def test_a_workspace_in_a_synced_folder_is_warned_about_and_moved_in_one_click(
    qtbot: QtBot, tmp_path: Path
) -> None:
    synced = tmp_path / "OneDrive" / "BidKit"
    window = open_window(qtbot, synced, demo=True)
    assert window.banner.isVisible() and "synced by OneDrive" in window.banner.text()
    assert 'href="move"' in window.banner.text()
    target = tmp_path / "local" / "BidKit"
    window.backup_actions.move_to_safe_folder(target)
    qtbot.waitUntil(lambda: window.workspace_root == target, timeout=15000)
    settle(qtbot, window)
    assert not window.banner.isVisible()
    assert _org_count(qtbot, window) == 3
    assert (synced / "bidkit.sqlite3").exists()  # the old folder is left as it was
    window.close()


def test_a_bids_portal_login_is_kept_in_the_keyring_from_the_bid_page(
    qtbot: QtBot, workspace_dir: Path, memory_keyring: Any
) -> None:
    from PySide6.QtWidgets import QLineEdit

    from bidkit.ui.bids.portal_login_dialog import PortalLoginDialog

    window = open_window(qtbot, workspace_dir, demo=True)
    window.navigate("bids", 1)
    settle(qtbot, window)
    view = window.pages["bids"].view
    assert view.bid_id == 1
    view.portal_login.click()
    qtbot.waitUntil(
        lambda: any(isinstance(w, PortalLoginDialog) and w.isVisible()
                    for w in QApplication.topLevelWidgets()), timeout=5000,
    )  # fmt: skip
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PortalLoginDialog))
    qtbot.waitUntil(lambda: "No login" in dialog.state.text(), timeout=5000)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    dialog.site.setText("https://procontract.example")
    dialog.user.setText("bids@riverside.example")
    dialog.password.setText("canary-password-in-dialog")
    dialog._save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert any("canary-password-in-dialog" in v for v in memory_keyring.store.values())
    again = PortalLoginDialog(window.context, 1, window)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.password.text() == "canary-password-in-dialog", timeout=5000)
    window.close()


def test_personal_data_dialog_exports_then_erases_a_person(
    qtbot: QtBot, workspace_dir: Path, tmp_path: Path
) -> None:
    from bidkit.ops.personal_data import find_person
    from bidkit.ui.personal_data_dialog import PersonalDataDialog

    window = open_window(qtbot, workspace_dir, demo=True)
    assert window.action_personal_data in window.file_menu.actions()
    dialog = PersonalDataDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Joanne Clarke")
    dialog.export_to(tmp_path / "joanne.json")
    qtbot.waitUntil(lambda: "records about Joanne Clarke" in dialog.state.text(), timeout=10000)
    assert (tmp_path / "joanne.txt").exists()
    dialog.erase(confirmed=True)
    qtbot.waitUntil(lambda: "Erased Joanne Clarke" in dialog.state.text(), timeout=15000)
    settle(qtbot, window)
    assert on_worker(qtbot, window, lambda ws: find_person(ws, "Joanne Clarke").mentions) == []
    window.close()


def test_the_window_takes_the_days_backup_in_the_background(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window = open_window(qtbot, workspace_dir, demo=True)
    settle(qtbot, window)
    assert [b.reason for b in list_backups(workspace_dir / "backups")] == ["daily"]
    window.close()
