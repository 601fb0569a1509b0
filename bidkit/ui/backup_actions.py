"""File > Back up now… and File > Restore…: the window's side of backups.

Both run on the database worker. A restore replaces the workspace under the window, so the
window reopens the workspace afterwards (every page reloads).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from bidkit import APP_NAME

if TYPE_CHECKING:
    from bidkit.ui.main_window import MainWindow


class BackupActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def back_up_now(self) -> None:
        """A checked backup into the workspace's backups folder (works read-only too: a
        backup changes nothing in the workspace)."""
        from bidkit.ops.backups import back_up_now

        if self.window.runner.workspace is None:
            return
        self.window.statusBar().showMessage(self.tr("Backing up…"))
        self.window.runner.run(back_up_now, self._backed_up)

    def _backed_up(self, changes: Any) -> None:
        self.window.statusBar().showMessage(changes.note, 8000)
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, changes.note, parent=self.window)
        box.setObjectName("backedUpBox")
        box.open()

    def restore(self) -> None:
        """Choose a backup and put it back."""
        from bidkit.ops.backups import backups_of
        from bidkit.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(backups_of(self.window.workspace_root), self.window)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.restore_file(dialog.chosen)

    def restore_file(self, backup: Path) -> None:
        from bidkit.ops.backups import restore_backup, show_created

        window = self.window
        root = window.workspace_root
        window.flush_edits()

        def job(ws: Any) -> Any:
            lock: Any = getattr(ws, "lock", None) or window.held_lock()
            return restore_backup(root, backup, lock=lock)

        def done(info: Any) -> None:
            window.switch_workspace(root)
            window.statusBar().showMessage(
                self.tr("Restored the backup taken {when}").format(when=show_created(info.created)),
                10000,
            )

        window.statusBar().showMessage(self.tr("Checking and restoring the backup…"))
        window.runner.run(job, done)
