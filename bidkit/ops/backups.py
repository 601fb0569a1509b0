"""Backing up and restoring a workspace, from the window and the `bidkit` command.

A backup is one zip (database, stored files, SHA-256 manifest), verified before it gets its
name. Restoring checks the backup completely, backs up the current state, then swaps; see
`bidkit.store.restore`. Restoring works on a damaged workspace too: that is when it is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bidkit.errors import InputRefused, WorkspaceError, WorkspaceLocked
from bidkit.ops.changes import Changes
from bidkit.paths import WorkspacePaths
from bidkit.profile.values import format_datetime
from bidkit.store.backup import (
    BackupListing,
    back_up_workspace,
    backup_database,
    list_backups,
)
from bidkit.store.backup_archive import BackupInfo
from bidkit.store.database_errors import plain_database_errors
from bidkit.store.identity import IDENTITY_REVISION, keep_namespace, read_namespace
from bidkit.store.lock import WorkspaceLock
from bidkit.store.restore import RestoredBackup, restore_in_place, restore_to_folder
from bidkit.store.schema import KNOWN_REVISIONS
from bidkit.store.workspace import Workspace

#: What the reasons recorded in backup names mean, for the list a user chooses from.
REASON_LABELS = {
    "manual": "Backed up by you",
    "daily": "Daily backup",
    "before-restore": "Before a restore",
    "before-demo": "Before replacing with the demo",
    "before-delete-bid": "Before deleting a bid",
    "before-delete-evidence": "Before deleting a library item",
}


def describe_reason(reason: str) -> str:
    if reason in REASON_LABELS:
        return REASON_LABELS[reason]
    if reason.startswith("before-delete-org"):
        return "Before deleting an organisation"
    if reason.startswith("before-upgrade"):
        return "Before upgrading to this version of BidKit"
    if reason.startswith("before"):
        return reason.replace("-", " ").capitalize()
    return reason


def show_created(moment: datetime) -> str:
    """When a backup was taken, to the second: several can be taken within a minute."""
    return format_datetime(moment, seconds=True)


def name_backup(info: BackupInfo) -> str:
    """A backup as the Restore list shows it: "Before a restore, 03/12/2026 07:04:12"."""
    return f"{describe_reason(info.reason)}, {show_created(info.created)}"


def show_size(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, size // 1024)} KB"


def back_up_now(ws: Workspace, target: Path | None = None) -> Changes:
    """A backup taken on request: into the backups folder, or to the file `target`."""
    if target is not None:
        target = _checked_target(Path(target))
    path = ws.backup("manual", target)
    size = show_size(path.stat().st_size)
    return Changes(note=f"Backed up to {path} ({size}), checked after writing")


@dataclass(frozen=True)
class BackupTaken:
    """A backup `bidkit backup` took, and whether old backups were tidied after it."""

    info: BackupInfo
    #: Why old automatic backups were not tidied after it ("" when they were, or need not be).
    not_pruned: str = ""

    @property
    def note(self) -> str:
        note = f"Backed up to {self.info.path} ({show_size(self.info.size)}), checked after writing"
        if self.not_pruned:
            note += (
                f". {self.not_pruned}, so old automatic backups were left for the next backup "
                "to tidy"
            )
        return note

    def as_json(self) -> dict[str, object]:
        return {"file": str(self.info.path), "size": self.info.size, "verified": True,
                "created": self.info.created.isoformat(), "reason": self.info.reason,
                "note": self.note}  # fmt: skip


def back_up_workspace_at(
    root: Path, target: Path | None = None, *, read_only: bool = False
) -> BackupTaken:
    """`bidkit backup`: take the writer lock when it is free (running the start checks, but
    no daily backup: this backup is the day's); when another BidKit holds it, or with
    `read_only`, back up alongside it. A backup only reads the database (SQLite's backup
    API gives a consistent copy while a writer works), so that is safe; only tidying old
    backups waits for a BidKit holding the lock."""
    if target is not None:
        target = _checked_target(Path(target))
    paths = WorkspacePaths(Path(root))
    why = "The workspace was opened read-only"
    if not read_only:
        try:
            ws = Workspace.open(paths.root, kind="command", start_checks=True, daily_backup=False)
        except WorkspaceLocked:
            why = "Another BidKit has this workspace open"
        else:
            with ws, plain_database_errors(paths.root):
                info = back_up_workspace(paths.database, paths.backups, "manual", target)
            return BackupTaken(info)
    if not paths.database.is_file():
        raise WorkspaceError(f"There is no workspace database at {paths.database} to back up.")
    with plain_database_errors(paths.root, writing=False):
        info = back_up_workspace(paths.database, paths.backups, "manual", target, prune=False)
    return BackupTaken(info, "" if target is not None else why)


def _checked_target(target: Path) -> Path:
    target = target.expanduser()
    if target.is_dir():
        raise InputRefused(
            f"{target} is a folder; give a file name for the backup, e.g. {target}/bidkit.zip."
        )
    if target.suffix.lower() != ".zip":
        raise InputRefused(f"A backup is a .zip file: name it {target.with_suffix('.zip').name}.")
    if not target.parent.is_dir():
        raise InputRefused(f"The folder {target.parent} does not exist; create it first.")
    return target


def backups_of(root: Path) -> list[BackupListing]:
    """The backups in a workspace's backups folder, newest first (reads only); older
    single-file backups are checked on a copy, so the list says which can be restored."""
    return list_backups(WorkspacePaths(root).backups, check_older=True)


def backup_format(backup: BackupListing) -> str:
    """ "zip" (database, stored files and manifest) or "database" (an older single file)."""
    return "database" if backup.path.suffix == ".sqlite3" else "zip"


def restore_backup(root: Path, backup: Path, lock: WorkspaceLock | None = None) -> RestoredBackup:
    """Restore `backup` over the workspace at `root`, after backing up what is there.

    Works on a damaged workspace (it does not open the database first). The caller may pass
    the lock it already holds (the window); otherwise it is taken here. Afterwards the
    workspace is opened once, so a backup from an older BidKit is upgraded. The result names
    the backup of the state before the restore (`undo_backup`), which undoes it.
    """
    paths = WorkspacePaths(root)
    paths.create()
    own_lock = lock is None
    lock = lock or WorkspaceLock(paths.lock, kind="command")
    with plain_database_errors(paths.root, os_errors=True):
        lock.acquire()  # a no-op when the caller holds it
        try:
            namespace = read_namespace(paths.database)
            info = restore_in_place(
                paths,
                Path(backup),
                lambda: back_up_workspace(paths.database, paths.backups, "before-restore"),
            )
            restored = Workspace.open(root, lock=lock)
            try:
                if namespace and _predates_identity(info.schema):
                    # The backup's upgrade made a new id; calendars already imported and
                    # portal logins kept use the one this workspace had.
                    keep_namespace(restored, namespace)
            finally:
                restored.engine.dispose()
        finally:
            if own_lock:
                lock.release()
    return info


def _predates_identity(revision: str) -> bool:
    return revision in KNOWN_REVISIONS and KNOWN_REVISIONS.index(revision) < KNOWN_REVISIONS.index(
        IDENTITY_REVISION
    )


def restore_backup_to(backup: Path, folder: Path) -> BackupInfo:
    """Restore `backup` as a new workspace in an empty `folder`."""
    info = restore_to_folder(Path(backup), Path(folder))
    Workspace.open(Path(folder)).close()
    return info


def move_workspace(root: Path, target: Path) -> BackupInfo:
    """Copy the workspace at `root` into the empty folder `target` through a checked backup
    (database, stored files), with its backups; the old folder is left as it was.

    The caller holds the old workspace's lock, so nothing changes it meanwhile.
    """
    import shutil
    import tempfile

    from bidkit.store.location import risky_location

    target = Path(target).expanduser().resolve()
    why = risky_location(target)
    if why is not None:
        raise InputRefused(f"{target} is {why} too; choose a folder on this computer.")
    paths = WorkspacePaths(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bidkit-move-", dir=target.parent) as scratch:
        archive = Path(scratch) / "workspace.zip"
        backup_database(paths.database, paths.backups, "move", target=archive)
        info = restore_to_folder(archive, target)
    for old in paths.backups.glob("bidkit-*.zip"):
        shutil.copy2(old, WorkspacePaths(target).backups / old.name)
    Workspace.open(target).close()
    return info
