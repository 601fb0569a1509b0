"""Reading bids for the window and the command line: the bids table, one bid's page, the
dashboard, the dates due, reminders and the calendar export.

Each function reads everything it needs in a few queries and returns plain values, so the
dashboard stays quick with hundreds of bids.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bidkit.bids import checklist
from bidkit.bids.expiring import ExpiringEvidence
from bidkit.bids.reminders import DueDate, Reminder, due_within, reminders_due
from bidkit.bids.uktime import show_uk
from bidkit.model.bid import (
    CLOSED_STATUSES,
    Bid,
    BidPartner,
    BidStatusChange,
    BidTask,
    KeyDate,
    KeyDateKind,
    PartnerRole,
)
from bidkit.model.organisation import (
    Organisation,
)
from bidkit.model.questionnaire import BidForm
from bidkit.ops.dashboard import (  # noqa: F401 - the dashboard's types, named here too
    DEADLINE,
    DEADLINE_LABEL,
    Dashboard,
    ExpiringLine,
    TaskLine,
    due_dates,
    expiring_evidence,
    kind_label,
    label_of,
    read_dashboard,
    status_label,
    uk_day,
)
from bidkit.store.identity import workspace_namespace
from bidkit.store.queries import get_bid, plain_connection
from bidkit.store.workspace import Workspace


def show_due(moment: datetime, all_day: bool) -> str:
    """ "17/02/2020 (end of day)" for a day, "11/05/2017 14:30" for a time, in UK time."""
    if all_day:
        return uk_day(moment).strftime("%d/%m/%Y") + " (end of day)"
    return show_uk(moment)


# -- the bids table --------------------------------------------------------------------------
@dataclass(frozen=True)
class BidRow:
    id: int
    title: str
    buyer: str
    reference: str
    status: str
    status_label: str
    deadline: datetime | None
    deadline_all_day: bool
    value: Decimal | None
    currency: str
    lead: str
    partners: int
    open_tasks: int
    go_result: str  # "GO", "REVIEW", "NO-GO" or ""
    next_date: datetime | None
    next_date_label: str


def _org_names(session: Session) -> dict[int, str]:
    return {
        org_id: name
        for org_id, name in session.exec(select(Organisation.id, Organisation.legal_name)).all()
        if org_id is not None
    }


def _key_dates_by_bid(session: Session) -> dict[int, list[KeyDate]]:
    grouped: dict[int, list[KeyDate]] = defaultdict(list)
    for row in session.exec(select(KeyDate)).all():
        grouped[row.bid_id].append(row)
    return grouped


def bid_rows(ws: Workspace, now: datetime | None = None) -> list[BidRow]:
    """Every bid with what the table shows, in id order."""
    now = now or datetime.now(UTC)
    with ws.session() as session:
        names = _org_names(session)
        dates = _key_dates_by_bid(session)
        partners: dict[int, int] = defaultdict(int)
        for partner_bid in session.exec(select(BidPartner.bid_id)).all():
            partners[partner_bid] += 1
        open_tasks: dict[int, int] = defaultdict(int)
        for task_bid in session.exec(select(BidTask.bid_id).where(col(BidTask.done).is_(False))):
            open_tasks[task_bid] += 1
        bids = session.exec(select(Bid).order_by(col(Bid.id))).all()
        rows = []
        for bid in bids:
            assert bid.id is not None
            verdict = checklist.from_json(bid.go_checklist).verdict
            upcoming = [
                (d.due, kind_label(d.kind, d.label))
                for d in dates.get(bid.id, [])
                if d.due is not None and d.due >= now
            ]
            if bid.deadline is not None and bid.deadline >= now:
                upcoming.append((bid.deadline, DEADLINE_LABEL))
            nxt = min(upcoming, default=(None, ""), key=lambda p: p[0] or now)
            rows.append(
                BidRow(
                    id=bid.id,
                    title=bid.title,
                    buyer=bid.buyer,
                    reference=bid.reference,
                    status=bid.status,
                    status_label=status_label(bid.status),
                    deadline=bid.deadline,
                    deadline_all_day=bid.deadline_all_day,
                    value=bid.value,
                    currency=bid.currency,
                    lead=names.get(bid.lead_org_id or 0, ""),
                    partners=partners[bid.id],
                    open_tasks=open_tasks[bid.id],
                    go_result=verdict.label if verdict else "",
                    next_date=nxt[0],
                    next_date_label=nxt[1],
                )
            )
    return rows


# -- dates due -------------------------------------------------------------------------------
def all_due_dates(session: Session) -> list[DueDate]:
    """Every date of every open bid (a submitted bid's deadline and clarifications are done)."""
    bids = session.exec(select(Bid).where(col(Bid.status).not_in(CLOSED_STATUSES))).all()
    return due_dates(bids, _key_dates_by_bid(session))


def upcoming_deadlines(
    ws: Workspace, *, days: int | None = None, now: datetime | None = None
) -> list[DueDate]:
    """Dates not yet passed on open bids, within `days` if given, soonest first."""
    with ws.session() as session:
        dates = all_due_dates(session)
    return due_within(dates, now or datetime.now(UTC), days)


def current_reminders(ws: Workspace, now: datetime | None = None) -> list[Reminder]:
    """Dates within the workspace's warning periods (Settings.reminder_days)."""
    with ws.session() as session:
        dates = all_due_dates(session)
    return reminders_due(dates, now or datetime.now(UTC), ws.settings.reminder_days)


# -- calendar --------------------------------------------------------------------------------
def calendar_namespace(ws: Workspace) -> str:
    """The workspace's random id (kept in its database), so two workspaces' events never share
    a UID and one workspace's exports always agree, whichever BidKit makes them."""
    return workspace_namespace(ws)


def calendar_uid(namespace: str, date_: DueDate, first_of_kind: bool = True) -> str:
    """Stable per bid and date: the deadline and standard kinds by kind, others by row id.

    A bid can hold two dates of one standard kind (two presentation sessions); only the first
    (`first_of_kind`) is named by its kind, the others by row id, so no UID is used twice.
    """
    if date_.kind == DEADLINE or (date_.kind != str(KeyDateKind.CUSTOM) and first_of_kind):
        part = date_.kind
    else:
        part = f"date{date_.key_date_id}"
    return f"bid{date_.bid_id}-{part}-{namespace}@bidkit"


def export_calendar(ws: Workspace, target: Path, now: datetime | None = None) -> int:
    """Write every date of every open bid to an .ics file; returns the number of events."""
    from bidkit.bids.calendar import CalendarEntry, write_calendar
    from bidkit.store.output_files import check_output_path

    check_output_path(target, "calendar")

    with ws.session() as session:
        dates = all_due_dates(session)
        bids = {
            b.id: b
            for b in session.exec(select(Bid).where(col(Bid.status).not_in(CLOSED_STATUSES)))
        }
    namespace = calendar_namespace(ws)
    first_ids: dict[tuple[int, str], int] = {}
    for d in dates:
        if d.key_date_id is not None:
            key = (d.bid_id, d.kind)
            first_ids[key] = min(first_ids.get(key, d.key_date_id), d.key_date_id)
    entries = []
    for d in dates:
        bid = bids[d.bid_id]
        first = d.key_date_id is None or first_ids[(d.bid_id, d.kind)] == d.key_date_id
        lines = [f"{d.label}: {show_due(d.due, d.all_day)} (UK time)"]
        if bid.buyer:
            lines.append(f"Buyer: {bid.buyer}")
        if bid.reference:
            lines.append(f"Reference: {bid.reference}")
        lines.append(f"Status in BidKit: {status_label(bid.status)}")
        entries.append(
            CalendarEntry(
                uid=calendar_uid(namespace, d, first),
                summary=f"{d.label}: {d.title}",
                due=d.due,
                all_day=d.all_day,
                description="\n".join(lines),
                url=bid.portal_url,
                last_modified=bid.updated_at,
            )
        )
    from bidkit.store.output_files import writing_output

    with writing_output(target, "calendar", ws.root):
        return write_calendar(target, entries, reminder_days=ws.settings.reminder_days, now=now)


# -- one bid ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyDateView:
    id: int
    kind: str
    label: str
    due: datetime | None
    all_day: bool


@dataclass(frozen=True)
class TaskView:
    id: int
    title: str
    owner: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class PartnerView:
    organisation_id: int
    name: str
    role: str
    role_label: str


@dataclass(frozen=True)
class StatusChangeView:
    from_status: str
    to_status: str
    note: str
    changed_at: datetime


@dataclass(frozen=True)
class OrganisationChoice:
    id: int
    name: str
    own: bool


@dataclass(frozen=True)
class BidDetail:
    """Everything the bid's own page shows."""

    id: int
    title: str
    buyer: str
    reference: str
    status: str
    deadline: datetime | None
    deadline_all_day: bool
    value: Decimal | None
    currency: str
    lead_org_id: int | None
    lead_name: str
    notes: str
    description: str
    portal_url: str
    cpv_codes: list[str]
    lots: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    ocid: str
    #: The kind of notice the bid was imported from, and whether it is only a record.
    notice_type: str
    notice_record: bool
    sme_suitable: bool | None
    vcse_suitable: bool | None
    checklist: checklist.ChecklistResult
    outcome_feedback: str
    outcome_scores: list[dict[str, Any]]
    outcome_on: date | None
    key_dates: list[KeyDateView]
    tasks: list[TaskView]
    partners: list[PartnerView]
    history: list[StatusChangeView]
    forms: list[str]
    expiring: list[ExpiringEvidence]
    organisations: list[OrganisationChoice] = field(default_factory=list)


def _json_list(raw: str) -> list[dict[str, Any]]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def load_bid(ws: Workspace, bid_id: int, today: date | None = None) -> BidDetail:
    today = today or date.today()
    with ws.session() as session:
        bid = get_bid(session, bid_id)
        names = _org_names(session)
        key_dates = session.exec(
            select(KeyDate).where(col(KeyDate.bid_id) == bid_id).order_by(col(KeyDate.due))
        ).all()
        tasks = session.exec(
            select(BidTask).where(col(BidTask.bid_id) == bid_id).order_by(col(BidTask.position))
        ).all()
        partners = session.exec(
            select(BidPartner).where(col(BidPartner.bid_id) == bid_id).order_by(col(BidPartner.id))
        ).all()
        history = session.exec(
            select(BidStatusChange)
            .where(col(BidStatusChange.bid_id) == bid_id)
            .order_by(col(BidStatusChange.changed_at), col(BidStatusChange.id))
        ).all()
        forms = session.exec(
            select(BidForm.form_id).where(col(BidForm.bid_id) == bid_id).order_by(col(BidForm.id))
        ).all()
        orgs = session.exec(select(Organisation).order_by(col(Organisation.legal_name))).all()
        expiring = expiring_evidence(
            plain_connection(session), [bid], {bid_id: list(key_dates)}, today
        ).get(bid_id, [])
        return BidDetail(
            id=bid_id, title=bid.title, buyer=bid.buyer, reference=bid.reference,
            status=bid.status, deadline=bid.deadline, deadline_all_day=bid.deadline_all_day,
            value=bid.value, currency=bid.currency, lead_org_id=bid.lead_org_id,
            lead_name=names.get(bid.lead_org_id or 0, ""), notes=bid.notes,
            description=bid.description, portal_url=bid.portal_url,
            cpv_codes=[c for c in bid.cpv_codes.split(",") if c],
            lots=_json_list(bid.lots), documents=_json_list(bid.documents), ocid=bid.ocid,
            notice_type=bid.notice_type, notice_record=bid.notice_record,
            sme_suitable=bid.sme_suitable, vcse_suitable=bid.vcse_suitable,
            checklist=checklist.from_json(bid.go_checklist),
            outcome_feedback=bid.outcome_feedback,
            outcome_scores=_json_list(bid.outcome_scores), outcome_on=bid.outcome_on,
            key_dates=[KeyDateView(d.id or 0, d.kind, d.label, d.due, d.all_day)
                       for d in key_dates],
            tasks=[TaskView(t.id or 0, t.title, t.owner, t.due, t.done) for t in tasks],
            partners=[PartnerView(p.organisation_id, names.get(p.organisation_id, ""), p.role,
                                  label_of(PartnerRole, p.role)) for p in partners],
            history=[StatusChangeView(h.from_status, h.to_status, h.note, h.changed_at)
                     for h in history],
            forms=list(forms),
            expiring=expiring,
            organisations=[OrganisationChoice(o.id or 0, o.legal_name, o.is_own) for o in orgs],
        )  # fmt: skip


def organisation_choices(ws: Workspace) -> list[OrganisationChoice]:
    with ws.session() as session:
        orgs = session.exec(select(Organisation).order_by(col(Organisation.legal_name))).all()
        return [OrganisationChoice(o.id or 0, o.legal_name, o.is_own) for o in orgs]


# -- dashboard -------------------------------------------------------------------------------
def dashboard_data(ws: Workspace, *, now: datetime | None = None, weeks: int = 4) -> Dashboard:
    """What the dashboard shows (see `bidkit.ops.dashboard`), in one read transaction."""
    with ws.session() as session:
        return read_dashboard(
            plain_connection(session), ws.settings.reminder_days, now=now, weeks=weeks
        )


def outcome_days(day: date | None) -> timedelta | None:
    """How long ago an outcome was recorded (for the bids table's tooltip)."""
    return date.today() - day if day else None
