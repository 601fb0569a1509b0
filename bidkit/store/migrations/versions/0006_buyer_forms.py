"""buyer's own Word questionnaires

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-03 02:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "buyer_form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("source", sa.LargeBinary(), nullable=False),
        sa.Column("structure", sa.String(), nullable=False),
        sa.Column("corrections", sa.String(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("form_id"),
    )
    op.create_index("ix_buyer_form_bid_id", "buyer_form", ["bid_id"])


def downgrade() -> None:
    op.drop_index("ix_buyer_form_bid_id", table_name="buyer_form")
    op.drop_table("buyer_form")
