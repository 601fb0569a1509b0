"""File > Back up now, Restore… and Move workspace to a safe folder…: the window's side.

All run on the database worker. A restore replaces the workspace under the window, and a move
opens the copy, so the window reopens the workspace afterwards (every page reloads).
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
        window.banner.linkActivated.connect(self._on_banner_link)

    def take_daily_backup(self) -> None:
        """The day's backup, when due, as a quiet job queued behind the first page's data."""
        from bidkit.store.start_checks import take_daily_backup

        self.window.runner.run(lambda ws: take_daily_backup(ws.paths), quiet=True)

    def back_up_now(self) -> None:
        """A checked backup into the workspace's backups folder (works read-only too: a
        backup changes nothing in the workspace)."""
        from bidkit.ops.backups import back_up_now

        if self.window.runner.workspace is None:
            return
        info = self.window.info
        if info is not None and info.damaged:
            # A copy of a damaged database is no backup: say so before trying.
            self._tell(
                "cannotBackUpBox",
                self.tr(
                    "BidKit cannot back up a damaged workspace: a copy of the damage would be "
                    "no backup. Restore the newest good backup (File > Restore…)."
                ),
                QMessageBox.Icon.Warning,
            )
            return
        self.window.statusBar().showMessage(self.tr("Backing up…"))
        self.window.runner.run(back_up_now, self._backed_up)

    def _backed_up(self, changes: Any) -> None:
        self.window.statusBar().showMessage(changes.note, 8000)
        self._tell("backedUpBox", changes.note)

    def _tell(
        self, name: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information
    ) -> QMessageBox:
        box = QMessageBox(icon, APP_NAME, text, parent=self.window)
        box.setObjectName(name)
        box.open()
        return box

    def show_location_warning(self, warning: str) -> None:
        """The risky-place banner, with a link that moves the workspace."""
        from html import escape

        link = self.tr("Move it to a safe folder now")
        self.window.show_banner(f'{escape(warning)} <a href="move">{escape(link)}</a>', rich=True)

    def _on_banner_link(self, href: str) -> None:
        if href == "move":
            self.move_to_safe_folder()

    def move_to_safe_folder(self, target: Path | None = None) -> None:
        """Copy the workspace to a local folder (the default one if free) and open the copy;
        the old folder is left untouched."""
        from PySide6.QtWidgets import QFileDialog

        from bidkit.ops.backups import move_workspace
        from bidkit.paths import default_workspace_dir

        window = self.window
        if target is None:
            target = default_workspace_dir()
            if target.exists() and any(target.iterdir()):
                chosen = QFileDialog.getExistingDirectory(
                    window, self.tr("Choose an empty folder on this computer")
                )
                if not chosen:
                    return
                target = Path(chosen)
        window.flush_edits()
        old = window.workspace_root
        destination = target

        def job(ws: Any) -> Any:
            return move_workspace(old, destination)

        def done(_info: Any) -> None:
            window.switch_workspace(destination)
            window.statusBar().showMessage(
                self.tr(
                    "Workspace moved to {new}; the old folder {old} was left as it was."
                ).format(new=destination, old=old),
                15000,
            )

        window.statusBar().showMessage(self.tr("Moving the workspace…"))
        window.runner.run(job, done)

    def restore(self) -> None:
        """Choose a backup and put it back. The list is read on the worker: older single-file
        backups are checked on a copy as they are listed."""
        from bidkit.ops.backups import backups_of

        root = self.window.workspace_root
        # Only a read: quiet, so the status bar does not say "Saving…" meanwhile.
        self.window.statusBar().showMessage(self.tr("Reading the backups…"))
        self.window.runner.run(lambda _ws: backups_of(root), self._choose_backup, quiet=True)

    def _choose_backup(self, backups: Any) -> None:
        from bidkit.ui.restore_dialog import RestoreDialog

        self.window.statusBar().clearMessage()
        damaged = self.window.info is not None and bool(self.window.info.damaged)
        dialog = RestoreDialog(backups, self.window, damaged=damaged)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.restore_file(dialog.chosen)

    def restore_file(self, backup: Path) -> None:
        from bidkit.ops.backups import name_backup, restore_backup, show_created

        window = self.window
        root = window.workspace_root
        window.flush_edits()

        def job(ws: Any) -> Any:
            lock: Any = getattr(ws, "lock", None) or window.held_lock()
            return restore_backup(root, backup, lock=lock)

        def done(info: Any) -> None:
            window.switch_workspace(root)
            restored = self.tr("Restored the backup taken {when}").format(
                when=show_created(info.created)
            )
            window.statusBar().showMessage(restored, 10000)
            if info.undo_backup is not None:
                after = self.tr(
                    "To undo this restore, restore '{backup}' (File > Restore…)."
                ).format(backup=name_backup(info.undo_backup))
            elif info.set_aside is not None:
                after = self.tr(
                    "The damaged database was kept in {folder}, in case anything in it is "
                    "needed later."
                ).format(folder=info.set_aside)
            else:
                after = ""
            self._tell("restoredBox", f"{restored}. {after}".strip())

        window.statusBar().showMessage(self.tr("Checking and restoring the backup…"))
        window.runner.run(job, done)
