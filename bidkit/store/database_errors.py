"""SQLite's complaints about the environment, told as what happened and what to do.

A full disk, a database another program holds, a read-only folder, a failing drive or a
damaged file are not faults in BidKit, so they become `DatabaseProblem` errors whose messages
name the real cause (in the spirit of qutebrowser's known-versus-bug SQL errors). They are
recognised by SQLite's result code (`sqlite_errorcode`, exact since Python 3.11), and by the
operating system's error number for files BidKit writes itself; message text is consulted
only when neither is available. Anything else is left alone: it is a bug.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from bidkit.errors import (
    BidKitError,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseNotWritable,
    DatabaseProblem,
    DiskFull,
    DriveFailed,
)
from bidkit.paths import WorkspacePaths

#: SQLite's primary result codes (the low byte of an extended code) and what they mean here.
_KINDS: Final[dict[int, type[DatabaseProblem]]] = {
    sqlite3.SQLITE_FULL: DiskFull,
    sqlite3.SQLITE_BUSY: DatabaseBusy,
    sqlite3.SQLITE_LOCKED: DatabaseBusy,
    sqlite3.SQLITE_READONLY: DatabaseNotWritable,
    sqlite3.SQLITE_PERM: DatabaseNotWritable,
    sqlite3.SQLITE_CANTOPEN: DatabaseNotWritable,
    sqlite3.SQLITE_IOERR: DriveFailed,
    sqlite3.SQLITE_CORRUPT: DatabaseDamaged,
    sqlite3.SQLITE_NOTADB: DatabaseDamaged,
}
#: Used only for an error raised without a result code (older drivers, wrapped errors).
_TEXTS: Final[tuple[tuple[str, type[DatabaseProblem]], ...]] = (
    ("database or disk is full", DiskFull),
    ("database is locked", DatabaseBusy),
    ("database table is locked", DatabaseBusy),
    ("readonly database", DatabaseNotWritable),
    ("unable to open database file", DatabaseNotWritable),
    ("disk i/o error", DriveFailed),
    ("database disk image is malformed", DatabaseDamaged),
    ("file is not a database", DatabaseDamaged),
)
_OS_KINDS: Final[dict[int, type[DatabaseProblem]]] = {
    errno.ENOSPC: DiskFull,
    getattr(errno, "EDQUOT", errno.ENOSPC): DiskFull,
    errno.EACCES: DatabaseNotWritable,
    errno.EPERM: DatabaseNotWritable,
    errno.EROFS: DatabaseNotWritable,
    errno.EIO: DriveFailed,
    errno.ENXIO: DriveFailed,
    errno.ENODEV: DriveFailed,
}


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error itself, unwrapped from SQLAlchemy's DBAPIError if need be."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)  # sqlalchemy.exc.DBAPIError
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return None


def problem_kind(
    exc: BaseException, *, os_errors: bool = False, root: Path | None = None
) -> type[DatabaseProblem] | None:
    """Which environment problem `exc` reports, or None when it is not one (a bug).

    `os_errors` also reads operating-system errors, for code that only touches the workspace's
    own files (opening it); elsewhere an OSError may be about a file the user chose.
    """
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return _OS_KINDS.get(exc.errno or 0) if os_errors else None
    error = _sqlite_error(exc)
    if error is None:
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        kind = _KINDS.get(code & 0xFF)
    else:
        text = str(error).lower()
        kind = next((kind for needle, kind in _TEXTS if needle in text), None)
    if kind is DriveFailed and disk_is_full(root):
        # SQLite reports a full disk met while growing its -shm or -wal file as an I/O error.
        return DiskFull
    return kind


#: Below this much free space a failed write is taken to be the full disk's doing.
NEARLY_FULL_BYTES: Final = 1024 * 1024


def disk_is_full(folder: Path | None) -> bool:
    """Whether the disk holding `folder` (or its nearest existing parent) is (nearly) full."""
    if folder is None:
        return False
    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def _message(kind: type[DatabaseProblem], paths: WorkspacePaths, *, writing: bool) -> str:
    folder, database = paths.root, paths.database
    if kind is DiskFull:
        could_not = "save" if writing else "open the workspace"
        return (
            f"The disk that holds your workspace ({folder}) is full, so BidKit could not "
            f"{could_not}. Your work up to the last save is safe. Free some space on that disk "
            "(empty the recycle bin, move large files elsewhere), then try again."
        )
    if kind is DatabaseBusy:
        return (
            f"Another program is holding the workspace database ({database}) and did not let "
            "go, so BidKit could not " + ("save" if writing else "read it") + ". Close other "
            "programs using that folder (another BidKit, a sync or backup tool), then try again."
        )
    if kind is DatabaseNotWritable:
        return (
            f"BidKit cannot write to the workspace folder {folder}: the folder or its database "
            "file is read-only to you. Check the permissions of that folder and the files in "
            "it (or move the workspace to a folder you can write to with --data-dir)."
        )
    if kind is DriveFailed:
        return (
            f"The drive that holds your workspace ({folder}) could not be "
            + ("written" if writing else "read")
            + ": it may have failed, or been removed or disconnected. Reconnect or check the "
            "drive, then try again; nothing was half-saved."
        )
    return damaged_message(paths)


def damaged_message(paths: WorkspacePaths) -> str:
    """What to do about a damaged database: restore the newest good backup, named by date."""
    from bidkit.store.backup import newest_good_backup

    database = paths.database
    try:
        newest = newest_good_backup(paths.backups)
    except OSError:
        newest = None
    if newest is not None:
        when = newest.created.astimezone().strftime("%d/%m/%Y %H:%M")
        restore = (
            f"Restore the newest good backup, {newest.path.name} (taken {when}), from the "
            f"backups folder {paths.backups}: choose File > Restore… in the window, or run "
            f"'bidkit restore {newest.path}'. Until then BidKit opens it read-only."
        )
    else:
        restore = (
            f"The backups folder {paths.backups} holds no copy yet: if you keep copies of the "
            f"workspace folder elsewhere, close BidKit and put that {database.name} in its place "
            "(keep the damaged file aside). Until then BidKit opens it read-only."
        )
    return f"The workspace database {database} is damaged, or is not a BidKit database. {restore}"


def explain(
    exc: BaseException, root: Path, *, writing: bool = True, os_errors: bool = False
) -> BidKitError | None:
    """A plain error for an environment problem with the workspace at `root`, else None."""
    if isinstance(exc, BidKitError):
        return exc
    kind = problem_kind(exc, os_errors=os_errors, root=root)
    if kind is None:
        return None
    return kind(_message(kind, WorkspacePaths(Path(root)), writing=writing))


@contextlib.contextmanager
def plain_database_errors(
    root: Path, *, writing: bool = True, os_errors: bool = False
) -> Iterator[None]:
    """Raise environment problems inside the block as their plain `DatabaseProblem`."""
    try:
        yield
    except BidKitError:
        raise
    except Exception as exc:
        plain = explain(exc, root, writing=writing, os_errors=os_errors)
        if plain is None:
            raise
        raise plain from exc
