"""What a writer does first when it opens a workspace: tidy, check, and take the daily backup.

- Temporary files an interrupted save, export-to-store, backup or restore left in the workspace
  are removed (only the lock holder runs this, so none of them is in use).
- SQLite's `quick_check` runs before anything is written: a damaged database is refused for
  writing with a message naming the newest good backup by date.
- After an unclean shutdown (noted by the lock, see `bidkit.store.lock`) the full
  `integrity_check` runs too: it also compares every index with its table, which the quick
  check skips. A command runs it before it writes; the window on its worker once the first page
  shows. The note is removed only when the check has passed.
- Once a day of use, a backup is taken (kept 30 days, then weekly; see `retention`).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import time
from dataclasses import dataclass
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
from bidkit.store.lock import UNCLEAN_MARKER, WorkspaceLock
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


def _check(paths: WorkspacePaths, *, quick: bool) -> list[str]:
    database = paths.database
    if not database.exists() or database.stat().st_size == 0:
        return []
    try:
        return integrity_problems(database, quick=quick, foreign_keys=False)
    except sqlite3.DatabaseError as exc:
        plain = explain(exc, paths.root, writing=False)
        if plain is not None and not isinstance(plain, DatabaseDamaged):
            raise plain from exc
        return [str(exc)]


def quick_check(paths: WorkspacePaths) -> list[str]:
    """SQLite's quick check of the workspace database (empty list: healthy or not yet made)."""
    return _check(paths, quick=True)


def _refuse(paths: WorkspacePaths, problems: list[str], which: str) -> DatabaseDamaged:
    log.warning("%s found damage: %s", which, "; ".join(problems[:5]))
    return DatabaseDamaged(damaged_message(paths), detail="\n".join(problems[:20]))


def full_check_due(paths: WorkspacePaths, lock: WorkspaceLock | None = None) -> bool:
    """True after an unclean shutdown whose database has not had its full check since."""
    return (paths.root / UNCLEAN_MARKER).exists() or (lock is not None and lock.left_by is not None)


@dataclass(frozen=True)
class FullCheck:
    problems: list[str]
    seconds: float


def run_full_check(paths: WorkspacePaths, lock: WorkspaceLock | None = None) -> FullCheck:
    """SQLite's full integrity check; raises `DatabaseDamaged` (the note stays) when it finds
    damage, else removes the unclean-shutdown note. The caller holds the writer lock."""
    started = time.perf_counter()
    problems = _check(paths, quick=False)
    seconds = time.perf_counter() - started
    log.info("full integrity check after an unclean shutdown: %.2f s", seconds)
    if problems:
        raise _refuse(paths, problems, "full integrity check")
    with contextlib.suppress(FileNotFoundError):
        (paths.root / UNCLEAN_MARKER).unlink()
    if lock is not None:
        lock.left_by = None
    return FullCheck(problems, seconds)


def run_start_checks(paths: WorkspacePaths, lock: WorkspaceLock | None = None) -> bool:
    """Tidy and check before opening for writing; True when the database already existed.

    Raises `DatabaseDamaged` when the quick check finds damage, or (after an unclean shutdown)
    the full check does.
    """
    remove_crash_leftovers(paths)
    problems = quick_check(paths)
    if problems:
        raise _refuse(paths, problems, "quick check")
    if full_check_due(paths, lock):
        run_full_check(paths, lock)
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
