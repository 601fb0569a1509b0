"""The workspace's own random id, kept in its database (table `workspace_identity`).

It makes the UIDs of calendar events and the names of keyring entries this workspace's own, so
it must never change while the workspace lives: not between the window and a command reading
at the same moment, not across restarts, backups and restores, nor `demo --force` (which empties
the domain tables; this table is not one of them). Migration 0010 creates it under the writer
lock, so every reader of an up-to-date database finds it; the writer fallback here inserts it
race-free (INSERT OR IGNORE, then read back, in one transaction) should the row be missing.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from bidkit.errors import WorkspaceError

if TYPE_CHECKING:
    from bidkit.store.workspace import Workspace

#: The first schema revision with the identity table.
IDENTITY_REVISION = "0010"
_KEY = "namespace"
_SELECT = text("SELECT value FROM workspace_identity WHERE key = :key")


def is_namespace(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value)
    )


def workspace_namespace(ws: Workspace) -> str:
    """The workspace's id (32 hex digits); made once, in one write, if it is missing."""
    with ws.session() as session:
        value = session.execute(_SELECT, {"key": _KEY}).scalar()
    if is_namespace(value):
        assert isinstance(value, str)
        return value
    if ws.read_only:
        raise WorkspaceError(
            "This workspace has no id for its calendar yet. Open it once for writing (close the "
            "other BidKit that has it open), then try again."
        )
    with ws.write() as session:
        # Replaces only a missing or unusable value: two writers in turn end with one id.
        session.execute(
            text(
                "INSERT INTO workspace_identity (key, value) VALUES (:key, :value) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                "WHERE length(workspace_identity.value) != 32 "
                "OR workspace_identity.value GLOB '*[^0-9a-f]*'"
            ),
            {"key": _KEY, "value": uuid.uuid4().hex},
        )
        stored = session.execute(_SELECT, {"key": _KEY}).scalar()
    assert isinstance(stored, str)
    return stored


def read_namespace(database: Path) -> str | None:
    """The id stored in the database file, read with plain sqlite3; None when it has none or
    cannot be read (an older or damaged database)."""
    if not database.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT value FROM workspace_identity WHERE key = ?", (_KEY,)
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row and is_namespace(row[0]) else None


def keep_namespace(ws: Workspace, namespace: str) -> None:
    """Set the workspace's id to `namespace` (a restore of a backup made before the id was
    kept in the database gives the workspace back the id it had)."""
    if not is_namespace(namespace):
        return
    with ws.write() as session:
        session.execute(
            text(
                "INSERT INTO workspace_identity (key, value) VALUES (:key, :value) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"key": _KEY, "value": namespace},
        )
