"""Organisation profiles: the reusable facts every UK supplier questionnaire asks for.

`Organisation` holds the single-valued facts; repeating facts (contacts, people, financial
years, insurance, accreditations, policies, exclusion declarations, contract examples) are child
tables ordered by `position`. Money is `Decimal` pounds and pence (stored as whole pence).
Enumerated fields hold the string values of the enums in `bidkit.model.enums`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from bidkit.model.types import Money, UTCDateTime, utc_now


def _org_fk() -> Any:
    """The organisation_id column: indexed, and deleted with its organisation."""
    return Field(
        sa_column=Column(
            Integer, ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    is_own: bool = Field(default=False, index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)

    # Identity
    legal_name: str = ""
    trading_names: str = ""  # one per line
    legal_form: str | None = None
    legal_form_other: str = ""
    registration_date: date | None = None
    description: str = ""  # principal activities
    website: str = ""
    email: str = ""
    phone: str = ""

    # Registration numbers
    companies_house_number: str = ""
    charity_number_ew: str = ""
    charity_number_sc: str = ""
    charity_number_ni: str = ""
    fca_mutuals_number: str = ""
    vat_number: str = ""
    ppon: str = ""
    duns: str = ""

    # Addresses
    registered_address: str = ""  # street lines and town, one per line
    registered_postcode: str = ""
    registered_country: str = "United Kingdom"
    trading_same_as_registered: bool = True
    trading_address: str = ""
    trading_postcode: str = ""

    # Size and status
    size_band: str | None = None
    is_vcse: bool = False
    is_supported_employment: bool = False
    is_public_service_mutual: bool = False
    employees: int | None = None
    volunteers: int | None = None
    area_of_operation: str = ""

    # Group
    parent_name: str = ""
    parent_number: str = ""
    ultimate_parent_name: str = ""
    ultimate_parent_number: str = ""

    # Exclusion declarations
    exclusions_confirmed_on: date | None = None

    # Social mission and value
    social_mission: str = ""
    social_value: str = ""
    asset_locked: bool = False

    # Brand (for exports)
    logo_sha256: str = ""
    logo_filename: str = ""
    brand_colour: str = ""


class Contact(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _org_fk()
    position: int = 0
    role: str = "bid_contact"
    name: str = ""
    job_title: str = ""
    email: str = ""
    phone: str = ""


class KeyPerson(SQLModel, table=True):
    """A connected person or key member of staff: only what the forms ask.

    DBS checks are criminal-offence data: only the status, level and two dates are kept,
    never what a certificate says.
    """

    __tablename__ = "key_person"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _org_fk()
    position: int = 0
    name: str = ""
    role: str = ""
    category: str = "director"
    date_of_birth: date | None = None
    nationality: str = ""
    country_of_residence: str = ""
    connected_since: date | None = None
    dbs_status: str | None = None
    dbs_level: str | None = None
    dbs_checked_on: date | None = None
    dbs_renewal_due: date | None = None


class FinancialYear(SQLModel, table=True):
    __tablename__ = "financial_year"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _org_fk()
    position: int = 0
    year_end: date | None = None
    turnover: Decimal | None = Field(default=None, sa_type=Money)
    surplus: Decimal | None = Field(default=None, sa_type=Money)
    net_assets: Decimal | None = Field(default=None, sa_type=Money)
    unrestricted_reserves: Decimal | None = Field(default=None, sa_type=Money)
    accounts_type: str | None = None


class InsurancePolicy(SQLModel, table=True):
    __tablename__ = "insurance_policy"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _org_fk()
    position: int = 0
    insurance_type: str = "public_liability"
    insurer: str = ""
    cover: Decimal | None = Field(default=None, sa_type=Money)
    policy_number: str = ""
    expires_on: date | None = None


class Accreditation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _org_fk()
    position: int = 0
    name: str = ""
    awarding_body: str = ""
    reference: str = ""
    awarded_on: date | None = None
    expires_on: date | None = None


class PolicyDocument(SQLModel, table=True):
    __tablename__ = "policy_document"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _org_fk()
    position: int = 0
    policy_type: str = "safeguarding"
    title: str = ""
    file_sha256: str = ""
    file_name: str = ""
    last_reviewed: date | None = None
    next_review: date | None = None


class ExclusionDeclaration(SQLModel, table=True):
    """The organisation's answer for one exclusion ground (see `exclusion_grounds`)."""

    __tablename__ = "exclusion_declaration"
    __table_args__ = (UniqueConstraint("organisation_id", "ground"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _org_fk()
    position: int = 0
    ground: str = ""
    applies: bool | None = None  # None: not answered yet
    occurred_on: date | None = None
    details: str = ""
    self_cleaning: str = ""


class ContractExample(SQLModel, table=True):
    __tablename__ = "contract_example"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _org_fk()
    position: int = 0
    customer: str = ""
    contact_name: str = ""
    contact_position: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    value: Decimal | None = Field(default=None, sa_type=Money)
    start_date: date | None = None
    end_date: date | None = None
    description: str = ""
    outcomes: str = ""


#: The repeating sections of a profile, by the key used in documents, ops and the window.
PROFILE_TABLES: dict[str, type[SQLModel]] = {
    "contacts": Contact,
    "people": KeyPerson,
    "financial_years": FinancialYear,
    "insurance": InsurancePolicy,
    "accreditations": Accreditation,
    "policies": PolicyDocument,
    "exclusions": ExclusionDeclaration,
    "contract_examples": ContractExample,
}
