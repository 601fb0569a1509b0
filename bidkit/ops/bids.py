"""Operations on bids: list them, create one (optionally with a questionnaire attached)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bidkit.errors import InputRefused, NotFound
from bidkit.model.bid import Bid, BidPartner, BidStatus
from bidkit.model.organisation import Organisation
from bidkit.ops.changes import Changes
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


def get_bid(session: Session, bid_id: int) -> Bid:
    bid = session.get(Bid, bid_id)
    if bid is None:
        raise NotFound(f"There is no bid with id {bid_id}. Run 'bidkit bid list' to see the ids.")
    return bid


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
) -> Changes:
    """A new bid led by `org_id` (default: the workspace's own organisation)."""
    title, buyer = title.strip(), buyer.strip()
    if not title:
        raise InputRefused("A bid needs a title, for example the contract's name.")
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
                  status=str(BidStatus.IDENTIFIED))  # fmt: skip
        session.add(bid)
        session.flush()
        assert bid.id is not None
        bid_id = bid.id
    log.info("bid %s created", bid_id)
    changes = Changes.of("bid", bid_id, note=f"Bid '{title}' added", created=bid_id)
    if form_id is not None:
        from bidkit.ops.questionnaires import attach_form

        changes = changes.merge(attach_form(ws, bid_id, form_id))
    return changes


def partners_of(session: Session, bid_id: int) -> list[BidPartner]:
    return list(
        session.exec(
            select(BidPartner).where(col(BidPartner.bid_id) == bid_id).order_by(col(BidPartner.id))
        ).all()
    )
