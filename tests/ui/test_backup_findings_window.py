"""What a new user found in the window's backups and restore: plain refusals, honest
confirmations, the undo named after a restore, and no "Saving…" while the list is read."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from bidkit.ops.backups import backups_of
from bidkit.store.backup import list_backups
from tests.ui.window_driver import on_worker, open_window, settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _box(name: str) -> QMessageBox | None:
    return next(
        (w for w in QApplication.topLevelWidgets()
         if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == name), None,
    )  # fmt: skip


def _open_damaged(qtbot: QtBot, root: Path) -> tuple[Any, Path]:
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace

    with Workspace.open(root) as ws:
        seed_demo(ws, force=False)
        good = ws.backup("manual")
    database = root / "bidkit.sqlite3"
    data = bytearray(database.read_bytes())
    for at in range(len(data) - 8192, len(data) - 4096):  # index pages, tables still readable
        data[at] ^= 0x5A
    database.write_bytes(bytes(data))
    window = open_window(qtbot, root, size=(1024, 700))
    assert window.info is not None and window.info.damaged
    return window, good


def test_back_up_now_asks_nothing_so_has_no_ellipsis(qtbot: QtBot, workspace_dir: Path) -> None:
    window = open_window(qtbot, workspace_dir, demo=True)
    assert window.action_back_up.text().replace("&", "") == "Back up now"
    window.close()


def test_a_damaged_workspace_is_not_backed_up_and_the_message_is_plain(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, _good = _open_damaged(qtbot, workspace_dir)
    before = sorted(p.name for p in (workspace_dir / "backups").iterdir())
    window.action_back_up.trigger()
    qtbot.waitUntil(lambda: _box("cannotBackUpBox") is not None, timeout=5000)
    box = _box("cannotBackUpBox")
    assert box is not None
    text = box.text()
    assert "cannot back up a damaged workspace" in text and "File > Restore" in text
    assert ".tmp" not in text and "choose another backup" not in text
    box.close()
    settle(qtbot, window)
    assert sorted(p.name for p in (workspace_dir / "backups").iterdir()) == before
    window.close()


def test_restoring_over_a_damaged_workspace_says_it_is_kept_aside(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    from bidkit.ui.restore_dialog import RestoreDialog

    window, good = _open_damaged(qtbot, workspace_dir)
    dialog = RestoreDialog(backups_of(workspace_dir), window, damaged=True)
    qtbot.addWidget(dialog)
    consequence = dialog.consequence()
    assert "damaged-<date>" in consequence and "backed up first" not in consequence
    plain = RestoreDialog(backups_of(workspace_dir), window)
    qtbot.addWidget(plain)
    assert "backed up first" in plain.consequence()
    window.backup_actions.restore_file(good)
    qtbot.waitUntil(lambda: _box("restoredBox") is not None, timeout=15000)
    box = _box("restoredBox")
    assert box is not None and "damaged-" in box.text() and "kept" in box.text()
    box.close()
    settle(qtbot, window)
    window.close()


def test_a_restore_names_the_backup_that_undoes_it(qtbot: QtBot, workspace_dir: Path) -> None:
    window = open_window(qtbot, workspace_dir, demo=True, size=(1024, 700))
    path = on_worker(qtbot, window, lambda ws: ws.backup("manual"))
    window.backup_actions.restore_file(path)
    qtbot.waitUntil(lambda: _box("restoredBox") is not None, timeout=15000)
    box = _box("restoredBox")
    assert box is not None
    match = re.search(r"To undo this restore, restore 'Before a restore, (\S+ \S+)'", box.text())
    assert match and re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", match.group(1))
    assert "before-restore" in [b.reason for b in list_backups(workspace_dir / "backups")]
    box.close()
    settle(qtbot, window)
    window.close()


def test_reading_the_restore_list_does_not_say_saving(
    qtbot: QtBot, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, workspace_dir, demo=True)
    on_worker(qtbot, window, lambda ws: ws.backup("manual"))
    shown: list[Any] = []
    saving: list[str] = []
    window.runner.busy_changed.connect(lambda busy: saving.append(window.save_state.text()))
    monkeypatch.setattr(window.backup_actions, "_choose_backup", shown.append)
    window.action_restore.trigger()
    assert "Reading the backups" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert not any("Saving" in text for text in saving)
    assert window.save_state.text() == "All changes saved"
    window.close()


def test_the_restore_list_shows_seconds(qtbot: QtBot, workspace_dir: Path) -> None:
    from bidkit.store.workspace import Workspace
    from bidkit.ui.restore_dialog import RestoreDialog

    with Workspace.open(workspace_dir) as ws:
        ws.backup("manual")
        ws.backup("manual")
    dialog = RestoreDialog(backups_of(workspace_dir))
    qtbot.addWidget(dialog)
    taken = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert len(taken) == 2
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", t) for t in taken)


def test_the_dashboard_lists_a_missing_stored_file_among_evidence_warnings(
    qtbot: QtBot, workspace_dir: Path, tmp_path: Path
) -> None:
    from bidkit.ops import evidence
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace

    attached = tmp_path / "signed-letter.pdf"
    attached.write_bytes(b"%PDF-1.4 a letter")
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
        evidence.attach_evidence_file(ws, 1, attached)
    stored = [p for p in (workspace_dir / "files").rglob("*") if p.is_file()]
    next(p for p in stored if p.read_bytes() == attached.read_bytes()).unlink()
    window = open_window(qtbot, workspace_dir, size=(1024, 700))
    window.navigate("dashboard")
    settle(qtbot, window)
    page = window.pages["dashboard"]
    lines = [page.expiring.item(r).text() for r in range(page.expiring.count())]
    [line] = [text for text in lines if "is missing" in text]
    assert "signed-letter.pdf (library item 1 '" in line and "attach it again" in line
    assert page.expiring.item(lines.index(line)).data(256) == ("library", 1)
    window.close()
