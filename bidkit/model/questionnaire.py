"""Questionnaire responses: the forms attached to a bid and their answers.

An answer belongs to one question of one attached form and, for questions every consortium
member answers, to one member organisation (`member_key` is that organisation's id, or 0 for
an answer given once for the bid). `value` is JSON in the shape the answer type defines (see
forms/README.md). Provenance: `source_kind` is "profile", "evidence", "typed" or "partner";
`source_ref` names the profile path or the evidence item and version; `source_value` is the
value pre-fill used, so BidKit can tell an answer the writer edited from one that still
follows the profile.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from bidkit.model.types import UTCDateTime, utc_now


class BidForm(SQLModel, table=True):
    __tablename__ = "bid_form"
    __table_args__ = (UniqueConstraint("bid_id", "form_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    form_id: str = ""
    form_version: str = ""
    attached_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Answer(SQLModel, table=True):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("bid_form_id", "question_id", "member_key"),)

    id: int | None = Field(default=None, primary_key=True)
    bid_form_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid_form.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    question_id: str = ""
    member_key: int = 0
    member_org_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="CASCADE"), index=True),
    )
    value: str = "null"  # JSON
    source_kind: str = "typed"
    source_ref: str = ""
    source_label: str = ""
    source_value: str = "null"  # JSON: what pre-fill put in
    source_changed: bool = False
    ready: bool = False
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
