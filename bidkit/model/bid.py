"""Bids, the organisations taking part in them, their key dates, tasks and history.

`Bid.deadline` is the submission deadline (UTC; a date-only deadline is stored as the end of
that day in UK time with `deadline_all_day` set); the other dates that matter are `KeyDate`
rows. JSON columns hold small structured values: lots, the go/no-go checklist, documents'
links and the buyer's scores.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

# The bid vocabularies live with the other enums (importable without SQLModel); kept here
# under their old names for the table classes' users.
from bidkit.model.enums import CLOSED_STATUSES as CLOSED_STATUSES  # noqa: PLC0414
from bidkit.model.enums import BidStatus as BidStatus  # noqa: PLC0414
from bidkit.model.enums import KeyDateKind as KeyDateKind  # noqa: PLC0414
from bidkit.model.enums import PartnerRole as PartnerRole  # noqa: PLC0414
from bidkit.model.types import Money, UTCDateTime, utc_now


class Bid(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = ""
    buyer: str = ""
    reference: str = ""
    status: str = "identified"  # a BidStatus value
    deadline: datetime | None = Field(default=None, sa_type=UTCDateTime)
    value: Decimal | None = Field(default=None, sa_type=Money)
    currency: str = "GBP"
    lead_org_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="SET NULL"), index=True),
    )
    notes: str = ""
    description: str = ""
    portal_url: str = ""
    deadline_all_day: bool = False
    cpv_codes: str = ""  # comma-separated CPV codes, e.g. "85310000,85320000"
    lots: str = "[]"  # JSON: [{"id", "title", "value"}]
    documents: str = "[]"  # JSON: [{"title", "url"}]
    ocid: str = Field(default="", index=True)  # the notice's Open Contracting id, if imported
    notice_type: str = ""  # a bidkit.bids.notice_kinds.NoticeType value, if imported
    #: Imported from a planning, award or closed notice, or after its deadline: a record of a
    #: past or future opportunity, whose dates stay out of the calendar and reminders.
    notice_record: bool = False
    sme_suitable: bool | None = None
    vcse_suitable: bool | None = None
    go_checklist: str = "{}"  # JSON: the go/no-go answers and result
    outcome_feedback: str = ""
    outcome_scores: str = "[]"  # JSON: [{"criterion", "score", "max"}]
    outcome_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


def _bid_fk() -> Any:
    return Field(
        sa_column=Column(
            Integer, ForeignKey("bid.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )


class KeyDate(SQLModel, table=True):
    """A date that matters for a bid, other than the submission deadline."""

    __tablename__ = "key_date"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = _bid_fk()
    kind: str = "custom"  # a KeyDateKind value
    label: str = ""
    due: datetime | None = Field(default=None, sa_type=UTCDateTime)
    all_day: bool = False


class BidTask(SQLModel, table=True):
    __tablename__ = "bid_task"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = _bid_fk()
    position: int = 0
    title: str = ""
    owner: str = ""
    due: date | None = None
    done: bool = False
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class BidStatusChange(SQLModel, table=True):
    __tablename__ = "bid_status_change"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = _bid_fk()
    from_status: str = ""
    to_status: str = ""
    note: str = ""
    changed_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class BidPartner(SQLModel, table=True):
    """An organisation taking part in a bid other than the lead."""

    __tablename__ = "bid_partner"
    __table_args__ = (UniqueConstraint("bid_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    organisation_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    role: str = "member"  # a PartnerRole value
    # The consortium on the bid (see bidkit.consortium.partners): what the buyer asks about
    # each partner besides its role.
    guarantor: bool = False
    key_subcontractor: bool = False
    relied_on_for_capacity: bool = False
    work_share_pct: int | None = None  # share of the work, whole per cent
    value_share_pct: int | None = None  # share of the contract value, whole per cent
    contact_name: str = ""  # the partner's contact for this bid
    contact_email: str = ""
    contact_phone: str = ""
    declaration_signed_by: str = ""  # who signed the partner's declaration for this bid
    declaration_signed_on: date | None = None
    #: Random id naming this partner's pack exchange on this bid (set by the first request).
    exchange_id: str = Field(default="", index=True)
