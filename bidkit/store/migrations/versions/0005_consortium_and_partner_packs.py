"""consortium and partner packs

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 02:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _text(name: str, default: str = "''") -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=False, server_default=sa.text(default))


def _flag(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.text("0"))


def upgrade() -> None:
    op.create_table(
        "pack_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("exchange_id", sa.String(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("medium", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("file_sha256", sa.String(), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("key_fingerprint", sa.String(), nullable=False),
        sa.Column("payload", sa.String(), nullable=False),
        sa.Column("undo", sa.String(), nullable=False),
        sa.Column("backup_path", sa.String(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pack_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pack_record_bid_id"), ["bid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_pack_record_exchange_id"), ["exchange_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_pack_record_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "partner_agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("file_sha256", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("partner_agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_agreement_bid_id"), ["bid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_partner_agreement_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "pack_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pack_record_id", sa.Integer(), nullable=False),
        sa.Column("bid_form_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("member_key", sa.Integer(), nullable=False),
        sa.Column("mine", sa.String(), nullable=False),
        sa.Column("theirs", sa.String(), nullable=False),
        sa.Column("resolution", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["bid_form_id"], ["bid_form.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pack_record_id"], ["pack_record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pack_conflict", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pack_conflict_bid_form_id"), ["bid_form_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_pack_conflict_pack_record_id"), ["pack_record_id"], unique=False
        )

    with op.batch_alter_table("bid_partner", schema=None) as batch_op:
        batch_op.add_column(_flag("guarantor"))
        batch_op.add_column(_flag("key_subcontractor"))
        batch_op.add_column(_flag("relied_on_for_capacity"))
        batch_op.add_column(sa.Column("work_share_pct", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("value_share_pct", sa.Integer(), nullable=True))
        batch_op.add_column(_text("contact_name"))
        batch_op.add_column(_text("contact_email"))
        batch_op.add_column(_text("contact_phone"))
        batch_op.add_column(_text("declaration_signed_by"))
        batch_op.add_column(sa.Column("declaration_signed_on", sa.Date(), nullable=True))
        batch_op.add_column(_text("exchange_id"))
        batch_op.create_index(
            batch_op.f("ix_bid_partner_exchange_id"), ["exchange_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("bid_partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bid_partner_exchange_id"))
        for column in (
            "exchange_id",
            "declaration_signed_on",
            "declaration_signed_by",
            "contact_phone",
            "contact_email",
            "contact_name",
            "value_share_pct",
            "work_share_pct",
            "relied_on_for_capacity",
            "key_subcontractor",
            "guarantor",
        ):
            batch_op.drop_column(column)

    with op.batch_alter_table("pack_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pack_conflict_pack_record_id"))
        batch_op.drop_index(batch_op.f("ix_pack_conflict_bid_form_id"))
    op.drop_table("pack_conflict")
    with op.batch_alter_table("partner_agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_agreement_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_partner_agreement_bid_id"))
    op.drop_table("partner_agreement")
    with op.batch_alter_table("pack_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pack_record_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_pack_record_exchange_id"))
        batch_op.drop_index(batch_op.f("ix_pack_record_bid_id"))
    op.drop_table("pack_record")
