"""What a writer does first when it opens a workspace: tidy, check, and take the daily backup.

- Temporary files an interrupted save, export-to-store, backup or restore left in the workspace
  are removed (only the lock holder runs this, so none of them is in use).
- SQLite's `quick_check` runs before anything is written: a damaged database is refused for
  writing with a message naming the newest good backup by date.
- Once a day of use, a backup is taken (kept 30 days, then weekly; see `retention`).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Final

from bidkit.errors import BidKitError, DatabaseDamaged
from bidkit.paths import WorkspacePaths
from bidkit.store.backup import (
    backup_database,
    integrity_problems,
    list_backups,
    remove_stray_temporary_files,
)
from bidkit.store.database_errors import damaged_message, explain
from bidkit.store.output_files import remove_export_leftovers

log = logging.getLogger(__name__)

DAY_SECONDS: Final = 24 * 3600


def remove_crash_leftovers(paths: WorkspacePaths) -> int:
    """Delete temporary files left by a crash inside the workspace; returns how many."""
    removed = remove_stray_temporary_files(paths.backups)
    for pattern in ("*/.*.tmp", ".*.tmp"):
        for path in paths.files.glob(pattern):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    removed += remove_export_leftovers(paths.root)
    for path in paths.root.glob(".restore-*.tmp"):
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    if removed:
        log.info("removed %d temporary files left by an interrupted run", removed)
    return removed


def quick_check(paths: WorkspacePaths) -> list[str]:
    """SQLite's quick check of the workspace database (empty list: healthy or not yet made)."""
    database = paths.database
    if not database.exists() or database.stat().st_size == 0:
        return []
    try:
        return integrity_problems(database, quick=True, foreign_keys=False)
    except sqlite3.DatabaseError as exc:
        plain = explain(exc, paths.root, writing=False)
        if plain is not None and not isinstance(plain, DatabaseDamaged):
            raise plain from exc
        return [str(exc)]


def run_start_checks(paths: WorkspacePaths) -> bool:
    """Tidy and check before opening for writing; True when the database already existed.

    Raises `DatabaseDamaged` when the quick check finds damage.
    """
    remove_crash_leftovers(paths)
    problems = quick_check(paths)
    if problems:
        log.warning("quick check found damage: %s", "; ".join(problems[:5]))
        raise DatabaseDamaged(damaged_message(paths), detail="\n".join(problems[:20]))
    return paths.database.exists() and paths.database.stat().st_size > 0


def daily_backup_due(paths: WorkspacePaths, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    for backup in list_backups(paths.backups):
        if not backup.problem and now - backup.created.timestamp() < DAY_SECONDS:
            return False
    return True


def take_daily_backup(paths: WorkspacePaths) -> Path | None:
    """The day's backup, when none was taken in the last 24 hours. A failure is logged, not
    raised: the user's work comes first, and the next start tries again."""
    if not daily_backup_due(paths):
        return None
    try:
        return backup_database(paths.database, paths.backups, "daily")
    except BidKitError as exc:
        log.warning("daily backup not taken: %s", exc.message)
        return None
