"""notice records: what kind of notice a bid came from, and whether it is only a record

Revision ID: 0009
Revises: 0004
Create Date: 2026-12-03 02:30:00

A planning, award or contract notice, or a tender whose deadline has passed, is imported as a
record of a past or future opportunity: the bid keeps the notice's facts, but its dates stay
out of the calendar and reminders. Existing bids are live tenders (the defaults).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bid", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notice_type", sa.String(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("notice_record", sa.Boolean(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    with op.batch_alter_table("bid", schema=None) as batch_op:
        batch_op.drop_column("notice_record")
        batch_op.drop_column("notice_type")
