"""evidence library and bid tracking

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 21:20:31.109475
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FTS_CREATE = (
    "CREATE VIRTUAL TABLE evidence_fts USING fts5(title, body, tags, content='evidence_item', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence_item BEGIN "
    "INSERT INTO evidence_fts(rowid, title, body, tags) "
    "VALUES (new.id, new.title, new.body, new.tags); END",
    "CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence_item BEGIN "
    "INSERT INTO evidence_fts(evidence_fts, rowid, title, body, tags) "
    "VALUES ('delete', old.id, old.title, old.body, old.tags); END",
    "CREATE TRIGGER evidence_fts_update AFTER UPDATE ON evidence_item BEGIN "
    "INSERT INTO evidence_fts(evidence_fts, rowid, title, body, tags) "
    "VALUES ('delete', old.id, old.title, old.body, old.tags); "
    "INSERT INTO evidence_fts(rowid, title, body, tags) "
    "VALUES (new.id, new.title, new.body, new.tags); END",
    "INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')",
)
FTS_DROP = (
    "DROP TRIGGER IF EXISTS evidence_fts_update",
    "DROP TRIGGER IF EXISTS evidence_fts_delete",
    "DROP TRIGGER IF EXISTS evidence_fts_insert",
    "DROP TABLE IF EXISTS evidence_fts",
)


def upgrade() -> None:
    op.create_table(
        "bid_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(), nullable=False),
        sa.Column("to_status", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("changed_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bid_status_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bid_status_change_bid_id"), ["bid_id"], unique=False)

    op.create_table(
        "bid_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bid_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bid_task_bid_id"), ["bid_id"], unique=False)

    op.create_table(
        "evidence_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence_item.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evidence_file", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_file_evidence_id"), ["evidence_id"], unique=False
        )

    op.create_table(
        "evidence_usage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence_item.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evidence_usage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_usage_bid_id"), ["bid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_evidence_usage_evidence_id"), ["evidence_id"], unique=False
        )

    op.create_table(
        "evidence_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("tags", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("saved_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence_item.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("evidence_id", "version"),
    )
    with op.batch_alter_table("evidence_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_version_evidence_id"), ["evidence_id"], unique=False
        )

    op.create_table(
        "key_date",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("due", sa.String(length=32), nullable=True),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("key_date", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_key_date_bid_id"), ["bid_id"], unique=False)

    with op.batch_alter_table("bid", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("description", sa.String(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("portal_url", sa.String(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("deadline_all_day", sa.Boolean(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.add_column(
            sa.Column("cpv_codes", sa.String(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("lots", sa.String(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("documents", sa.String(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("ocid", sa.String(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(sa.Column("sme_suitable", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("vcse_suitable", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("go_checklist", sa.String(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(
            sa.Column("outcome_feedback", sa.String(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("outcome_scores", sa.String(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(sa.Column("outcome_on", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_bid_ocid"), ["ocid"], unique=False)

    with op.batch_alter_table("evidence_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )

    # Full-text search over the library (SQLite FTS5): an external-content index kept in step
    # with evidence_item by triggers, so every way of writing an item (the window, bulk
    # imports through SQL) updates it. Porter stemming finds plurals and word forms. A later
    # migration that rebuilds evidence_item must recreate these triggers.
    for statement in FTS_CREATE:
        op.execute(statement)


def downgrade() -> None:
    for statement in FTS_DROP:
        op.execute(statement)

    with op.batch_alter_table("evidence_item", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("bid", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bid_ocid"))
        batch_op.drop_column("outcome_on")
        batch_op.drop_column("outcome_scores")
        batch_op.drop_column("outcome_feedback")
        batch_op.drop_column("go_checklist")
        batch_op.drop_column("vcse_suitable")
        batch_op.drop_column("sme_suitable")
        batch_op.drop_column("ocid")
        batch_op.drop_column("documents")
        batch_op.drop_column("lots")
        batch_op.drop_column("cpv_codes")
        batch_op.drop_column("deadline_all_day")
        batch_op.drop_column("portal_url")
        batch_op.drop_column("description")

    with op.batch_alter_table("key_date", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_date_bid_id"))

    op.drop_table("key_date")
    with op.batch_alter_table("evidence_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_version_evidence_id"))

    op.drop_table("evidence_version")
    with op.batch_alter_table("evidence_usage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_usage_evidence_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_usage_bid_id"))

    op.drop_table("evidence_usage")
    with op.batch_alter_table("evidence_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_file_evidence_id"))

    op.drop_table("evidence_file")
    with op.batch_alter_table("bid_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bid_task_bid_id"))

    op.drop_table("bid_task")
    with op.batch_alter_table("bid_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bid_status_change_bid_id"))

    op.drop_table("bid_status_change")
