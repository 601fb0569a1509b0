"""Connection settings, read-only workspaces and the one-writer lock (reliability plan R4)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy.exc
from sqlmodel import select

from bidkit.errors import ReadOnlyWorkspace, WorkspaceError, WorkspaceLocked
from bidkit.model.organisation import Organisation
from bidkit.store.engine import BUSY_TIMEOUT_MS
from bidkit.store.lock import WorkspaceLock, read_holder
from bidkit.store.workspace import Workspace

REPO_ROOT = Path(__file__).resolve().parents[2]


def _pragma(ws: Workspace, name: str) -> object:
    with ws.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_writer_connection_pragmas(workspace: Workspace) -> None:
    assert str(_pragma(workspace, "journal_mode")).lower() == "wal"
    assert _pragma(workspace, "synchronous") == 2  # FULL
    assert _pragma(workspace, "foreign_keys") == 1
    assert _pragma(workspace, "busy_timeout") == BUSY_TIMEOUT_MS == 5000
    assert _pragma(workspace, "query_only") == 0


def test_read_only_connection_pragmas(workspace: Workspace) -> None:
    with Workspace.open(workspace.root, read_only=True) as reader:
        assert str(_pragma(reader, "journal_mode")).lower() == "wal"
        assert _pragma(reader, "synchronous") == 2
        assert _pragma(reader, "foreign_keys") == 1
        assert _pragma(reader, "busy_timeout") == 5000
        assert _pragma(reader, "query_only") == 1


def test_read_only_workspace_refuses_writes(workspace: Workspace) -> None:
    with workspace.write() as session:
        session.add(Organisation(legal_name="Riverside Care CIC"))
    with Workspace.open(workspace.root, read_only=True) as reader:
        assert reader.read_only
        with pytest.raises(ReadOnlyWorkspace), reader.write():
            pass
        with reader.session() as session:
            names = [o.legal_name for o in session.exec(select(Organisation))]
        assert names == ["Riverside Care CIC"]
        with (
            pytest.raises(sqlalchemy.exc.OperationalError, match="readonly"),
            reader.engine.connect() as connection,
        ):
            connection.exec_driver_sql(
                "INSERT INTO organisation (is_own, created_at, updated_at) VALUES (0, '', '')"
            )
    with workspace.session() as session:
        assert len(session.exec(select(Organisation)).all()) == 1


def test_read_only_open_of_a_new_folder_is_refused(workspace_dir: Path) -> None:
    with pytest.raises(WorkspaceError, match="read-only"):
        Workspace.open(workspace_dir, read_only=True)
    assert not (workspace_dir / "bidkit.sqlite3").exists()


def test_second_writer_is_refused_naming_the_holder(workspace_dir: Path) -> None:
    with Workspace.open(workspace_dir, kind="window"):
        with pytest.raises(WorkspaceLocked) as caught:
            Workspace.open(workspace_dir)
        error = caught.value
        assert error.holder_pid == os.getpid()
        assert f"process {os.getpid()}" in str(error)
        assert "BidKit window" in str(error)
        assert "read-only" in str(error)
        # Reading is still possible while another BidKit writes.
        with Workspace.open(workspace_dir, read_only=True) as reader, reader.session() as s:
            assert s.exec(select(Organisation)).all() == []
    # Once the first writer has closed, a new writer gets the lock.
    with Workspace.open(workspace_dir):
        pass


def test_lock_file_records_the_holder(tmp_path: Path) -> None:
    path = tmp_path / "bidkit.lock"
    lock = WorkspaceLock(path, kind="window")
    lock.acquire()
    try:
        assert lock.held
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["pid"] == os.getpid()
        assert record["kind"] == "window"
        assert record["host"] == socket.gethostname()
        assert isinstance(record["started"], float)
        holder = read_holder(path)
        assert holder is not None
        assert (holder.pid, holder.kind) == (os.getpid(), "window")
        assert "BidKit window" in holder.describe()
        lock.acquire()  # taking it again while held changes nothing
        assert lock.held
    finally:
        lock.release()
    assert not lock.held
    assert path.read_text(encoding="utf-8") == ""


def test_release_is_idempotent(tmp_path: Path) -> None:
    lock = WorkspaceLock(tmp_path / "bidkit.lock")
    lock.release()  # never acquired
    lock.acquire()
    lock.release()
    lock.release()
    assert not lock.held
    with WorkspaceLock(tmp_path / "bidkit.lock") as again:
        assert again.held
    assert not again.held


def test_close_is_idempotent(workspace_dir: Path) -> None:
    ws = Workspace.open(workspace_dir)
    ws.close()
    ws.close()
    with Workspace.open(workspace_dir):
        pass


_CRASHING_WRITER = """
import os, signal, sys
from pathlib import Path
from bidkit.model.organisation import Organisation
from bidkit.store.workspace import Workspace

ws = Workspace.open(Path(sys.argv[1]), kind="window")
mid_write = sys.argv[2] == "1"
if mid_write:
    # Die inside a write transaction: SQLite's own locks and the WAL are left as they are.
    with ws.write() as session:
        session.add(Organisation(legal_name="Never committed"))
        session.flush()
        print("locked", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.mark.slow
def test_lock_left_by_a_killed_process_is_reclaimed(workspace_dir: Path) -> None:
    with Workspace.open(workspace_dir) as ws, ws.write() as session:
        session.add(Organisation(legal_name="Committed"))
    for attempt in range(20):
        mid_write = attempt % 2
        child = subprocess.Popen(
            [sys.executable, "-c", _CRASHING_WRITER, str(workspace_dir), str(mid_write)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO_ROOT,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "locked"
            if not mid_write:
                with pytest.raises(WorkspaceLocked) as caught:
                    Workspace.open(workspace_dir)
                assert caught.value.holder_pid == child.pid
                child.send_signal(signal.SIGKILL)
        finally:
            child.wait(timeout=30)
            if child.stdin is not None:
                child.stdin.close()
            if child.stdout is not None:
                child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        with Workspace.open(workspace_dir) as ws:
            with ws.session() as session:
                names = [o.legal_name for o in session.exec(select(Organisation))]
            assert names == ["Committed"]
            with ws.write() as session:  # the database is writable again, not just the lock
                session.add(Organisation(legal_name="Scratch"))
            with ws.write() as session:
                scratch = session.exec(
                    select(Organisation).where(Organisation.legal_name == "Scratch")
                ).one()
                session.delete(scratch)
