"""Backups of the whole workspace (database and stored files), written, verified and pruned.

The archive format and its checks live in `backup_archive`; the keeping rules in `retention`.
Automatic backups go to the workspace's backups folder as
`bidkit-YYYYMMDD-HHMMSS-<reason>.zip`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bidkit.errors import DiskFull, WorkspaceError
from bidkit.store import retention
from bidkit.store.backup_archive import BackupInfo, BackupRefused, read_info, write_backup
from bidkit.store.database_errors import explain

log = logging.getLogger(__name__)


class UnsoundBackup(WorkspaceError):
    """The database could not be copied soundly (it is damaged): no backup was written."""


_NAME = re.compile(r"^bidkit-(\d{8})-(\d{6})-(.+?)(?:-\d+)?\.(zip|sqlite3)$")


def integrity_problems(
    database: Path, *, quick: bool = False, foreign_keys: bool = True
) -> list[str]:
    """What `PRAGMA integrity_check` (or `quick_check`) and `foreign_key_check` report;
    empty when healthy."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [str(r[0]) for r in con.execute(f"PRAGMA {pragma}")]
        problems = [r for r in rows if r != "ok"]
        if foreign_keys:
            check = con.execute("PRAGMA foreign_key_check")
            problems += [f"foreign key: {tuple(r)}" for r in check]
        return problems
    finally:
        con.close()


def _space_needed(database: Path) -> int:
    total = 0
    with contextlib.suppress(OSError):
        total += database.stat().st_size
        for path in (database.parent / "files").rglob("*"):
            if path.is_file():
                total += path.stat().st_size
    return total


def disk_full_message(folder: Path, needed: int, what: str) -> str:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = 0
    return (
        f"The disk that holds {folder} is full, so BidKit could not {what}. It needs about "
        f"{needed / 1048576:.1f} MB free there and has {free / 1048576:.1f} MB. Free some space "
        "(empty the recycle bin, move large files elsewhere), then try again; nothing was "
        "changed."
    )


def backup_database(
    database: Path, backups_dir: Path, reason: str, target: Path | None = None
) -> Path:
    """Back up the workspace whose database is `database` (its stored files included).

    The backup goes to `target`, or to a new dated file in `backups_dir` (after which old
    automatic backups are pruned by the retention rules). A damaged database is refused: a
    copy of damage is no backup.
    """
    return back_up_workspace(database, backups_dir, reason, target).path


def back_up_workspace(
    database: Path,
    backups_dir: Path,
    reason: str,
    target: Path | None = None,
    *,
    prune: bool = True,
) -> BackupInfo:
    """`backup_database`, returning what the backup's manifest records. Without `prune` old
    backups are left for the next backup to tidy (for a BidKit that does not hold the lock:
    the holder may be choosing one of them to restore)."""
    if not database.is_file():
        raise WorkspaceError(f"There is no workspace database at {database} to back up.")
    # One moment for the file name and the manifest, so the list and the name agree.
    moment = datetime.now(UTC).replace(microsecond=0)
    if target is None:
        backups_dir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(moment.timestamp()))
        target = backups_dir / f"bidkit-{stamp}-{reason}.zip"
        counter = 1
        while target.exists():
            counter += 1
            target = backups_dir / f"bidkit-{stamp}-{reason}-{counter}.zip"
    try:
        info = write_backup(database, database.parent / "files", target, reason, moment)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise DiskFull(
                disk_full_message(target.parent, _space_needed(database), "write the backup")
            ) from exc
        raise WorkspaceError(
            f"BidKit could not write the backup {target}: {exc.strerror or exc}. Nothing was "
            "changed."
        ) from exc
    except (sqlite3.Error, BackupRefused) as exc:
        plain = explain(exc, database.parent) if isinstance(exc, sqlite3.Error) else None
        if plain is not None and not _is_damage(plain):
            raise plain from exc
        raise UnsoundBackup(
            "BidKit cannot back up a damaged workspace (a copy of the damage would be no "
            "backup), so it changed nothing. Restore the newest good backup: File > Restore… "
            "in the window, or 'bidkit backups' and 'bidkit restore FILE'.",
            detail=str(exc),
        ) from exc
    log.info("backup written: %s (%s)", target.name, reason)
    if prune and target.parent == backups_dir:
        prune_backups(backups_dir)
    return info


def _is_damage(error: Exception) -> bool:
    from bidkit.errors import DatabaseDamaged

    return isinstance(error, DatabaseDamaged)


@dataclass(frozen=True)
class BackupListing:
    """One file in the backups folder, as `bidkit backups` lists it."""

    path: Path
    created: datetime
    reason: str
    size: int
    #: Checked completely when it was written (every backup in the current format is).
    verified: bool
    #: Why it cannot be used, for a damaged or foreign file; empty otherwise.
    problem: str = ""


def backup_name_parts(path: Path) -> tuple[datetime, str] | None:
    """(when taken, why) from a backup's file name; None for another name."""
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        local = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return local.astimezone(UTC), match.group(3)


def list_backups(backups_dir: Path, *, check_older: bool = False) -> list[BackupListing]:
    """Every backup in the folder, newest first; older single-file database copies too.

    Older copies have no manifest to read: with `check_older` (the lists a user chooses a
    backup from) each is checked on a copy (`legacy_backup`) and listed as verified or with
    its problem; otherwise it is listed as not verified.
    """
    from bidkit.store.legacy_backup import verify_database_backup

    found: list[BackupListing] = []
    if not backups_dir.is_dir():
        return found
    for path in backups_dir.iterdir():
        named = backup_name_parts(path)
        if named is None or not path.is_file():
            continue
        created, reason = named
        size = path.stat().st_size
        if path.suffix == ".sqlite3":
            problem = ""
            if check_older:
                try:
                    verify_database_backup(path)
                except BackupRefused as exc:
                    problem = exc.message
            found.append(BackupListing(path, created, reason, size, check_older and not problem,
                                       problem))  # fmt: skip
            continue
        try:
            info: BackupInfo = read_info(path)
        except BackupRefused as exc:
            found.append(BackupListing(path, created, reason, size, False, exc.message))
            continue
        found.append(BackupListing(path, info.created, info.reason, size, verified=True))
    found.sort(key=lambda b: b.created, reverse=True)
    return found


def newest_good_backup(backups_dir: Path) -> BackupListing | None:
    return next((b for b in list_backups(backups_dir) if not b.problem), None)


def prune_backups(backups_dir: Path, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the retention rules no longer keep; returns them."""
    listing = [
        retention.Dated(b.path, b.created, b.reason)
        for b in list_backups(backups_dir)
        if not b.problem
    ]
    doomed = retention.backups_to_remove(listing, now or datetime.now(UTC))
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
    return doomed


def remove_stray_temporary_files(backups_dir: Path) -> int:
    """Remove what an interrupted backup or restore left behind; only the lock holder calls
    this, so no other BidKit is writing there. Returns how many were removed."""
    removed = 0
    if not backups_dir.is_dir():
        return 0
    for path in backups_dir.iterdir():
        if (path.name.startswith(".") and path.name.endswith(".tmp")) or path.suffix == ".partial":
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
            removed += 1
    return removed
