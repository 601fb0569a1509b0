"""Consistent copies of the workspace database, checked before they are trusted."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from pathlib import Path

from bidkit.errors import DatabaseDamaged, WorkspaceError
from bidkit.store.database_errors import explain

log = logging.getLogger(__name__)


def integrity_problems(database: Path) -> list[str]:
    """What `PRAGMA integrity_check` and `foreign_key_check` report; empty when healthy."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = [str(r[0]) for r in con.execute("PRAGMA integrity_check")]
        problems = [r for r in rows if r != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in con.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        con.close()


def prune_backups(backups_dir: Path, keep: int) -> list[Path]:
    """Delete the oldest automatic backups beyond the newest `keep`; returns those deleted."""
    backups = sorted(backups_dir.glob("bidkit-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    doomed = backups[: max(0, len(backups) - keep)] if keep > 0 else []
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
    return doomed


def backup_database(database: Path, backups_dir: Path, reason: str, keep: int = 20) -> Path:
    """Copy the live database with SQLite's online backup API and verify the copy.

    The copy is written under a temporary name and renamed when it has passed
    `integrity_check`, so the backups folder never holds a half-written backup.
    """
    if not database.is_file():
        raise WorkspaceError(f"There is no workspace database at {database} to back up.")
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"bidkit-{stamp}-{reason}.sqlite3"
    counter = 1
    while target.exists():
        counter += 1
        target = backups_dir / f"bidkit-{stamp}-{reason}-{counter}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        source = sqlite3.connect(database)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        problems = integrity_problems(partial)
    except sqlite3.Error as exc:
        plain = explain(exc, database.parent)
        if plain is not None and not isinstance(plain, DatabaseDamaged):
            # A full disk or a failing drive is not damage: say what it is.
            with contextlib.suppress(OSError):
                partial.unlink()
            raise plain from exc
        # A damaged header or a truncated file fails in the copy itself, before any check.
        problems = [f"{type(exc).__name__}: {exc}"]
    if problems:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise WorkspaceError(
            "BidKit could not make a sound backup of this workspace, so it changed nothing. "
            "The database may be damaged; restore it from an earlier backup.",
            detail="\n".join(problems[:20]),
        )
    partial.replace(target)
    log.info("backup written: %s (%s)", target.name, reason)
    prune_backups(backups_dir, keep)
    return target
