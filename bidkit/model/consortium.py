"""Consortium records: the agreements the buyer asks for, and every partner pack sent or taken.

`PartnerAgreement` tracks a joint-working agreement, memorandum of understanding or letter of
support as a document with a status. `PackRecord` is one pack that went out or came in, with
what an import needs to be checked, explained and undone; `PackConflict` is one answer where a
partner's reply differs from what the lead edited since sending. `PartnerDocument` is a stored
file exchanged with a partner through packs (the lead's documents for them, their policies and
certificates).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bidkit.model.enums import LabelledEnum
from bidkit.model.types import UTCDateTime, utc_now


class AgreementKind(LabelledEnum):
    JOINT_WORKING = ("joint_working", "Joint-working agreement")
    MOU = ("mou", "Memorandum of understanding")
    LETTER_OF_SUPPORT = ("letter_of_support", "Letter of support")
    SUBCONTRACT = ("subcontract", "Subcontract terms")
    GUARANTEE = ("guarantee", "Parent company or guarantor letter")


class AgreementStatus(LabelledEnum):
    NEEDED = ("needed", "Needed")
    DRAFTING = ("drafting", "Drafting")
    SENT = ("sent", "Sent for signature")
    SIGNED = ("signed", "Signed")
    NOT_NEEDED = ("not_needed", "Not needed")


class PartnerAgreement(SQLModel, table=True):
    __tablename__ = "partner_agreement"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    #: The partner it concerns; None for an agreement between the whole consortium.
    organisation_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="CASCADE"), index=True),
    )
    kind: str = "joint_working"  # an AgreementKind value
    status: str = "needed"  # an AgreementStatus value
    title: str = ""
    file_sha256: str = ""  # the signed copy in the file store, once there is one
    file_name: str = ""  # the signed copy's name as the user gave it
    note: str = ""
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class PackRecord(SQLModel, table=True):
    """One pack exported or imported: `direction` "out" or "in", `kind` "request" or "reply"."""

    __tablename__ = "pack_record"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    organisation_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="SET NULL"), index=True),
    )
    exchange_id: str = Field(default="", index=True)
    direction: str = "out"
    kind: str = "request"
    sequence: int = 0
    #: "bidpack" or "docx".
    medium: str = "bidpack"
    file_name: str = ""
    file_sha256: str = ""
    signed: bool = False
    key_fingerprint: str = ""
    #: JSON: what the pack held that later steps need (the values sent, the request's
    #: questions and identity, the profile facts offered).
    payload: str = "{}"
    #: JSON: [{bid_form_id, question_id, member_key, before}] to undo an import in one step.
    undo: str = "[]"
    backup_path: str = ""
    undone: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class PackConflict(SQLModel, table=True):
    __tablename__ = "pack_conflict"

    id: int | None = Field(default=None, primary_key=True)
    pack_record_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("pack_record.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    bid_form_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid_form.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    question_id: str = ""
    member_key: int = 0
    mine: str = "null"  # JSON: the lead's answer when the reply came in
    theirs: str = "null"  # JSON: the partner's answer
    #: "" while open; "mine", "theirs" or "edited" once resolved.
    resolution: str = ""


class DocumentDirection(LabelledEnum):
    TO_PARTNER = ("to_partner", "For the partner")
    FROM_PARTNER = ("from_partner", "From the partner")
    FROM_LEAD = ("from_lead", "From the lead")


class PartnerDocument(SQLModel, table=True):
    """A stored file (by SHA-256) exchanged with the other side of a consortium bid.

    On the lead's side `organisation_id` is the partner: documents "to_partner" go out with
    each request pack, documents "from_partner" came in with a reply (`pack_record_id`, so
    undoing the import removes them). On the partner's side it is the lead ("from_lead").
    """

    __tablename__ = "partner_document"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("bid.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    organisation_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="CASCADE"), index=True),
    )
    direction: str = "to_partner"  # a DocumentDirection value
    file_name: str = ""
    sha256: str = ""
    size: int = 0
    #: JSON list of the question numbers whose answers cite the document ("1.2", "4.1(b)").
    cited_by: str = "[]"
    pack_record_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("pack_record.id", ondelete="CASCADE"), index=True),
    )
    added_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
