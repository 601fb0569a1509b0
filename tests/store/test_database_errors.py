"""A full disk, a busy, read-only or damaged database and a failing drive are told plainly.

Faults are injected by making the one failing call raise the error SQLite would give, with
its result code; the damaged file is a real workspace database with bytes flipped.
"""

from __future__ import annotations

import errno
import io
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.exc import OperationalError

from bidkit.cli import main
from bidkit.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseNotWritable,
    DatabaseProblem,
    DiskFull,
    DriveFailed,
)
from bidkit.store.database_errors import explain, problem_kind
from bidkit.store.workspace import Workspace

BUG = "something went wrong"


def sqlite_error(
    code: int, message: str, kind: type[sqlite3.Error] = sqlite3.OperationalError
) -> sqlite3.Error:
    """The error sqlite3 raises for result `code` (the module sets these attributes itself)."""
    error = kind(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (sqlite3.SQLITE_FULL, DiskFull),
        (sqlite3.SQLITE_BUSY, DatabaseBusy),
        (sqlite3.SQLITE_BUSY_SNAPSHOT, DatabaseBusy),  # extended codes keep their family
        (sqlite3.SQLITE_READONLY, DatabaseNotWritable),
        (sqlite3.SQLITE_READONLY_DBMOVED, DatabaseNotWritable),
        (sqlite3.SQLITE_IOERR, DriveFailed),
        (sqlite3.SQLITE_IOERR_SHORT_READ, DriveFailed),
        (sqlite3.SQLITE_CORRUPT, DatabaseDamaged),
        (sqlite3.SQLITE_NOTADB, DatabaseDamaged),
    ],
)
def test_result_codes_name_the_cause(code: int, kind: type[DatabaseProblem]) -> None:
    # The message text is deliberately misleading: the code decides.
    error = sqlite_error(code, "database disk image is malformed")
    assert problem_kind(error) is kind
    wrapped = OperationalError("COMMIT", {}, error)  # as SQLAlchemy raises it
    assert problem_kind(wrapped) is kind


def test_bugs_stay_bugs() -> None:
    constraint = sqlite_error(
        sqlite3.SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed", sqlite3.IntegrityError
    )
    assert problem_kind(constraint) is None
    assert problem_kind(sqlite_error(sqlite3.SQLITE_ERROR, "no such table: bid")) is None
    assert problem_kind(ValueError("disk is full")) is None
    # An OSError may be about a file the user chose: only opening the workspace reads them.
    assert problem_kind(OSError(errno.ENOSPC, "No space left on device")) is None
    assert problem_kind(OSError(errno.ENOSPC, "x"), os_errors=True) is DiskFull


def test_without_a_code_the_message_is_read() -> None:
    assert problem_kind(sqlite3.OperationalError("database or disk is full")) is DiskFull
    assert problem_kind(sqlite3.DatabaseError("file is not a database")) is DatabaseDamaged


def test_disk_full_is_not_called_damage(tmp_path: Path) -> None:
    plain = explain(sqlite_error(sqlite3.SQLITE_FULL, "database or disk is full"), tmp_path)
    assert isinstance(plain, DiskFull)
    assert str(tmp_path) in plain.message
    assert "free some space" in plain.message.lower()
    assert "up to the last save is safe" in plain.message
    assert "damaged" not in plain.message


# --------------------------------------------------------------------------------------------
# Through the command line


def _fail_commit(monkeypatch: pytest.MonkeyPatch, error: sqlite3.Error) -> None:
    def commit(self: Any, dbapi_connection: Any) -> None:
        raise error

    monkeypatch.setattr(SQLiteDialect_pysqlite, "do_commit", commit)


def _workspace_with_an_organisation(root: Path) -> None:
    from bidkit.ops.organisations import create_organisation

    with Workspace.open(root) as ws:
        create_organisation(ws, name="Riverside Community Care CIC", own=True)


def _bid_new(root: Path) -> int:
    return main(["--data-dir", str(root), "bid", "new", "--title", "Wellbeing service",
                 "--buyer", "Riverside Council", "--deadline", "15/03/2027 12:00"])  # fmt: skip


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (sqlite3.SQLITE_FULL, "is full"),
        (sqlite3.SQLITE_BUSY, "Another program is holding"),
        (sqlite3.SQLITE_READONLY, "check the permissions"),
        (sqlite3.SQLITE_IOERR_WRITE, "could not be written"),
        (sqlite3.SQLITE_CORRUPT, "is damaged"),
    ],
)
def test_a_failed_save_exits_3_with_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    code: int, says: str,
) -> None:  # fmt: skip
    root = tmp_path / "workspace"
    _workspace_with_an_organisation(root)
    with monkeypatch.context() as patch:
        _fail_commit(patch, sqlite_error(code, "some SQLite text"))
        assert _bid_new(root) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("bidkit: ")
    assert says.lower() in err.lower()
    assert BUG not in err
    assert main(["--data-dir", str(root), "bid", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"  # nothing half-saved


def test_reading_works_on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening for a read writes two small files (the lock note, the log): neither may stop it."""
    root = tmp_path / "workspace"
    _workspace_with_an_organisation(root)
    assert _bid_new(root) == 0
    capsys.readouterr()

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    real_open = open

    def open_on_full_disk(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, mode, *args, **kwargs)
        if "a" in mode or "w" in mode:
            handle.write = FullDisk().write  # type: ignore[method-assign]
            handle.flush = FullDisk().flush  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr("bidkit.store.lock.open", open_on_full_disk, raising=False)
    monkeypatch.setattr(logging.FileHandler, "_open", lambda self: FullDisk())
    assert main(["--data-dir", str(root), "bid", "list"]) == 0
    out, err = capsys.readouterr()
    assert "Wellbeing service" in out
    assert err == ""  # no logging tracebacks either


def test_a_damaged_database_is_named_with_its_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "workspace"
    _workspace_with_an_organisation(root)
    assert _bid_new(root) == 0
    with Workspace.open(root) as ws:
        ws.backup("by-hand")
    database = root / "bidkit.sqlite3"
    data = bytearray(database.read_bytes())
    for at in range(len(data) // 4, 3 * len(data) // 4):
        data[at] ^= 0x5A
    database.write_bytes(bytes(data))
    capsys.readouterr()
    for command in (["bid", "list"], ["org", "list"], ["bid", "list", "--json"]):
        assert main(["--data-dir", str(root), *command]) == 3
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "is damaged" in err
        # The newest good backup is named (the day's own, taken when a command first wrote).
        assert str(root / "backups") in err and ("-daily.zip" in err or "-by-hand.zip" in err)
        assert BUG not in err


def test_an_io_error_on_a_full_disk_is_the_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reports a full disk met while sizing its -shm file as an I/O error."""
    shm = sqlite_error(sqlite3.SQLITE_IOERR_SHMSIZE, "disk I/O error")
    assert problem_kind(shm, root=tmp_path) is DriveFailed
    monkeypatch.setattr("bidkit.store.database_errors.disk_is_full", lambda folder: True)
    assert problem_kind(shm, root=tmp_path) is DiskFull
    assert isinstance(explain(shm, tmp_path, writing=False), DiskFull)


def test_reading_without_room_for_the_shared_memory_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no room for WAL's -shm file, a read-only workspace keeps that index in memory."""
    from sqlalchemy import text

    from bidkit.store import schema

    root = tmp_path / "workspace"
    _workspace_with_an_organisation(root)
    real = schema.current_revision

    def no_room_for_shm(database: Path, *, exclusive: bool = False) -> str | None:
        if not exclusive:
            raise sqlite_error(sqlite3.SQLITE_IOERR_SHMSIZE, "disk I/O error")
        return real(database, exclusive=True)

    monkeypatch.setattr("bidkit.store.workspace.current_revision", no_room_for_shm)
    monkeypatch.setattr("bidkit.store.database_errors.disk_is_full", lambda folder: True)
    with Workspace.open(root, read_only=True) as ws, ws.session() as session:
        assert session.execute(text("PRAGMA locking_mode")).scalar() == "exclusive"
        assert session.execute(text("SELECT count(*) FROM organisation")).scalar() == 1


def test_another_program_holding_the_database_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real lock held by another program (a sync tool, a database browser), not a fake."""
    root = tmp_path / "workspace"
    _workspace_with_an_organisation(root)
    monkeypatch.setattr("bidkit.store.engine.BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(root / "bidkit.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        assert _bid_new(root) == 3
    finally:
        other.close()
    err = capsys.readouterr().err
    assert "Another program is holding the workspace database" in err
    assert err.count("\n") == 1 and BUG not in err


def test_a_folder_that_cannot_be_written_still_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "workspace"
    _workspace_with_an_organisation(root)

    def refused(path: Any, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr("bidkit.store.lock.open", refused, raising=False)
    assert _bid_new(root) == 3
    err = capsys.readouterr().err
    assert "cannot write to the workspace folder" in err and "permissions" in err
    assert BUG not in err
    assert main(["--data-dir", str(root), "org", "list"]) == 0
    assert "Riverside Community Care CIC" in capsys.readouterr().out
