"""The consortium on a bid: each partner's role, shares, contact, sign-off and agreements, and
what each still owes.

`consortium_view` is a read: progress is answered / required from the shared questionnaire
rules (through `coverage_report`), what a partner owes is their gaps plus their declaration
sign-off and agreements not yet signed; pack history and open conflicts come from the pack
records. The other functions are one user action each.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import col, select

from bidkit.errors import InputRefused, NotFound
from bidkit.model.bid import PartnerRole
from bidkit.model.consortium import (
    AgreementKind,
    AgreementStatus,
    PackConflict,
    PackRecord,
    PartnerAgreement,
)
from bidkit.model.types import utc_now
from bidkit.ops.changes import Changes
from bidkit.ops.partner_documents import DocumentView, documents_of_bid
from bidkit.ops.questionnaires import coverage_report
from bidkit.profile.values import format_short_date, parse_count, parse_date, uk_wall_time
from bidkit.store.queries import get_agreement, get_bid, get_organisation, partners_of
from bidkit.store.workspace import Workspace

BID = "bid"


@dataclass(frozen=True)
class AgreementView:
    id: int
    org_id: int | None
    party: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    title: str
    note: str
    #: The signed copy's name ("" when no signed copy is on file).
    file_name: str = ""

    @property
    def outstanding(self) -> bool:
        return self.status not in (str(AgreementStatus.SIGNED), str(AgreementStatus.NOT_NEEDED))

    @property
    def copy_missing(self) -> bool:
        """Marked signed, but the signed copy is not on file yet."""
        return self.status == str(AgreementStatus.SIGNED) and not self.file_name


@dataclass(frozen=True)
class PartnerStatus:
    org_id: int
    name: str
    role: str
    role_label: str
    guarantor: bool
    key_subcontractor: bool
    relied_on_for_capacity: bool
    work_share_pct: int | None
    value_share_pct: int | None
    contact_name: str
    contact_email: str
    contact_phone: str
    declaration_signed_by: str
    declaration_signed_on: date | None
    answered: int
    required: int
    owes: list[str] = field(default_factory=list)
    last_request: str = ""
    last_reply: str = ""
    trust_text: str = ""
    open_conflicts: int = 0
    last_import_id: int | None = None

    @property
    def roles_text(self) -> str:
        extra = [
            label
            for flag, label in (
                (self.guarantor, "guarantor"),
                (self.key_subcontractor, "key subcontractor"),
                (self.relied_on_for_capacity, "relied on for capacity"),
            )
            if flag
        ]
        return self.role_label + (f" ({', '.join(extra)})" if extra else "")


@dataclass(frozen=True)
class ConsortiumView:
    bid_id: int
    lead_name: str
    lead_answered: int
    lead_required: int
    partners: list[PartnerStatus]
    agreements: list[AgreementView]
    #: On a partner's bid opened from a lead's request pack: the lead's name ("" otherwise).
    request_from: str = ""
    #: Documents exchanged through packs (the lead's for partners, partners' cited files).
    documents: list[DocumentView] = field(default_factory=list)


def _day(moment: datetime) -> str:
    """When a pack went out or came in, as the UK day in short form: 3 Dec 2026."""
    return format_short_date(uk_wall_time(moment).date())


def _label(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def _packs(ws: Workspace, bid_id: int) -> tuple[dict[int, list[PackRecord]], dict[int, int]]:
    with ws.session() as session:
        records = session.exec(
            select(PackRecord).where(col(PackRecord.bid_id) == bid_id).order_by(col(PackRecord.id))
        ).all()
        open_by_record: dict[int, int] = {}
        for conflict in session.exec(
            select(PackConflict).where(col(PackConflict.resolution) == "")
        ):
            open_by_record[conflict.pack_record_id] = (
                open_by_record.get(conflict.pack_record_id, 0) + 1
            )
    by_org: dict[int, list[PackRecord]] = {}
    for r in records:
        if r.organisation_id is not None:
            by_org.setdefault(r.organisation_id, []).append(r)
    return by_org, open_by_record


def consortium_view(ws: Workspace, bid_id: int) -> ConsortiumView:
    """Everything the Partners tab shows (a read)."""
    coverage = coverage_report(ws, bid_id)
    answered: dict[int, int] = {}
    required: dict[int, int] = {}
    owes: dict[int | None, list[str]] = {}
    for report in coverage:
        for progress in report.progress:
            answered[progress.org_id] = answered.get(progress.org_id, 0) + progress.answered
            required[progress.org_id] = required.get(progress.org_id, 0) + progress.required
        for missing in report.missing:
            owes.setdefault(missing.org_id, []).append(f"{missing.number}: {missing.reason}")
    by_org, open_conflicts = _packs(ws, bid_id)
    with ws.session() as session:
        bid = get_bid(session, bid_id)
        lead = get_organisation(session, bid.lead_org_id) if bid.lead_org_id else None
        agreements = []
        for a in session.exec(
            select(PartnerAgreement)
            .where(col(PartnerAgreement.bid_id) == bid_id)
            .order_by(col(PartnerAgreement.id))
        ):
            party = (
                get_organisation(session, a.organisation_id).legal_name
                if a.organisation_id
                else "Whole consortium"
            )
            agreements.append(
                AgreementView(
                    a.id or 0,
                    a.organisation_id,
                    party,
                    a.kind,
                    _label(AgreementKind, a.kind),
                    a.status,
                    _label(AgreementStatus, a.status),
                    a.title,
                    a.note,
                    a.file_name if a.file_sha256 else "",
                )
            )
        partners = []
        for row in partners_of(session, bid_id):
            org = get_organisation(session, row.organisation_id)
            org_id = row.organisation_id
            # Sign-off and agreements first: a few items that block submission outright.
            owed = [] if row.declaration_signed_by else ["Declaration sign-off for this bid"]
            owed += [
                f"{a.kind_label}: {a.status_label.lower()}"
                for a in agreements
                if a.outstanding and a.org_id in (org_id, None)
            ]
            owed += [
                f"{a.kind_label}: signed copy not on file"
                for a in agreements
                if a.copy_missing and a.org_id in (org_id, None)
            ]
            owed += owes.get(org_id, [])
            records = by_org.get(org_id, [])
            out = [r for r in records if r.direction == "out"]
            replies = [r for r in records if r.direction == "in" and not r.undone]
            last = replies[-1] if replies else None
            payload = json.loads(last.payload) if last else {}
            partners.append(
                PartnerStatus(
                    org_id,
                    org.legal_name,
                    row.role,
                    _label(PartnerRole, row.role),
                    row.guarantor,
                    row.key_subcontractor,
                    row.relied_on_for_capacity,
                    row.work_share_pct,
                    row.value_share_pct,
                    row.contact_name,
                    row.contact_email,
                    row.contact_phone,
                    row.declaration_signed_by,
                    row.declaration_signed_on,
                    answered.get(org_id, 0),
                    required.get(org_id, 0),
                    owed,
                    last_request=(
                        f"#{out[-1].sequence}, {_day(out[-1].created_at)}" if out else ""
                    ),
                    last_reply=(f"#{last.sequence}, {_day(last.created_at)}" if last else ""),
                    trust_text=str(payload.get("trust_text", "")),
                    open_conflicts=sum(open_conflicts.get(r.id or 0, 0) for r in replies),
                    last_import_id=last.id if last else None,
                )
            )
        lead_id = bid.lead_org_id or 0
        opened = session.exec(
            select(PackRecord).where(
                col(PackRecord.bid_id) == bid_id,
                col(PackRecord.direction) == "in",
                col(PackRecord.kind) == "request",
            )
        ).first()
        request_from = (
            str(json.loads(opened.payload).get("bid", {}).get("lead") or "the lead")
            if opened
            else ""
        )
        return ConsortiumView(
            bid_id,
            lead.legal_name if lead else "",
            answered.get(lead_id, 0),
            required.get(lead_id, 0),
            partners,
            agreements,
            request_from,
            documents_of_bid(session, bid_id),
        )


def requested_questions(ws: Workspace, bid_id: int) -> int:
    """How many questions the request a bid was opened from asks (partner side; a read)."""
    with ws.session() as session:
        record = session.exec(
            select(PackRecord)
            .where(
                col(PackRecord.bid_id) == bid_id,
                col(PackRecord.kind) == "request",
                col(PackRecord.direction) == "in",
            )
            .order_by(col(PackRecord.id).desc())
        ).first()
        if record is None:
            return 0
        questions = json.loads(record.payload).get("questions", {})
        return sum(len(ids) for ids in questions.values())


# -- actions ---------------------------------------------------------------------------------
def _percent(text: str, label: str) -> int | None:
    if not text.strip():
        return None
    try:
        value = parse_count(text.strip().removesuffix("%").strip())
    except ValueError as exc:
        raise InputRefused(f"{label}: {exc}") from None
    if value > 100:
        raise InputRefused(f"{label} is a share: enter a per cent from 0 to 100.")
    return value


def update_partner(ws: Workspace, bid_id: int, org_id: int, values: Mapping[str, Any]) -> Changes:
    """Save a partner's role and details on this bid (role, flags, shares as text, contact)."""
    with ws.write() as session:
        row = next((p for p in partners_of(session, bid_id) if p.organisation_id == org_id), None)
        if row is None:
            raise NotFound("That organisation is no longer a partner on this bid.")
        if "role" in values:
            try:
                row.role = str(PartnerRole(values["role"]))
            except ValueError:
                raise InputRefused(f"'{values['role']}' is not a partner role.") from None
            if row.role == str(PartnerRole.LEAD):
                raise InputRefused("Choose the lead on the bid's Details tab.")
        for flag in ("guarantor", "key_subcontractor", "relied_on_for_capacity"):
            if flag in values:
                setattr(row, flag, bool(values[flag]))
        if "work_share" in values:
            row.work_share_pct = _percent(str(values["work_share"]), "Share of the work")
        if "value_share" in values:
            row.value_share_pct = _percent(str(values["value_share"]), "Share of the value")
        for name in ("contact_name", "contact_email", "contact_phone"):
            if name in values:
                setattr(row, name, str(values[name]).strip()[:300])
        others = sum(
            p.value_share_pct or 0
            for p in partners_of(session, bid_id)
            if p.organisation_id != org_id
        )
        if (row.value_share_pct or 0) + others > 100:
            raise InputRefused(
                "The partners' shares of the contract value add up to more than "
                "100%. Lower one of them."
            )
        session.add(row)
        name = get_organisation(session, org_id).legal_name
    return Changes.of(BID, bid_id, note=f"{name}'s part in the bid saved")


def sign_off(ws: Workspace, bid_id: int, org_id: int, signed_by: str, on: str = "") -> Changes:
    """Record (or, with an empty name, clear) a partner's declaration sign-off for the bid."""
    with ws.write() as session:
        row = next((p for p in partners_of(session, bid_id) if p.organisation_id == org_id), None)
        if row is None:
            raise NotFound("That organisation is no longer a partner on this bid.")
        row.declaration_signed_by = signed_by.strip()[:200]
        try:
            row.declaration_signed_on = (
                (parse_date(on) if on.strip() else date.today())
                if row.declaration_signed_by
                else None
            )
        except ValueError as exc:
            raise InputRefused(f"Signed on: {exc}") from None
        session.add(row)
    return Changes.of(BID, bid_id, note="Declaration sign-off saved")


def add_agreement(
    ws: Workspace, bid_id: int, org_id: int | None, kind: str, title: str = ""
) -> Changes:
    try:
        kind = str(AgreementKind(kind))
    except ValueError:
        raise InputRefused(f"'{kind}' is not a kind of agreement.") from None
    with ws.write() as session:
        get_bid(session, bid_id)
        if org_id is not None and org_id not in {
            p.organisation_id for p in partners_of(session, bid_id)
        }:
            raise InputRefused("An agreement is with the whole consortium or one of its partners.")
        session.add(
            PartnerAgreement(
                bid_id=bid_id,
                organisation_id=org_id,
                kind=kind,
                title=title.strip() or _label(AgreementKind, kind),
            )
        )
    return Changes.of(BID, bid_id, note="Agreement added")


def set_agreement_status(ws: Workspace, agreement_id: int, status: str, note: str = "") -> Changes:
    try:
        status = str(AgreementStatus(status))
    except ValueError:
        raise InputRefused(f"'{status}' is not an agreement status.") from None
    with ws.write() as session:
        row = get_agreement(session, agreement_id)
        row.status, row.updated_at = status, utc_now()
        if note:
            row.note = note.strip()[:2000]
        session.add(row)
        bid_id = row.bid_id
    return Changes.of(BID, bid_id, note="Agreement updated")


def remove_agreement(ws: Workspace, agreement_id: int) -> Changes:
    with ws.write() as session:
        row = get_agreement(session, agreement_id)
        bid_id = row.bid_id
        session.delete(row)
    return Changes.of(BID, bid_id, note="Agreement removed")
