"""Export a bid's completed questionnaire as Word or PDF, and check it first.

Reads the bid, its questionnaire as stored (the same read the questionnaire page makes, so the
export says what the window shows), the lead organisation's logo and colour and the evidence
items the answers use, then hands plain values to `bidkit.export`. Nothing from another bid
is read, and nothing is written to the workspace: previewing and exporting are reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from bidkit.export.build import Cancelled, ExportOptions, Progress, is_draft
from bidkit.export.compliance import ComplianceReport, check_compliance
from bidkit.export.naming import export_file_name
from bidkit.export.pipeline import ExportFormat, ExportResult, export_content
from bidkit.export.source import (
    AgreementRecord,
    AnswerRecord,
    BidContent,
    EvidenceRecord,
    ProfileRecord,
    StoredFile,
    evidence_ids,
    profile_row,
)
from bidkit.forms.bindings import resolve
from bidkit.forms.catalog import get_form
from bidkit.forms.rules import Participant
from bidkit.model.bid import KeyDate, KeyDateKind
from bidkit.model.consortium import AgreementKind, AgreementStatus, PartnerAgreement
from bidkit.model.enums import InsuranceType
from bidkit.model.evidence import EvidenceFile, EvidenceItem, EvidenceKind
from bidkit.model.organisation import Accreditation, Organisation
from bidkit.ops.questionnaires import forms_of_bid, read_questionnaire
from bidkit.store.queries import ProfileData, get_bid, profile_data
from bidkit.store.workspace import Workspace


def _kind_label(kind: str) -> str:
    try:
        return str(EvidenceKind(kind).label)
    except ValueError:
        return kind


def load_content(
    ws: Workspace, bid_id: int, form_id: str | None = None, today: date | None = None
) -> BidContent:
    """Everything an export of this bid's questionnaire needs, detached from the database."""
    snapshot = read_questionnaire(ws, bid_id, form_id, today)
    form_id = snapshot.form_id
    answers = {
        key: AnswerRecord(view.value, view.ready, view.source_ref)
        for key, view in snapshot.answers.items()
    }
    form = get_form(form_id)
    wanted = {ident for record in answers.values() for ident in evidence_ids(record)}
    lead_id = next((m.org_id for m in snapshot.participants if m.role == "lead"), 0)
    with ws.session() as session:
        bid = get_bid(session, bid_id)
        lead = session.get(Organisation, bid.lead_org_id) if bid.lead_org_id else None
        logo_sha, logo_name = (lead.logo_sha256, lead.logo_filename) if lead else ("", "")
        colour = lead.brand_colour if lead else ""
        records = profile_records(session, answers, snapshot.participants, lead_id)
        evidence = _evidence_records(session, wanted, records, lead_id)
        title, buyer, reference = bid.title, bid.buyer, bid.reference
        deadline = bid.deadline.date() if bid.deadline else None
        start = session.exec(
            select(KeyDate.due).where(
                KeyDate.bid_id == bid_id, KeyDate.kind == str(KeyDateKind.CONTRACT_START)
            )
        ).first()
        agreements = _signed_agreements(session, bid_id)
    logo = None
    if logo_sha and ws.files.exists(logo_sha):
        logo = ws.files.read(logo_sha)
    return BidContent(
        bid_id=bid_id,
        title=title,
        buyer=buyer,
        reference=reference,
        form=form,
        members=snapshot.participants,
        answers=answers,
        evidence=evidence,
        logo=logo,
        logo_name=logo_name,
        brand_colour=colour,
        profile_records=records,
        deadline=deadline,
        contract_start=start.date() if start is not None else None,
        agreements=agreements,
    )


def _signed_agreements(session: Session, bid_id: int) -> tuple[AgreementRecord, ...]:
    """The bid's signed agreements whose copies are on file: "Joint-working agreement –
    Greenway Community Trust" (the agreement's own title when it has one)."""
    rows = session.exec(
        select(PartnerAgreement)
        .where(
            col(PartnerAgreement.bid_id) == bid_id,
            col(PartnerAgreement.status) == str(AgreementStatus.SIGNED),
            col(PartnerAgreement.file_sha256) != "",
        )
        .order_by(col(PartnerAgreement.id))
    ).all()
    found = []
    for row in rows:
        try:
            title = row.title or AgreementKind(row.kind).label
        except ValueError:
            title = "Signed agreement"
        org = session.get(Organisation, row.organisation_id) if row.organisation_id else None
        if org is not None and org.legal_name not in title:
            title = f"{title} – {org.legal_name}"
        stored = StoredFile(row.file_sha256, row.file_name or "signed agreement")
        found.append(AgreementRecord(title, row.organisation_id or 0, stored))
    return tuple(found)


def _evidence_records(
    session: Session,
    wanted: set[int],
    records: dict[tuple[int, str], ProfileRecord],
    lead_id: int,
) -> dict[int, EvidenceRecord]:
    """The library items the answers use. A certificate item that names a certificate of the
    lead's profile (by its reference, e.g. CE-0042-7781) takes that row's expiry date: the
    profile is the one place a certificate's dates are kept."""
    if not wanted:
        return {}
    certificates = [
        r
        for (org, row), r in records.items()
        if org == lead_id and row.startswith("accreditations[") and r.reference
    ]
    known = {c.reference for c in certificates}
    certificates += [c for c in _lead_certificates(session, lead_id) if c.reference not in known]
    items = session.exec(select(EvidenceItem).where(col(EvidenceItem.id).in_(wanted))).all()
    files = session.exec(
        select(EvidenceFile)
        .where(col(EvidenceFile.evidence_id).in_(wanted))
        .order_by(col(EvidenceFile.id))
    ).all()
    evidence: dict[int, EvidenceRecord] = {}
    for item in items:
        ident = item.id or 0
        mine = [f for f in files if f.evidence_id == ident]
        text = f"{item.title}\n{item.body}"
        match = next((c for c in certificates if c.reference in text), None)
        evidence[ident] = EvidenceRecord(
            id=ident,
            title=item.title,
            kind=_kind_label(item.kind),
            files=tuple(f.file_name for f in mine),
            expires_on=match.expires_on if match is not None else item.expires_on,
            document=item.kind in _DOCUMENT_KINDS or bool(mine),
            stored=tuple(StoredFile(f.sha256, f.file_name) for f in mine),
            reference=match.reference if match is not None else "",
        )
    return evidence


_DOCUMENT_KINDS = {str(EvidenceKind.POLICY), str(EvidenceKind.CERTIFICATE), str(EvidenceKind.OTHER)}


def _lead_certificates(session: Session, lead_id: int) -> list[ProfileRecord]:
    if not lead_id:
        return []
    rows = session.exec(select(Accreditation).where(Accreditation.organisation_id == lead_id))
    return [_accreditation(row) for row in rows.all() if row.reference]


def _accreditation(row: Accreditation) -> ProfileRecord:
    return ProfileRecord(row.name, "Certificate", row.expires_on, row.reference)


def profile_records(
    session: Session,
    answers: Mapping[tuple[str, int], AnswerRecord],
    participants: tuple[Participant, ...],
    lead_id: int,
) -> dict[tuple[int, str], ProfileRecord]:
    """The policy, certificate and insurance rows the answers were taken from, per member."""
    names = {m.org_id: m.name for m in participants}
    wanted: set[tuple[int, str]] = set()
    for (_question, key), answer in answers.items():
        row = profile_row(answer.source_ref)
        if row is not None:
            wanted.add((key or lead_id, row))
    found: dict[tuple[int, str], ProfileRecord] = {}
    profiles: dict[int, ProfileData] = {}
    for org, row in sorted(wanted):
        if not org:
            continue
        if org not in profiles:
            profiles[org] = profile_data(session, org)
        resolved = resolve(profiles[org], row)
        if not isinstance(resolved.value, dict):
            continue
        record = _profile_record(row, resolved.value)
        if org != lead_id and len(names) > 1:  # say whose document it is
            record = replace(record, title=f"{names.get(org, '')}: {record.title}")
        found[(org, row)] = record
    return found


def _profile_record(row: str, values: Mapping[str, object]) -> ProfileRecord:
    def text(key: str) -> str:
        return str(values.get(key) or "").strip()

    def day(key: str) -> date | None:
        value = values.get(key)
        return value if isinstance(value, date) else None

    if row.startswith("policies["):
        stored = (
            (StoredFile(text("file_sha256"), text("file_name")),) if text("file_sha256") else ()
        )
        return ProfileRecord(text("title") or "Policy", "Policy document", None, "", stored, True)
    if row.startswith("accreditations["):
        return ProfileRecord(text("name") or "Certificate", "Certificate", day("expires_on"),
                             text("reference"))  # fmt: skip
    kind = text("insurance_type")
    try:
        label = str(InsuranceType(kind).label)
    except ValueError:
        label = kind.replace("_", " ").capitalize()
    return ProfileRecord(f"{label} insurance", "Insurance", day("expires_on"),
                         text("policy_number"))  # fmt: skip


@dataclass(frozen=True)
class ExportPreview:
    """What the export dialog shows before anything is written."""

    bid_id: int
    form_id: str
    forms: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]  # (number, title) of the top-level sections
    report: ComplianceReport
    draft: bool
    file_stem: str


def preview_export(
    ws: Workspace,
    bid_id: int,
    form_id: str | None = None,
    options: ExportOptions | None = None,
    today: date | None = None,
) -> ExportPreview:
    options = options or ExportOptions()
    forms = tuple(forms_of_bid(ws, bid_id))
    content = load_content(ws, bid_id, form_id, today)
    report = check_compliance(content, options, today)
    name = export_file_name(content.buyer, content.title, content.form.title,
                            today or date.today(), "docx")  # fmt: skip
    return ExportPreview(
        bid_id=bid_id,
        form_id=content.form.id,
        forms=forms,
        sections=tuple((s.number, s.title) for s in content.form.sections),
        report=report,
        draft=is_draft(content, options),
        file_stem=name.removesuffix(".docx"),
    )


def compliance_report(
    ws: Workspace,
    bid_id: int,
    form_id: str | None = None,
    options: ExportOptions | None = None,
    today: date | None = None,
) -> ComplianceReport:
    return check_compliance(load_content(ws, bid_id, form_id, today), options, today)


def submission_problems(ws: Workspace, bid_id: int, today: date | None = None) -> list[str]:
    """What the compliance check finds in every questionnaire of the bid, one line each.

    Empty when there is nothing to warn about (or no questionnaire is attached). For asking
    before a bid is marked Submitted; a read, so it is cheap and works read-only.
    """
    problems: list[str] = []
    forms = forms_of_bid(ws, bid_id)
    for form_id in forms:
        report = check_compliance(load_content(ws, bid_id, form_id, today), today=today)
        prefix = f"{report.form_title}: " if len(forms) > 1 else ""
        problems.extend(prefix + p.message for p in report.problems)
    return problems


def export_bid(
    ws: Workspace,
    bid_id: int,
    fmt: ExportFormat | str,
    target: Path,
    options: ExportOptions | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    form_id: str | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """Write the bid's questionnaire to `target` (atomically) as DOCX or PDF, or as a
    submission package (a folder, or a file ending in .zip) with the documents it cites."""
    if progress is not None:
        progress(0.0, "Reading the bid")
    from bidkit.store.output_files import check_output_path, writing_output

    if fmt != "package":  # a package may go into a new or empty folder: it checks its own target
        check_output_path(Path(target), "document")
    content = load_content(ws, bid_id, form_id, now.date() if now else None)
    with writing_output(Path(target), "document", ws.root):
        return export_content(content, fmt, target, options, progress=progress,
                              cancelled=cancelled, now=now, read_stored=ws.files.read)  # fmt: skip


def suggested_file_name(ws: Workspace, bid_id: int, fmt: str, on: date | None = None) -> str:
    content_form = forms_of_bid(ws, bid_id)
    with ws.session() as session:
        bid = get_bid(session, bid_id)
        buyer, title = bid.buyer, bid.title
    form_title = get_form(content_form[0]).title if content_form else ""
    return export_file_name(buyer, title, form_title, on or date.today(), fmt)
