"""Backups from before the zip format (`bidkit-*.sqlite3`): checked, listed and restored.

The old backup is built here the way an earlier BidKit made it: a database at an earlier
schema revision (0004), filled with plain SQL, copied with SQLite's backup API into the
backups folder under the old name.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from bidkit.cli import main
from bidkit.errors import InputRefused
from bidkit.model.organisation import Organisation
from bidkit.ops import backups as backup_ops
from bidkit.ops.bid_overview import calendar_namespace
from bidkit.paths import WorkspacePaths
from bidkit.store import schema
from bidkit.store.backup import list_backups
from bidkit.store.engine import create_workspace_engine
from bidkit.store.workspace import Workspace

#: Taken three days ago (backups before a delete are kept 90 days).
TAKEN = datetime.now() - timedelta(days=3)
OLD_NAME = f"bidkit-{TAKEN:%Y%m%d-%H%M%S}-before-delete-bid.sqlite3"
STAMP = "2025-03-01T09:00:00.000000+00:00"


def _insert(con: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    """A row with every NOT NULL column given a value, as an old BidKit's SQL would."""
    row = dict(values)
    for _cid, name, type_, notnull, _default, pk in con.execute(f"PRAGMA table_info({table})"):
        if pk or not notnull or name in row:
            continue
        row[name] = 0 if type_.upper() in ("BOOLEAN", "INTEGER", "BIGINT") else ""
    marks = ", ".join("?" for _ in row)
    cursor = con.execute(
        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({marks})", list(row.values())
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def make_old_backup(folder: Path, revision: str = "0004") -> Path:
    """An older BidKit's workspace at `revision`, backed up as a single database file."""
    old = WorkspacePaths(folder / "old-bidkit")
    old.create()
    engine = create_workspace_engine(old.database)
    schema.upgrade_to(engine, revision)
    engine.dispose()
    con = sqlite3.connect(old.database)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        own = _insert(con, "organisation", {"is_own": 1, "created_at": STAMP, "updated_at": STAMP,
                                             "legal_name": "Riverside As It Was CIC"})  # fmt: skip
        _insert(con, "organisation", {"is_own": 0, "created_at": STAMP, "updated_at": STAMP,
                                      "legal_name": "Deleted Partner Ltd"})  # fmt: skip
        _insert(con, "contact", {"organisation_id": own, "position": 0, "role": "bid_contact",
                                 "name": "Aisha Khan"})  # fmt: skip
        con.commit()
        target = folder / OLD_NAME
        copy = sqlite3.connect(target)
        con.backup(copy)
        copy.close()
    finally:
        con.close()
    return target


@pytest.fixture
def current(workspace_dir: Path) -> Path:
    """Today's workspace: one organisation, one stored file, its own calendar id."""
    from bidkit.ops.organisations import create_organisation

    with Workspace.open(workspace_dir) as ws:
        create_organisation(ws, name="Riverside Today CIC", own=True)
        ws.files.add_bytes(b"%PDF-1.4 a policy stored since")
    return workspace_dir


def _names(root: Path) -> list[str]:
    with Workspace.open(root, read_only=True) as ws, ws.session() as session:
        return list(session.exec(select(Organisation.legal_name).order_by(col(Organisation.id))))


def test_an_older_backup_is_checked_and_listed_as_verified(current: Path) -> None:
    old = make_old_backup(WorkspacePaths(current).backups)
    listed = {b.path.name: b for b in backup_ops.backups_of(current)}
    assert listed[OLD_NAME].verified and not listed[OLD_NAME].problem
    assert listed[OLD_NAME].reason == "before-delete-bid"
    assert backup_ops.backup_format(listed[OLD_NAME]) == "database"
    # Listing reads only: the file is as it was, and nothing was written beside it.
    assert sorted(p.name for p in old.parent.iterdir()) == [OLD_NAME, "old-bidkit"]
    # The quick listing (retention, the daily backup) does not open it.
    quick = {b.path.name: b for b in list_backups(old.parent)}
    assert not quick[OLD_NAME].verified and not quick[OLD_NAME].problem


def test_the_command_line_lists_and_restores_an_older_backup(
    current: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = make_old_backup(WorkspacePaths(current).backups)
    before = old.read_bytes()
    with Workspace.open(current) as ws:
        namespace = calendar_namespace(ws)
    assert main(["backups", "--json"]) == 0
    [row] = [r for r in json.loads(capsys.readouterr().out) if r["file"] == str(old)]
    assert row["verified"] is True and row["problem"] is None and row["format"] == "database"
    assert main(["restore", str(old)]) == 0
    assert f"Restored the backup taken {TAKEN:%d/%m/%Y}" in capsys.readouterr().out
    assert _names(current) == ["Riverside As It Was CIC", "Deleted Partner Ltd"]
    with Workspace.open(current) as ws:
        # Brought up to this version; the workspace keeps its calendar id and stored files.
        assert schema.current_revision(ws.paths.database) == schema.HEAD_REVISION
        assert calendar_namespace(ws) == namespace
        assert len(list(ws.paths.files.rglob("*"))) >= 2
    reasons = [b.reason for b in list_backups(WorkspacePaths(current).backups)]
    assert "before-restore" in reasons  # the state before the restore, kept
    assert old.read_bytes() == before
    # And the state before the restore can be put back.
    [undo] = [
        b for b in list_backups(WorkspacePaths(current).backups) if b.reason == "before-restore"
    ]
    assert main(["restore", str(undo.path)]) == 0
    assert _names(current) == ["Riverside Today CIC"]


def test_an_older_backup_restores_into_a_new_folder(current: Path, tmp_path: Path) -> None:
    old = make_old_backup(tmp_path, revision="0006")
    info = backup_ops.restore_backup_to(old, tmp_path / "copy")
    assert info.schema == "0006"
    assert _names(tmp_path / "copy") == ["Riverside As It Was CIC", "Deleted Partner Ltd"]


def _damaged(old: Path) -> bytes:
    data = bytearray(old.read_bytes())
    for at in range(len(data) // 2, len(data) // 2 + 2048):
        data[at] ^= 0x5A
    return bytes(data)


def _foreign(folder: Path) -> bytes:
    path = folder / "foreign.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.commit()
    con.close()
    return path.read_bytes()


def _newer(old: Path) -> bytes:
    copy = old.with_name("newer-copy.sqlite3")
    copy.write_bytes(old.read_bytes())
    con = sqlite3.connect(copy)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    return copy.read_bytes()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("damaged", "damaged"), ("foreign", "not a BidKit workspace"), ("newer", "newer version"),
     ("empty", "not a SQLite database")],
)  # fmt: skip
def test_a_bad_older_backup_is_listed_with_its_problem_and_refused(
    current: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, expected: str
) -> None:
    old = make_old_backup(tmp_path)
    data = {
        "damaged": lambda: _damaged(old),
        "foreign": lambda: _foreign(tmp_path),
        "newer": lambda: _newer(old),
        "empty": lambda: b"",
    }[kind]()
    bad = WorkspacePaths(current).backups / "bidkit-20250302-100000-daily.sqlite3"
    bad.write_bytes(data)
    listed = {b.path.name: b for b in backup_ops.backups_of(current)}
    assert not listed[bad.name].verified and expected in listed[bad.name].problem
    database = WorkspacePaths(current).database
    with Workspace.open(current):
        pass
    before = _names(current)
    capsys.readouterr()
    assert main(["restore", str(bad)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and "Nothing was changed" in err
    assert _names(current) == before
    assert database.exists()


def test_an_older_backup_that_cannot_be_upgraded_changes_nothing(
    current: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = make_old_backup(tmp_path)
    before = _names(current)

    def broken(engine: object, revision: str = "head") -> None:
        raise RuntimeError("a migration failed")

    monkeypatch.setattr(schema, "upgrade_to", broken)
    with pytest.raises(InputRefused, match="could not be brought up to this version"):
        backup_ops.restore_backup(current, old)
    monkeypatch.undo()
    assert _names(current) == before
