"""Queries every operation shares, taking an open session so operations compose in one transaction.

Operations import these rather than each other: a bid created with a questionnaire reads the
bid, its partners and their profiles inside the same write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from bidkit.errors import NotFound
from bidkit.model.bid import Bid, BidPartner
from bidkit.model.consortium import PackRecord, PartnerAgreement, PartnerDocument
from bidkit.model.organisation import PROFILE_TABLES, Organisation

Row = Mapping[str, Any]


@dataclass(frozen=True)
class ProfileData:
    """One organisation's values: single fields by key, repeating tables by table key."""

    org: Mapping[str, Any]
    tables: Mapping[str, Sequence[Row]] = field(default_factory=dict)

    def rows(self, table: str) -> Sequence[Row]:
        return self.tables.get(table, ())


def plain_connection(session: Session) -> sqlite3.Connection:
    """The session's own sqlite3 connection, inside its transaction, for the reads written in
    plain SQL (`bidkit.ops.dashboard`)."""
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def get_bid(session: Session, bid_id: int) -> Bid:
    bid = session.get(Bid, bid_id)
    if bid is None:
        raise NotFound(f"There is no bid with id {bid_id}. Run 'bidkit bid list' to see the ids.")
    return bid


def get_imported_reply(session: Session, record_id: int) -> PackRecord:
    """A partner's reply imported into a bid (`pack_record` in `bidkit pack import --json`)."""
    record = session.get(PackRecord, record_id)
    if record is None or record.direction != "in":
        raise NotFound(
            f"There is no imported reply with id {record_id}. 'bidkit pack import FILE --json' "
            "shows a reply's id as pack_record."
        )
    return record


def get_agreement(session: Session, agreement_id: int) -> PartnerAgreement:
    """A consortium agreement on a bid (ids in `bidkit partner agreements BID --json`)."""
    row = session.get(PartnerAgreement, agreement_id)
    if row is None:
        raise NotFound(
            f"There is no agreement with id {agreement_id}. Run 'bidkit partner agreements "
            "BID --json' to see a bid's agreements."
        )
    return row


def get_partner_document(session: Session, document_id: int) -> PartnerDocument:
    """A document exchanged with a partner (ids in `bidkit partner documents BID --json`)."""
    row = session.get(PartnerDocument, document_id)
    if row is None:
        raise NotFound(
            f"There is no partner document with id {document_id}. Run 'bidkit partner "
            "documents BID --json' to see a bid's documents."
        )
    return row


def get_partner_on_bid(session: Session, bid_id: int, org_id: int) -> BidPartner:
    """Organisation `org_id` as a partner on bid `bid_id`."""
    for row in partners_of(session, bid_id):
        if row.organisation_id == org_id:
            return row
    org = get_organisation(session, org_id)
    raise NotFound(
        f"{org.legal_name} is not a partner on bid {bid_id}. Add them on the bid's Partners "
        "tab first."
    )


def partners_of(session: Session, bid_id: int) -> list[BidPartner]:
    """The bid's members and subcontractors, in the order they were added."""
    return list(
        session.exec(
            select(BidPartner).where(col(BidPartner.bid_id) == bid_id).order_by(col(BidPartner.id))
        ).all()
    )


def get_organisation(session: Session, org_id: int) -> Organisation:
    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFound(
            f"There is no organisation with id {org_id}. Run 'bidkit org list' to see the ids."
        )
    return org


def get_bid_and_organisation(
    session: Session, bid_id: int, org_id: int
) -> tuple[Bid, Organisation]:
    """Both records a command names by id (a bid and a partner, say), each checked."""
    return get_bid(session, bid_id), get_organisation(session, org_id)


def table_rows(session: Session, table: str, org_id: int) -> list[SQLModel]:
    """The rows of one repeating profile section (`PROFILE_TABLES` key), in their order."""
    model = PROFILE_TABLES[table]
    statement = (
        select(model)
        .where(col(model.organisation_id) == org_id)  # type: ignore[attr-defined]
        .order_by(col(model.position), col(model.id))  # type: ignore[attr-defined]
    )
    return list(session.exec(statement).all())


def profile_data(session: Session, org_id: int) -> ProfileData:
    """An organisation's whole profile as plain values."""
    org = get_organisation(session, org_id)
    tables = {
        name: [r.model_dump() for r in table_rows(session, name, org_id)] for name in PROFILE_TABLES
    }
    return ProfileData(org.model_dump(), tables)
