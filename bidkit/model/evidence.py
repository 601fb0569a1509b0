"""Evidence items: reusable answers, case studies, figures, testimonials and documents."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bidkit.model.enums import LabelledEnum
from bidkit.model.types import UTCDateTime, utc_now


class EvidenceKind(LabelledEnum):
    ANSWER = ("answer", "Answer text")
    CASE_STUDY = ("case_study", "Case study")
    STATISTIC = ("statistic", "Statistic or outcome figure")
    TESTIMONIAL = ("testimonial", "Testimonial")
    POLICY = ("policy", "Policy document")
    CERTIFICATE = ("certificate", "Certificate")
    OTHER = ("other", "Other file")


class EvidenceItem(SQLModel, table=True):
    __tablename__ = "evidence_item"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="SET NULL"), index=True),
    )
    kind: str = "answer"  # an EvidenceKind value
    title: str = ""
    body: str = ""
    tags: str = ""  # comma-separated
    owner: str = ""
    review_on: date | None = None
    expires_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
