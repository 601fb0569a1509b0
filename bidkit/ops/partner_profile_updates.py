"""A partner's profile facts offered in a reply, accepted by the lead field by field.

The reply's facts (insurance, turnover, accreditations) were compared with the lead's copy of
the partner's profile when it was imported; `offered_facts` compares them again with the
profile as it is now, and `accept_facts` writes the chosen ones in one transaction, then lets
pre-fill bring the bids the partner takes part in up to date.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from bidkit.consortium.profile_facts import diff_facts, facts_of, parse_key, parse_value
from bidkit.errors import InputRefused, NotFound
from bidkit.model.consortium import PackRecord
from bidkit.model.organisation import Accreditation, FinancialYear, InsurancePolicy
from bidkit.ops.changes import Changes
from bidkit.ops.questionnaires import reapply_in
from bidkit.store.queries import get_imported_reply, profile_data
from bidkit.store.workspace import Workspace


def _record(session: Session, record_id: int) -> PackRecord:
    record = get_imported_reply(session, record_id)
    if record.organisation_id is None:
        raise NotFound(f"Reply {record_id} names no partner organisation, so it has no facts.")
    return record


def _offered(session: Session, record: PackRecord) -> list[dict[str, str]]:
    payload = json.loads(record.payload or "{}")
    offered = [
        {"key": f["key"], "label": f["label"], "value": f["theirs"]}
        for f in payload.get("profile_facts", [])
    ]
    mine = facts_of(profile_data(session, record.organisation_id or 0))
    return diff_facts(mine, offered)


def offered_facts(ws: Workspace, record_id: int) -> list[dict[str, str]]:
    """The reply's facts that still differ from the partner's profile: key, label, mine,
    theirs (a read)."""
    with ws.session() as session:
        return _offered(session, _record(session, record_id))


def _row(session: Session, model: type[SQLModel], org_id: int, where: Any, **new: Any) -> Any:
    found = session.exec(
        select(model).where(col(model.organisation_id) == org_id, where)  # type: ignore[attr-defined]
    ).first()
    if found is not None:
        return found
    rows = session.exec(select(model).where(col(model.organisation_id) == org_id)).all()  # type: ignore[attr-defined]
    row = model(organisation_id=org_id, position=len(rows), **new)
    session.add(row)
    return row


def _apply(session: Session, org_id: int, key: str, text: str) -> None:
    parsed = parse_key(key)
    if parsed is None:
        raise InputRefused(f"“{key}” is not a profile fact BidKit can update.")
    kind, subject, field = parsed
    value = parse_value(key, text)
    if kind == "insurance":
        row = _row(
            session,
            InsurancePolicy,
            org_id,
            col(InsurancePolicy.insurance_type) == subject,
            insurance_type=subject,
        )
    elif kind == "turnover":
        from datetime import date

        year_end = date.fromisoformat(subject)
        row = _row(
            session,
            FinancialYear,
            org_id,
            col(FinancialYear.year_end) == year_end,
            year_end=year_end,
        )
    else:
        row = _row(session, Accreditation, org_id, col(Accreditation.name) == subject, name=subject)
    setattr(row, field, value)
    session.add(row)


def accept_facts(ws: Workspace, record_id: int, keys: Sequence[str]) -> Changes:
    """Copy the chosen facts from the reply into the lead's copy of the partner's profile."""
    with ws.write() as session:
        record = _record(session, record_id)
        org_id = record.organisation_id or 0
        offered = {f["key"]: f for f in _offered(session, record)}
        missing = [k for k in keys if k not in offered]
        if missing:
            raise InputRefused(
                f"“{missing[0]}” is not offered by that reply, or already matches the profile."
            )
        for key in keys:
            _apply(session, org_id, key, offered[key]["theirs"])
        session.flush()
        changed = reapply_in(session, org_ids={org_id})
    note = f"{len(keys)} profile {'fact' if len(keys) == 1 else 'facts'} updated from the reply"
    return Changes(
        {
            "organisation": frozenset({org_id}),
            "questionnaire": frozenset(changed),
            "bid": frozenset({record.bid_id}),
        },
        note=note,
    )
