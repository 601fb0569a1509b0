"""Evidence items: reusable answers, case studies, figures, testimonials and documents.

`body` is text with light formatting: paragraphs separated by blank lines, "- " bullet lines,
**bold** and *italic*. Every edit keeps the previous state as an `EvidenceVersion`; attached
files live in the workspace's file store by SHA-256 (`EvidenceFile`); `EvidenceUsage` records
which bids used an item. The full-text index (`evidence_fts`, SQLite FTS5) is created by the
migration and kept in step by `bidkit.library`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
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
    #: 1 for a new item, one more on every saved edit.
    version: int = 1
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


def _evidence_fk() -> Any:
    return Field(
        sa_column=Column(
            Integer, ForeignKey("evidence_item.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )


class EvidenceVersion(SQLModel, table=True):
    """An item as it was before an edit (version `version`)."""

    __tablename__ = "evidence_version"
    __table_args__ = (UniqueConstraint("evidence_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = _evidence_fk()
    version: int = 1
    kind: str = "answer"
    title: str = ""
    body: str = ""
    tags: str = ""
    owner: str = ""
    review_on: date | None = None
    expires_on: date | None = None
    saved_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class EvidenceFile(SQLModel, table=True):
    """A file attached to an item, stored once in the workspace by its SHA-256."""

    __tablename__ = "evidence_file"

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = _evidence_fk()
    sha256: str = ""
    file_name: str = ""
    media_type: str = ""
    size: int = 0
    added_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class EvidenceUsage(SQLModel, table=True):
    """An item used in a bid's answer."""

    __tablename__ = "evidence_usage"

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = _evidence_fk()
    bid_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    question_id: str = ""
    version: int = 1
    used_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
