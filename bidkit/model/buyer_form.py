"""A buyer's own Word questionnaire attached to a bid.

`source` is the buyer's file exactly as imported (answers are written into a copy of it on
export); `structure` is what the reader found, with the writer's corrections applied, as JSON
(`bidkit.buyer_forms.structure`); `corrections` lists those corrections in order, so they are
kept and can be shown. The bid's `bid_form` row with the same `form_id` holds the answers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from bidkit.model.types import UTCDateTime, utc_now


class BuyerFormFile(SQLModel, table=True):
    __tablename__ = "buyer_form"
    __table_args__ = (UniqueConstraint("form_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    form_id: str = ""
    file_name: str = ""
    source: bytes = Field(default=b"", sa_column=Column(LargeBinary, nullable=False))
    structure: str = "{}"  # JSON
    corrections: str = "[]"  # JSON
    #: One more on every correction, so a loaded copy of the form knows it is stale.
    revision: int = 1
    imported_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
