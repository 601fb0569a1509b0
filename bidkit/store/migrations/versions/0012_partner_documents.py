"""partner documents: files exchanged through packs, and a signed agreement's file name

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-03 06:40:00

A consortium lead's documents for a partner travel in the request pack; a partner's policies
and certificates cited by their answers travel in the reply. Each is kept as a stored file
(by SHA-256) linked to the bid and the other organisation. A signed agreement keeps its file's
name beside the SHA-256 it already had.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("cited_by", sa.String(), nullable=False),
        sa.Column("pack_record_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pack_record_id"], ["pack_record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("partner_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_document_bid_id"), ["bid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_partner_document_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_partner_document_pack_record_id"), ["pack_record_id"], unique=False
        )
    with op.batch_alter_table("partner_agreement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("file_name", sa.String(), nullable=False, server_default=sa.text("''"))
        )


def downgrade() -> None:
    with op.batch_alter_table("partner_agreement", schema=None) as batch_op:
        batch_op.drop_column("file_name")
    op.drop_table("partner_document")
