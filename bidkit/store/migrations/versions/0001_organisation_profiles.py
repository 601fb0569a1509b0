"""organisation profiles

Revision ID: 0001
Revises:
Create Date: 2026-11-21 20:39:50.950847
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("is_own", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("legal_name", sa.String(), nullable=False),
        sa.Column("trading_names", sa.String(), nullable=False),
        sa.Column("legal_form", sa.String(), nullable=True),
        sa.Column("legal_form_other", sa.String(), nullable=False),
        sa.Column("registration_date", sa.Date(), nullable=True),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("website", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("companies_house_number", sa.String(), nullable=False),
        sa.Column("charity_number_ew", sa.String(), nullable=False),
        sa.Column("charity_number_sc", sa.String(), nullable=False),
        sa.Column("charity_number_ni", sa.String(), nullable=False),
        sa.Column("fca_mutuals_number", sa.String(), nullable=False),
        sa.Column("vat_number", sa.String(), nullable=False),
        sa.Column("ppon", sa.String(), nullable=False),
        sa.Column("duns", sa.String(), nullable=False),
        sa.Column("registered_address", sa.String(), nullable=False),
        sa.Column("registered_postcode", sa.String(), nullable=False),
        sa.Column("registered_country", sa.String(), nullable=False),
        sa.Column("trading_same_as_registered", sa.Boolean(), nullable=False),
        sa.Column("trading_address", sa.String(), nullable=False),
        sa.Column("trading_postcode", sa.String(), nullable=False),
        sa.Column("size_band", sa.String(), nullable=True),
        sa.Column("is_vcse", sa.Boolean(), nullable=False),
        sa.Column("is_supported_employment", sa.Boolean(), nullable=False),
        sa.Column("is_public_service_mutual", sa.Boolean(), nullable=False),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("volunteers", sa.Integer(), nullable=True),
        sa.Column("area_of_operation", sa.String(), nullable=False),
        sa.Column("parent_name", sa.String(), nullable=False),
        sa.Column("parent_number", sa.String(), nullable=False),
        sa.Column("ultimate_parent_name", sa.String(), nullable=False),
        sa.Column("ultimate_parent_number", sa.String(), nullable=False),
        sa.Column("exclusions_confirmed_on", sa.Date(), nullable=True),
        sa.Column("social_mission", sa.String(), nullable=False),
        sa.Column("social_value", sa.String(), nullable=False),
        sa.Column("asset_locked", sa.Boolean(), nullable=False),
        sa.Column("logo_sha256", sa.String(), nullable=False),
        sa.Column("logo_filename", sa.String(), nullable=False),
        sa.Column("brand_colour", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_is_own"), ["is_own"], unique=False)
    op.create_table(
        "accreditation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("awarding_body", sa.String(), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("accreditation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_accreditation_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("job_title", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "contract_example",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("customer", sa.String(), nullable=False),
        sa.Column("contact_name", sa.String(), nullable=False),
        sa.Column("contact_position", sa.String(), nullable=False),
        sa.Column("contact_email", sa.String(), nullable=False),
        sa.Column("contact_phone", sa.String(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("outcomes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contract_example", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_example_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "exclusion_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ground", sa.String(), nullable=False),
        sa.Column("applies", sa.Boolean(), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("self_cleaning", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "ground"),
    )
    with op.batch_alter_table("exclusion_declaration", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exclusion_declaration_organisation_id"),
            ["organisation_id"],
            unique=False,
        )
    op.create_table(
        "financial_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("year_end", sa.Date(), nullable=True),
        sa.Column("turnover", sa.BigInteger(), nullable=True),
        sa.Column("surplus", sa.BigInteger(), nullable=True),
        sa.Column("net_assets", sa.BigInteger(), nullable=True),
        sa.Column("unrestricted_reserves", sa.BigInteger(), nullable=True),
        sa.Column("accounts_type", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("financial_year", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_financial_year_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "insurance_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("insurance_type", sa.String(), nullable=False),
        sa.Column("insurer", sa.String(), nullable=False),
        sa.Column("cover", sa.BigInteger(), nullable=True),
        sa.Column("policy_number", sa.String(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("insurance_policy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_insurance_policy_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "key_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("nationality", sa.String(), nullable=False),
        sa.Column("country_of_residence", sa.String(), nullable=False),
        sa.Column("connected_since", sa.Date(), nullable=True),
        sa.Column("dbs_status", sa.String(), nullable=True),
        sa.Column("dbs_level", sa.String(), nullable=True),
        sa.Column("dbs_checked_on", sa.Date(), nullable=True),
        sa.Column("dbs_renewal_due", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("key_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_key_person_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "policy_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("policy_type", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("file_sha256", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("last_reviewed", sa.Date(), nullable=True),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("policy_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_policy_document_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("policy_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_document_organisation_id"))

    op.drop_table("policy_document")
    with op.batch_alter_table("key_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_person_organisation_id"))

    op.drop_table("key_person")
    with op.batch_alter_table("insurance_policy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insurance_policy_organisation_id"))

    op.drop_table("insurance_policy")
    with op.batch_alter_table("financial_year", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_financial_year_organisation_id"))

    op.drop_table("financial_year")
    with op.batch_alter_table("exclusion_declaration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exclusion_declaration_organisation_id"))

    op.drop_table("exclusion_declaration")
    with op.batch_alter_table("contract_example", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_example_organisation_id"))

    op.drop_table("contract_example")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_organisation_id"))

    op.drop_table("contact")
    with op.batch_alter_table("accreditation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accreditation_organisation_id"))

    op.drop_table("accreditation")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_is_own"))

    op.drop_table("organisation")
