"""workspace identity: the calendar namespace kept in the database

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 06:30:00

The random id that makes this workspace's calendar UIDs (and its keyring entries) its own was a
file written on the first calendar export. Two BidKits exporting at once (the window and a
command) could each make a different one, so a calendar imported twice had every event twice.
It now lives in the database, created here under the writer lock, so every reader finds it.
A workspace that already had the file keeps its value, so calendars already imported and
portal logins already kept still match.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

#: The file earlier versions kept the id in, beside the database.
OLD_ID_FILE = "calendar-id.txt"


def _is_namespace(value: str) -> bool:
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def _namespace_from_old_file() -> str | None:
    bind = op.get_bind()
    for _seq, name, file in bind.exec_driver_sql("PRAGMA database_list").fetchall():
        if name != "main" or not file:
            continue
        try:
            value = (Path(file).parent / OLD_ID_FILE).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return value if _is_namespace(value) else None
    return None


def upgrade() -> None:
    op.create_table(
        "workspace_identity",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    namespace = _namespace_from_old_file() or uuid.uuid4().hex
    op.get_bind().execute(
        sa.text("INSERT INTO workspace_identity (key, value) VALUES ('namespace', :value)"),
        {"value": namespace},
    )


def downgrade() -> None:
    op.drop_table("workspace_identity")
