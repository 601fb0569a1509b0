"""Export a bid's completed questionnaire as Word or PDF, and check it first.

Reads the bid, its questionnaire as stored (the same read the questionnaire page makes, so the
export says what the window shows), the lead organisation's logo and colour and the evidence
items the answers use, then hands plain values to `bidkit.export`. Nothing from another bid
is read, and nothing is written to the workspace: previewing and exporting are reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import col, select

from bidkit.export.build import Cancelled, ExportOptions, Progress, is_draft
from bidkit.export.compliance import ComplianceReport, check_compliance
from bidkit.export.naming import export_file_name
from bidkit.export.pipeline import ExportFormat, ExportResult, export_content
from bidkit.export.source import AnswerRecord, BidContent, EvidenceRecord, evidence_ids
from bidkit.forms.catalog import get_form
from bidkit.model.evidence import EvidenceFile, EvidenceItem, EvidenceKind
from bidkit.model.organisation import Organisation
from bidkit.ops.questionnaires import forms_of_bid, read_questionnaire
from bidkit.store.queries import get_bid
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
    with ws.session() as session:
        bid = get_bid(session, bid_id)
        lead = session.get(Organisation, bid.lead_org_id) if bid.lead_org_id else None
        logo_sha, logo_name = (lead.logo_sha256, lead.logo_filename) if lead else ("", "")
        colour = lead.brand_colour if lead else ""
        evidence: dict[int, EvidenceRecord] = {}
        if wanted:
            items = session.exec(select(EvidenceItem).where(col(EvidenceItem.id).in_(wanted)))
            files = session.exec(
                select(EvidenceFile)
                .where(col(EvidenceFile.evidence_id).in_(wanted))
                .order_by(col(EvidenceFile.id))
            ).all()
            for item in items.all():
                ident = item.id or 0
                evidence[ident] = EvidenceRecord(
                    id=ident,
                    title=item.title,
                    kind=_kind_label(item.kind),
                    files=tuple(f.file_name for f in files if f.evidence_id == ident),
                    expires_on=item.expires_on,
                )
        title, buyer, reference = bid.title, bid.buyer, bid.reference
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
    )


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
    """Write the bid's questionnaire to `target` (atomically) as DOCX or PDF."""
    if progress is not None:
        progress(0.0, "Reading the bid")
    from bidkit.store.output_files import check_output_path, writing_output

    check_output_path(Path(target), "document")
    content = load_content(ws, bid_id, form_id, now.date() if now else None)
    with writing_output(Path(target), "document", ws.root):
        return export_content(
            content, fmt, target, options, progress=progress, cancelled=cancelled, now=now
        )


def suggested_file_name(ws: Workspace, bid_id: int, fmt: str, on: date | None = None) -> str:
    content_form = forms_of_bid(ws, bid_id)
    with ws.session() as session:
        bid = get_bid(session, bid_id)
        buyer, title = bid.buyer, bid.title
    form_title = get_form(content_form[0]).title if content_form else ""
    return export_file_name(buyer, title, form_title, on or date.today(), fmt)
