"""questionnaire responses

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 21:13:24.130530
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bid_form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(), nullable=False),
        sa.Column("form_version", sa.String(), nullable=False),
        sa.Column("attached_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bid_id", "form_id"),
    )
    with op.batch_alter_table("bid_form", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bid_form_bid_id"), ["bid_id"], unique=False)

    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_form_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("member_key", sa.Integer(), nullable=False),
        sa.Column("member_org_id", sa.Integer(), nullable=True),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("source_kind", sa.String(), nullable=False),
        sa.Column("source_ref", sa.String(), nullable=False),
        sa.Column("source_label", sa.String(), nullable=False),
        sa.Column("source_value", sa.String(), nullable=False),
        sa.Column("source_changed", sa.Boolean(), nullable=False),
        sa.Column("ready", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["bid_form_id"], ["bid_form.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_org_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bid_form_id", "question_id", "member_key"),
    )
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answer_bid_form_id"), ["bid_form_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_answer_member_org_id"), ["member_org_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_member_org_id"))
        batch_op.drop_index(batch_op.f("ix_answer_bid_form_id"))

    op.drop_table("answer")
    with op.batch_alter_table("bid_form", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bid_form_bid_id"))

    op.drop_table("bid_form")
