"""Operations on bids: create, edit, status with history, key dates, tasks, partners, the
go/no-go checklist, the outcome, and deleting a bid (after a backup).

Every function is one user action returning `Changes` (kind "bid" with the bid's id). Reading a
whole bid for its page is `load_bid` in `bidkit.ops.bid_overview`.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, col, select

from bidkit.bids import checklist
from bidkit.errors import InputRefused, NotFound
from bidkit.model.bid import (
    Bid,
    BidPartner,
    BidStatus,
    BidStatusChange,
    BidTask,
    KeyDate,
    KeyDateKind,
    PartnerRole,
)
from bidkit.model.organisation import Organisation
from bidkit.model.types import to_money, utc_now
from bidkit.ops.changes import Changes
from bidkit.ops.questionnaires import attach_in, reapply_in
from bidkit.store.queries import get_bid
from bidkit.store.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BidSummary:
    id: int
    title: str
    buyer: str
    status: str
    deadline: datetime | None
    lead_org_id: int | None


def list_bids(ws: Workspace) -> list[BidSummary]:
    """Every bid, soonest deadline first (bids without a deadline last)."""
    with ws.session() as session:
        bids = session.exec(select(Bid)).all()
        rows = [
            BidSummary(b.id or 0, b.title, b.buyer, b.status, b.deadline, b.lead_org_id)
            for b in bids
        ]
    far = datetime.max.replace(tzinfo=None)
    return sorted(
        rows, key=lambda b: (b.deadline.replace(tzinfo=None) if b.deadline else far, b.id)
    )


def own_organisation_id(session: Session) -> int | None:
    own = session.exec(
        select(Organisation).where(col(Organisation.is_own)).order_by(col(Organisation.id))
    ).first()
    return own.id if own is not None else None


def create_bid(
    ws: Workspace,
    *,
    title: str,
    buyer: str,
    deadline: datetime | None,
    org_id: int | None = None,
    form_id: str | None = None,
    reference: str = "",
    value: Decimal | str | int | None = None,
    currency: str = "GBP",
    deadline_all_day: bool = False,
) -> Changes:
    """A new bid led by `org_id` (default: the workspace's own organisation).

    With `form_id`, the bid, its questionnaire and the pre-filled answers are written in one
    transaction: all of them or nothing.
    """
    title, buyer = title.strip(), buyer.strip()
    if not title:
        raise InputRefused("A bid needs a title, for example the contract's name.")
    extra = {
        "reference": _clean("reference", reference),
        "value": _clean("value", value),
        "currency": _clean("currency", currency),
        "deadline_all_day": bool(deadline_all_day and deadline is not None),
    }
    if form_id is not None:
        from bidkit.forms.catalog import get_form

        get_form(form_id)  # refuse an unknown form before creating anything
    with ws.write() as session:
        lead = org_id if org_id is not None else own_organisation_id(session)
        if lead is None:
            raise InputRefused(
                "Say which organisation leads this bid with --org ID, or add your own "
                "organisation first ('bidkit org list' shows the ids)."
            )
        if session.get(Organisation, lead) is None:
            raise NotFound(f"There is no organisation with id {lead}. Run 'bidkit org list'.")
        bid = Bid(title=title, buyer=buyer, deadline=deadline, lead_org_id=lead,
                  status=str(BidStatus.IDENTIFIED), **extra)  # fmt: skip
        session.add(bid)
        session.flush()
        assert bid.id is not None
        bid_id = bid.id
        form_title = attach_in(session, bid_id, form_id).title if form_id is not None else ""
    log.info("bid %s created", bid_id)
    changes = Changes.of("bid", bid_id, note=f"Bid '{title}' added", created=bid_id)
    if form_id is not None:
        note = f"'{form_title}' attached and pre-filled"
        changes = changes.merge(Changes.of("questionnaire", bid_id, note=note))
    return changes


# -- editing ---------------------------------------------------------------------------------
BID = "bid"
TEXT_FIELDS = {
    "title": 300,
    "buyer": 300,
    "reference": 200,
    "portal_url": 2000,
    "notes": 20000,
    "description": 20000,
    "cpv_codes": 2000,
}


def _changed(bid_id: int, note: str = "", created: int | None = None) -> Changes:
    return Changes.of(BID, bid_id, note=note, created=created)


def _money_value(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        raise InputRefused(
            f"'{value}' is not an amount BidKit understands. Give it as 450000 or 450,000.50."
        ) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 13:
        raise InputRefused("A contract value is a positive amount below £10 trillion.")
    return to_money(amount)


def _clean(key: str, value: Any) -> Any:
    if key in TEXT_FIELDS:
        cleaned = str(value or "").strip()
        if key == "title" and not cleaned:
            raise InputRefused("A bid needs a title, for example the contract's name.")
        if len(cleaned) > TEXT_FIELDS[key]:
            raise InputRefused(f"That is too long for the {key.replace('_', ' ')}.")
        if (
            key == "portal_url"
            and cleaned
            and not cleaned.lower().startswith(("https://", "http://"))
        ):
            raise InputRefused("A portal link starts with https:// (copy it from the browser).")
        return cleaned
    if key == "value":
        return _money_value(value)
    if key == "currency":
        code = str(value or "GBP").strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise InputRefused("A currency is a three-letter code such as GBP or EUR.")
        return code
    if key == "deadline":
        if value is not None and not isinstance(value, datetime):
            raise InputRefused("The deadline must be a date and time.")
        return value
    if key in {"deadline_all_day"}:
        return bool(value)
    if key in {"sme_suitable", "vcse_suitable"}:
        return None if value is None else bool(value)
    if key == "lead_org_id":
        return None if value is None else int(value)
    raise InputRefused(f"'{key}' is not something BidKit can change on a bid.")


def update_bid(ws: Workspace, bid_id: int, **values: Any) -> Changes:
    """Change one or more fields of a bid (title, buyer, value, deadline, notes...)."""
    cleaned = {key: _clean(key, value) for key, value in values.items()}
    with ws.write() as session:
        bid = get_bid(session, bid_id)
        lead = cleaned.get("lead_org_id")
        if lead is not None and session.get(Organisation, lead) is None:
            raise NotFound(f"There is no organisation with id {lead}.")
        new_lead = "lead_org_id" in cleaned and cleaned["lead_org_id"] != bid.lead_org_id
        for key, value in cleaned.items():
            setattr(bid, key, value)
        bid.updated_at = utc_now()
        session.add(bid)
        if new_lead:
            # The new lead's answers come from its profile, in the same transaction.
            session.flush()
            reapply_in(session, [bid_id])
    if new_lead:
        return _changed(bid_id).merge(Changes.of("questionnaire", bid_id))
    return _changed(bid_id)


def set_status(ws: Workspace, bid_id: int, status: str, note: str = "") -> Changes:
    """Move a bid to another status, keeping the change in its history."""
    try:
        new = BidStatus(status)
    except ValueError:
        raise InputRefused(f"'{status}' is not a bid status.") from None
    with ws.write() as session:
        bid = get_bid(session, bid_id)
        if bid.status == str(new):
            return Changes.none()
        session.add(BidStatusChange(bid_id=bid_id, from_status=bid.status,
                                    to_status=str(new), note=note.strip()))  # fmt: skip
        bid.status = str(new)
        bid.updated_at = utc_now()
        session.add(bid)
    return _changed(bid_id, note=f"Status: {new.label}")


# -- key dates -------------------------------------------------------------------------------
def _kind(kind: str) -> str:
    try:
        return str(KeyDateKind(kind))
    except ValueError:
        raise InputRefused(f"'{kind}' is not a kind of date BidKit knows.") from None


def add_key_date(
    ws: Workspace, bid_id: int, kind: str, due: datetime | None, *, all_day: bool = False,
    label: str = "",
) -> Changes:  # fmt: skip
    """Add a date that matters (clarification questions close, presentation, award...)."""
    kind = _kind(kind)
    if kind == str(KeyDateKind.CUSTOM) and not label.strip():
        raise InputRefused("Give the date a name, for example 'Site visit'.")
    with ws.write() as session:
        get_bid(session, bid_id)
        row = KeyDate(bid_id=bid_id, kind=kind, label=label.strip(), due=due, all_day=all_day)
        session.add(row)
        session.flush()
        assert row.id is not None
        row_id = row.id
    return _changed(bid_id, created=row_id)


def _key_date(session: Session, key_date_id: int) -> KeyDate:
    row = session.get(KeyDate, key_date_id)
    if row is None:
        raise NotFound("That date has been removed. Reopen the bid.")
    return row


def update_key_date(ws: Workspace, key_date_id: int, **values: Any) -> Changes:
    """Change a key date's kind, label, moment or all-day flag."""
    with ws.write() as session:
        row = _key_date(session, key_date_id)
        for key, value in values.items():
            if key == "kind":
                row.kind = _kind(str(value))
            elif key == "label":
                row.label = str(value).strip()[:200]
            elif key == "due":
                row.due = value
            elif key == "all_day":
                row.all_day = bool(value)
            else:
                raise InputRefused(f"'{key}' is not part of a key date.")
        session.add(row)
        bid_id = row.bid_id
    return _changed(bid_id)


def remove_key_date(ws: Workspace, key_date_id: int) -> Changes:
    with ws.write() as session:
        row = _key_date(session, key_date_id)
        bid_id = row.bid_id
        session.delete(row)
    return _changed(bid_id)


def set_key_date(
    session: Session, bid_id: int, kind: str, due: datetime | None, all_day: bool
) -> None:
    """Set (or replace) the date of a standard kind on a bid; None leaves what is there."""
    if due is None:
        return
    rows = session.exec(
        select(KeyDate).where(col(KeyDate.bid_id) == bid_id, col(KeyDate.kind) == kind)
    ).all()
    if rows:
        rows[0].due, rows[0].all_day = due, all_day
        session.add(rows[0])
    else:
        session.add(KeyDate(bid_id=bid_id, kind=kind, due=due, all_day=all_day))


# -- tasks -----------------------------------------------------------------------------------
def _task(session: Session, task_id: int) -> BidTask:
    task = session.get(BidTask, task_id)
    if task is None:
        raise NotFound("That task has been removed. Reopen the bid.")
    return task


def add_task(
    ws: Workspace, bid_id: int, title: str, *, owner: str = "", due: date | None = None
) -> Changes:
    """A piece of work on the bid: 'write section 3', 'get the signed declaration'."""
    title = title.strip()
    if not title:
        raise InputRefused("Say what needs doing, for example 'Write the social value answer'.")
    with ws.write() as session:
        get_bid(session, bid_id)
        last = session.exec(
            select(BidTask.position)
            .where(col(BidTask.bid_id) == bid_id)
            .order_by(col(BidTask.position).desc())
        ).first()
        task = BidTask(bid_id=bid_id, title=title[:500], owner=owner.strip()[:200], due=due,
                       position=(last or 0) + 1)  # fmt: skip
        session.add(task)
        session.flush()
        assert task.id is not None
        task_id = task.id
    return _changed(bid_id, created=task_id)


def update_task(ws: Workspace, task_id: int, **values: Any) -> Changes:
    """Change a task's title, owner, due date or done state."""
    with ws.write() as session:
        task = _task(session, task_id)
        for key, value in values.items():
            if key == "title":
                if not str(value).strip():
                    raise InputRefused("A task needs a description.")
                task.title = str(value).strip()[:500]
            elif key == "owner":
                task.owner = str(value).strip()[:200]
            elif key == "due":
                task.due = value
            elif key == "done":
                task.done = bool(value)
                task.done_at = utc_now() if task.done else None
            else:
                raise InputRefused(f"'{key}' is not part of a task.")
        session.add(task)
        bid_id = task.bid_id
    return _changed(bid_id)


def set_task_done(ws: Workspace, task_id: int, done: bool) -> Changes:
    return update_task(ws, task_id, done=done)


def remove_task(ws: Workspace, task_id: int) -> Changes:
    with ws.write() as session:
        task = _task(session, task_id)
        bid_id = task.bid_id
        session.delete(task)
    return _changed(bid_id)


# -- partners --------------------------------------------------------------------------------
def add_partner(ws: Workspace, bid_id: int, org_id: int, role: str = "member") -> Changes:
    """Add an organisation to the bid as a consortium member or subcontractor."""
    try:
        role = str(PartnerRole(role))
    except ValueError:
        raise InputRefused(f"'{role}' is not a partner role.") from None
    with ws.write() as session:
        bid = get_bid(session, bid_id)
        org = session.get(Organisation, org_id)
        if org is None:
            raise NotFound(f"There is no organisation with id {org_id}.")
        if bid.lead_org_id == org_id:
            raise InputRefused(f"{org.legal_name} already leads this bid.")
        existing = session.exec(
            select(BidPartner).where(
                col(BidPartner.bid_id) == bid_id, col(BidPartner.organisation_id) == org_id
            )
        ).first()
        if existing is not None:
            existing.role = role
            session.add(existing)
        else:
            session.add(BidPartner(bid_id=bid_id, organisation_id=org_id, role=role))
        session.flush()
        # The newcomer's answers come from its profile, in the same transaction.
        reapply_in(session, [bid_id])
    return _changed(bid_id, note=f"{org.legal_name} added to the bid").merge(
        Changes.of("questionnaire", bid_id)
    )


def remove_partner(ws: Workspace, bid_id: int, org_id: int) -> Changes:
    with ws.write() as session:
        row = session.exec(
            select(BidPartner).where(
                col(BidPartner.bid_id) == bid_id, col(BidPartner.organisation_id) == org_id
            )
        ).first()
        if row is None:
            raise NotFound("That organisation is no longer a partner on this bid.")
        session.delete(row)
    return _changed(bid_id).merge(Changes.of("questionnaire", bid_id))


# -- go / no-go ------------------------------------------------------------------------------
def save_checklist(
    ws: Workspace, bid_id: int, answers: Mapping[str, str], note: str = ""
) -> Changes:
    """Keep the go/no-go answers and their result on the bid."""
    result = checklist.assess(answers, note.strip())
    with ws.write() as session:
        bid = get_bid(session, bid_id)
        decided = date.today().isoformat() if result.verdict else ""
        bid.go_checklist = checklist.to_json(result, decided)
        bid.updated_at = utc_now()
        session.add(bid)
    note_text = f"Go / no-go: {result.verdict.label}" if result.verdict else ""
    return _changed(bid_id, note=note_text)


# -- outcome ---------------------------------------------------------------------------------
def _scores(scores: Sequence[Mapping[str, Any]]) -> str:
    kept = []
    for row in scores:
        criterion = str(row.get("criterion", "")).strip()[:300]
        if not criterion:
            continue
        values: dict[str, Any] = {"criterion": criterion}
        for key in ("score", "max"):
            raw = row.get(key)
            if raw in (None, ""):
                values[key] = None
                continue
            try:
                number = float(str(raw))
            except ValueError:
                raise InputRefused(f"'{raw}' is not a score. Give scores as numbers.") from None
            values[key] = number
        kept.append(values)
    return json.dumps(kept, ensure_ascii=False)


def record_outcome(
    ws: Workspace, bid_id: int, *, won: bool, feedback: str = "",
    scores: Sequence[Mapping[str, Any]] = (), on: date | None = None,
) -> Changes:  # fmt: skip
    """Won or lost, with the buyer's feedback and scores; the status follows."""
    stored_scores = _scores(scores)
    status = BidStatus.WON if won else BidStatus.LOST
    with ws.write() as session:
        bid = get_bid(session, bid_id)
        if bid.status != str(status):
            change = BidStatusChange(
                bid_id=bid_id, from_status=bid.status, to_status=str(status), note="Outcome"
            )
            session.add(change)
        bid.status = str(status)
        bid.outcome_feedback = feedback.strip()
        bid.outcome_scores = stored_scores
        bid.outcome_on = on or date.today()
        bid.updated_at = utc_now()
        session.add(bid)
    return _changed(bid_id, note=f"Outcome recorded: {status.label}")


# -- deleting --------------------------------------------------------------------------------
def delete_bid(ws: Workspace, bid_id: int) -> Changes:
    """Delete a bid with its dates, tasks, questionnaires and history, after a backup."""
    with ws.session() as session:
        title = get_bid(session, bid_id).title
    ws.backup("before-delete-bid")
    with ws.write() as session:
        session.delete(get_bid(session, bid_id))
    log.info("bid %s deleted", bid_id)
    from bidkit.errors import SecretsUnavailable
    from bidkit.ops.portal_logins import drop_portal_login

    with contextlib.suppress(SecretsUnavailable):  # nothing can be kept where none exists
        drop_portal_login(ws, bid_id)
    return Changes(
        {BID: frozenset({bid_id}), "questionnaire": frozenset({bid_id})},
        note=f"Bid '{title}' deleted (a backup was taken first)",
    )
