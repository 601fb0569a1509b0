"""Putting a backup back: checked completely first, the current state backed up, then swapped.

The order is what makes it safe. The backup is verified and unpacked into a scratch folder
inside the workspace (same disk, so the final moves are renames); a damaged or foreign backup is
refused there, with nothing changed. Then the current state is backed up, stored files the
backup needs are moved in (they are named by content, so this never changes a file a record
uses), and the database is replaced with one rename after its write-ahead log is folded in and
removed. A crash at any point leaves either the old database or the restored one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bidkit.errors import DatabaseDamaged, InputRefused
from bidkit.paths import DATABASE_NAME, WorkspacePaths
from bidkit.store.atomic import fsync_dir
from bidkit.store.backup import UnsoundBackup
from bidkit.store.backup_archive import DATABASE_MEMBER, BackupInfo, BackupRefused, verify_backup
from bidkit.store.legacy_backup import is_database_file, upgrade_unpacked, verify_database_backup
from bidkit.store.schema import KNOWN_REVISIONS

log = logging.getLogger(__name__)


def _check_revision(info: BackupInfo) -> None:
    if info.schema not in KNOWN_REVISIONS:
        raise BackupRefused(
            f"{info.path.name} was made by a newer version of BidKit (schema {info.schema}); "
            "install that version to restore it. Nothing was changed."
        )


def _readable_file(path: Path) -> None:
    if not path.exists():
        raise InputRefused(f"There is no backup at {path}. Check the name ('bidkit backups' "
                           "lists them).")  # fmt: skip
    if not path.is_file():
        raise InputRefused(f"{path} is not a backup file (it is a folder or a device).")
    if not os.access(path, os.R_OK):
        raise InputRefused(f"BidKit cannot read the backup {path}: check its permissions.")


def unpack_backup(backup: Path, into: Path) -> BackupInfo:
    """Verify `backup` and unpack it into the (new) folder `into`; refuses before writing.

    An older single-file backup is checked on a copy and upgraded to the current schema there.
    """
    _readable_file(backup)
    if not is_database_file(backup):
        info = verify_backup(backup, extract_to=into, scratch_in=into.parent)
        _check_revision(info)
        return info
    info = verify_database_backup(backup, extract_to=into, scratch_in=into.parent)
    try:
        upgrade_unpacked(into / DATABASE_MEMBER)
    except Exception as exc:  # any failure to upgrade it refuses it, with nothing replaced
        log.warning("older backup %s could not be upgraded", backup.name, exc_info=True)
        raise BackupRefused(
            f"{backup.name} is an older BidKit backup that could not be brought up to this "
            f"version ({type(exc).__name__}). Nothing was changed; choose another backup."
        ) from exc
    return info


def set_damaged_copy_aside(paths: WorkspacePaths) -> Path:
    """Keep a damaged database (and its log) in the backups folder before it is replaced."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = paths.backups / f"damaged-{stamp}"
    aside.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = Path(f"{paths.database}{suffix}")
        if source.exists():
            shutil.copy2(source, aside / f"{DATABASE_NAME}{suffix}")
    fsync_dir(aside)
    return aside


def _fold_in_log(database: Path) -> None:
    """Write the write-ahead log into the database and empty it (best effort on damage)."""
    with contextlib.suppress(sqlite3.Error):
        con = sqlite3.connect(database)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()


def swap_in(paths: WorkspacePaths, unpacked: Path) -> None:
    """Move the unpacked files, then the database, into the workspace."""
    files = unpacked / "files"
    if files.is_dir():
        for source in files.rglob("*"):
            if not source.is_file():
                continue
            target = paths.files / source.relative_to(files)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        fsync_dir(paths.files)
    _fold_in_log(paths.database)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{paths.database}{suffix}").unlink()
    os.replace(unpacked / DATABASE_MEMBER, paths.database)
    fsync_dir(paths.root)


@dataclass(frozen=True)
class RestoredBackup(BackupInfo):
    """The backup put back, and where the state before the restore was kept."""

    #: The backup of the workspace as it was before the restore: restoring it undoes this one.
    undo_backup: BackupInfo | None = None
    #: Where a damaged database was set aside instead (it could not be backed up).
    set_aside: Path | None = None


def restore_in_place(
    paths: WorkspacePaths, backup: Path, take_backup: Callable[[], BackupInfo]
) -> RestoredBackup:
    """Restore `backup` over the workspace at `paths` (whose lock the caller holds).

    `take_backup()` backs up the current state; when the current database is too damaged to
    back up, its raw files are set aside instead.
    """
    scratch = Path(tempfile.mkdtemp(prefix=".restore-", suffix=".tmp", dir=paths.root))
    try:
        unpacked = scratch / "unpacked"
        info = unpack_backup(backup, unpacked)
        undo: BackupInfo | None = None
        aside: Path | None = None
        try:
            undo = take_backup()
        except (DatabaseDamaged, UnsoundBackup):
            aside = set_damaged_copy_aside(paths)
            log.warning("current database damaged; its files were set aside in %s", aside)
        swap_in(paths, unpacked)
        log.info("restored %s (taken %s)", backup.name, info.created.isoformat())
        return RestoredBackup(
            info.path, info.created, info.reason, info.schema, info.size, info.rows,
            info.members, undo_backup=undo, set_aside=aside,
        )  # fmt: skip
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def restore_to_folder(backup: Path, folder: Path) -> BackupInfo:
    """Restore `backup` as a new workspace in `folder`, which must be empty or absent."""
    folder = folder.expanduser().resolve()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputRefused(
            f"{folder} is not an empty folder. Restore into a new or empty folder, so nothing "
            "there is overwritten."
        )
    folder.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".restore-", suffix=".tmp", dir=folder))
    try:
        unpacked = scratch / "unpacked"
        info = unpack_backup(backup, unpacked)
        paths = WorkspacePaths(folder)
        paths.create()
        swap_in(paths, unpacked)
        return info
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
