"""Backups from before the zip format: one `bidkit-YYYYMMDD-HHMMSS-<reason>.sqlite3` database.

They hold no stored files and no manifest, so nothing recorded can vouch for them: they are
checked as they are. A copy (never the file itself) is opened, must be a SQLite database that
passes `integrity_check`, carry a schema revision this BidKit knows and hold a BidKit
workspace's tables, each of which is counted (every row read). A restore then upgrades that
copy to the current schema, as opening an older workspace would, before anything in the
workspace is replaced, so an upgrade that fails changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from bidkit.store.backup_archive import (
    CHOOSE_ANOTHER,
    DATABASE_MEMBER,
    MAX_MEMBER_BYTES,
    BackupInfo,
    BackupRefused,
    row_counts,
    schema_revision,
)

SQLITE_HEADER: Final = b"SQLite format 3\x00"
#: Tables every BidKit database has had since the first schema.
_CORE_TABLES: Final = ("alembic_version", "organisation")


def _starts_as_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def is_database_file(path: Path) -> bool:
    """True for what is meant as an older single-file backup: named `.sqlite3`, or starting
    as a SQLite database does."""
    return path.suffix.lower() == ".sqlite3" or _starts_as_database(path)


def _refuse(path: Path, why: str) -> BackupRefused:
    return BackupRefused(
        f"{path.name} cannot be used as a BidKit backup: {why}. {CHOOSE_ANOTHER}", why=why
    )


def _self_contained(copy: Path) -> None:
    """Fold any write-ahead log into the copy and leave it in rollback mode (one file)."""
    con = sqlite3.connect(copy)
    try:
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()


def _tables(database: Path) -> set[str]:
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return {str(r[0]) for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def _created(path: Path) -> tuple[datetime, str]:
    from bidkit.store.backup import backup_name_parts

    named = backup_name_parts(path)
    if named is not None:
        return named
    return datetime.fromtimestamp(path.stat().st_mtime, UTC), "older backup"


def check_database_copy(path: Path, copy: Path, known: tuple[str, ...]) -> BackupInfo:
    """Check `copy`, a copy of the older backup `path`; raises `BackupRefused`."""
    from bidkit.store.backup import integrity_problems

    try:
        _self_contained(copy)
        problems = integrity_problems(copy)
        tables = _tables(copy)
        if not set(_CORE_TABLES) <= tables:
            raise _refuse(path, "it is a SQLite database, but not a BidKit workspace")
        revision = schema_revision(copy)
        rows = row_counts(copy) if not problems else {}
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"its database is damaged or unreadable ({exc})") from exc
    except sqlite3.Error as exc:
        raise _refuse(path, f"its database cannot be read ({exc})") from exc
    if problems:
        raise _refuse(path, f"its database is damaged ({problems[0][:120]})")
    if revision not in known:
        raise _refuse(
            path,
            f"it was made by a newer version of BidKit (schema {revision or 'unknown'}); "
            "install that version to restore it",
        )
    created, reason = _created(path)
    return BackupInfo(
        path=path,
        created=created,
        reason=reason,
        schema=revision,
        size=path.stat().st_size,
        rows=rows,
        members={},
    )


def verify_database_backup(
    path: Path, extract_to: Path | None = None, scratch_in: Path | None = None
) -> BackupInfo:
    """Check an older single-file backup on a copy; with `extract_to`, leave the checked copy
    there as `bidkit.sqlite3`. The copy is made in `scratch_in` (default: the system's
    temporary folder, so listing backups writes nothing into the workspace)."""
    from bidkit.store.schema import KNOWN_REVISIONS

    if not path.is_file():
        raise _refuse(path, "it is not a file")
    if path.stat().st_size > MAX_MEMBER_BYTES:
        raise _refuse(path, "it is far larger than any BidKit database")
    if not _starts_as_database(path):
        raise _refuse(path, "it is not a SQLite database (empty, or another kind of file)")
    scratch = Path(tempfile.mkdtemp(prefix=".verify-", suffix=".tmp", dir=scratch_in))
    try:
        copy = scratch / DATABASE_MEMBER
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise _refuse(path, f"it cannot be read ({exc.strerror or exc})") from exc
        info = check_database_copy(path, copy, KNOWN_REVISIONS)
        if extract_to is not None:
            extract_to.mkdir(parents=True, exist_ok=True)
            os.replace(copy, extract_to / DATABASE_MEMBER)
        return info
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def upgrade_unpacked(database: Path) -> None:
    """Bring an unpacked older database to the current schema, where it lies (a scratch folder
    of the restore), and leave it as one self-contained file."""
    from bidkit.store.engine import create_workspace_engine
    from bidkit.store.schema import HEAD_REVISION, upgrade_to

    if schema_revision(database) == HEAD_REVISION:
        return
    engine = create_workspace_engine(database)
    try:
        upgrade_to(engine)
    finally:
        engine.dispose()
    _self_contained(database)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{database}{suffix}").unlink()
