"""The SQLAlchemy engine for a workspace database, with the connection settings for safety."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

BUSY_TIMEOUT_MS = 5000
#: Execution option marking a connection that only reads: its transactions begin DEFERRED.
READING = "bidkit_reading"


def apply_pragmas(
    dbapi_connection: sqlite3.Connection, *, read_only: bool = False, exclusive: bool = False
) -> None:
    """Safety settings every connection gets.

    WAL lets the window read while a write is in progress; `synchronous=FULL` makes a committed
    change survive a power cut; foreign keys keep child rows consistent; the busy timeout makes
    a second process wait briefly instead of failing at once. `exclusive` (for reading on a
    full disk) must come first: it keeps WAL's index in memory instead of the -shm file.
    """
    cursor = dbapi_connection.cursor()
    try:
        if exclusive:
            cursor.execute("PRAGMA locking_mode = EXCLUSIVE")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
    finally:
        cursor.close()


def reading(engine: Engine) -> Engine:
    """The same engine for reads: transactions begin deferred, so a read never takes the
    write lock (and never waits for a writer)."""
    return engine.execution_options(**{READING: True})


def create_workspace_engine(
    database: Path, *, read_only: bool = False, exclusive: bool = False
) -> Engine:
    """An engine whose every connection has the safety pragmas applied.

    NullPool: each session opens its own connection, so a connection is never shared between
    the window's database worker thread and anything else. `exclusive` connections need no
    -shm file (see `apply_pragmas`) but keep other programs from writing while they are open.
    """
    engine = create_engine(
        f"sqlite:///{database}",
        poolclass=NullPool,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # SQLAlchemy's pysqlite dialect would otherwise leave BEGIN to the driver.
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection, read_only=read_only, exclusive=exclusive)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A read (see `reading`) takes no write lock: only writes begin IMMEDIATE.
        reading = read_only or connection.get_execution_options().get(READING, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine
