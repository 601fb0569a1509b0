"""Import tender notices (OCDS) as bids: preview first, then create or update.

A notice is matched to a bid by its ocid, so importing the same notice again (or a later
release of it) updates that bid's notice fields and dates instead of adding a second bid. What
the team added themselves (status, notes, tasks, checklist, partners) is left alone.

A planning, award, contract, closed or cancelled notice, or a tender whose deadline has passed,
becomes a *record* (`Bid.notice_record`): the bid keeps what the notice says, the preview and
the import say why in plain words, and its dates stay out of the calendar and reminders.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from bidkit.bids.notices import NoticePreview, read_notices
from bidkit.errors import NotFound
from bidkit.model.bid import Bid, BidStatus, KeyDateKind
from bidkit.model.organisation import Organisation
from bidkit.model.types import utc_now
from bidkit.ops.bids import BID, own_organisation_id, set_key_date
from bidkit.ops.changes import Changes
from bidkit.store.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportedNotice:
    preview: NoticePreview
    bid_id: int
    created: bool


@dataclass(frozen=True)
class NoticeImport:
    notices: list[ImportedNotice]
    changes: Changes


def _bids_by_ocid(session: Session, ocids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(ocids), 500):
        rows = session.exec(
            select(Bid.ocid, Bid.id).where(col(Bid.ocid).in_(ocids[start : start + 500]))
        ).all()
        for ocid, bid_id in rows:
            if bid_id is not None:
                found.setdefault(ocid, bid_id)
    return found


def preview_notice_file(ws: Workspace, source: Path) -> list[NoticePreview]:
    """The notices in `source`, each saying which existing bid it would update."""
    previews = read_notices(source)
    with ws.session() as session:
        existing = _bids_by_ocid(session, [p.ocid for p in previews])
    return [p.with_existing(existing.get(p.ocid)) for p in previews]


def _apply(bid: Bid, preview: NoticePreview) -> None:
    bid.title = preview.title
    bid.buyer = preview.buyer
    bid.description = preview.description
    bid.reference = preview.reference
    bid.ocid = preview.ocid
    bid.notice_type = str(preview.notice_type)
    bid.notice_record = preview.record
    if preview.deadline is not None:
        bid.deadline = preview.deadline
        bid.deadline_all_day = preview.deadline_all_day
    if preview.value is not None:
        bid.value = preview.value
        bid.currency = preview.currency
    elif bid.value is None:
        bid.currency = preview.currency
    bid.cpv_codes = ",".join(preview.cpv)
    bid.lots = json.dumps([lot.as_json() for lot in preview.lots], ensure_ascii=False)
    bid.documents = json.dumps([d.as_json() for d in preview.documents], ensure_ascii=False)
    if preview.portal_url:
        bid.portal_url = preview.portal_url
    bid.sme_suitable = preview.sme_suitable
    bid.vcse_suitable = preview.vcse_suitable
    bid.updated_at = utc_now()


def import_notices(
    ws: Workspace, previews: Sequence[NoticePreview], *, org_id: int | None = None
) -> NoticeImport:
    """Create a bid for each new notice and update the bids of notices seen before."""
    results: list[ImportedNotice] = []
    with ws.write() as session:
        existing = _bids_by_ocid(session, [p.ocid for p in previews])
        lead = org_id if org_id is not None else own_organisation_id(session)
        if org_id is not None and session.get(Organisation, org_id) is None:
            raise NotFound(
                f"There is no organisation with id {org_id}; nothing was imported. Run "
                "'bidkit org list' for the ids."
            )
        for preview in previews:
            bid_id = existing.get(preview.ocid)
            bid = session.get(Bid, bid_id) if bid_id is not None else None
            created = bid is None
            if bid is None:
                bid = Bid(lead_org_id=lead, status=str(BidStatus.IDENTIFIED))
            _apply(bid, preview)
            session.add(bid)
            session.flush()
            assert bid.id is not None
            for kind, due, all_day in (
                (KeyDateKind.EXPRESSION_OF_INTEREST, preview.expression_of_interest,
                 preview.expression_of_interest_all_day),
                (KeyDateKind.CLARIFICATION, preview.clarification, preview.clarification_all_day),
                (KeyDateKind.AWARD, preview.award, preview.award_all_day),
                (KeyDateKind.CONTRACT_START, preview.contract_start,
                 preview.contract_start_all_day),
            ):  # fmt: skip
                set_key_date(session, bid.id, str(kind), due, all_day)
            existing[preview.ocid] = bid.id
            results.append(ImportedNotice(preview, bid.id, created))
    added = sum(r.created for r in results)
    updated = len(results) - added
    parts = []
    if added:
        parts.append(f"{added} bid{'s' if added != 1 else ''} added")
    if updated:
        parts.append(f"{updated} bid{'s' if updated != 1 else ''} updated")
    records = sum(r.preview.record for r in results)
    if records:
        parts.append(
            f"{records} kept as a record{'s' if records != 1 else ''} of a past or future "
            "opportunity, out of the calendar"
        )
    note = "Notice imported: " + ", ".join(parts) if parts else "No notices to import"
    log.info("notices imported: %s added, %s updated", added, updated)
    first_new = next((r.bid_id for r in results if r.created), None)
    changes = Changes.of(BID, *(r.bid_id for r in results), note=note, created=first_new)
    return NoticeImport(results, changes)


def import_notice_file(ws: Workspace, source: Path, *, org_id: int | None = None) -> NoticeImport:
    return import_notices(ws, preview_notice_file(ws, source), org_id=org_id)
