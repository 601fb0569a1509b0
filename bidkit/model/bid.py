"""Bids and the organisations taking part in them.

This is the first shape of a bid: enough to track what the workspace is bidding for, who leads
and who the consortium partners are. Deadlines, tasks and notices extend it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from bidkit.model.enums import LabelledEnum
from bidkit.model.types import Money, UTCDateTime, utc_now


class BidStatus(LabelledEnum):
    IDENTIFIED = ("identified", "Identified")
    GO_NO_GO = ("go_no_go", "Go / no-go")
    DRAFTING = ("drafting", "Drafting")
    IN_REVIEW = ("in_review", "In review")
    SUBMITTED = ("submitted", "Submitted")
    WON = ("won", "Won")
    LOST = ("lost", "Lost")
    WITHDRAWN = ("withdrawn", "Withdrawn")


class PartnerRole(LabelledEnum):
    LEAD = ("lead", "Lead")
    MEMBER = ("member", "Consortium member")
    SUBCONTRACTOR = ("subcontractor", "Subcontractor")


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
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


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
