"""Documents exchanged with consortium partners through packs.

The lead adds documents for a partner (they travel with every request pack to that partner);
a partner's reply brings the policies and certificates its answers cite, stored as that
partner's documents on the bid; a partner opening a request keeps the lead's documents. Every
file goes through the one file policy and is kept once in the file store by its SHA-256.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bidkit.consortium.attachments import Outgoing, human_size
from bidkit.forms.catalog import get_form
from bidkit.model.consortium import DocumentDirection, PartnerDocument
from bidkit.model.evidence import EvidenceFile
from bidkit.model.organisation import PolicyDocument
from bidkit.model.questionnaire import Answer
from bidkit.ops.changes import Changes
from bidkit.profile.values import format_short_date, uk_wall_time
from bidkit.store.file_policy import read_checked_file, safe_name
from bidkit.store.files import FileStore
from bidkit.store.output_files import save_copy
from bidkit.store.queries import (
    get_bid,
    get_organisation,
    get_partner_document,
    get_partner_on_bid,
)
from bidkit.store.workspace import Workspace

BID = "bid"
_POLICY_REF = re.compile(r"^policies\[policy_type=([a-z_]+)\]")


@dataclass(frozen=True)
class DocumentView:
    id: int
    org_id: int | None
    party: str
    direction: str
    direction_label: str
    file_name: str
    size_text: str
    cited_by: list[str]
    added_on: str


# -- reads -----------------------------------------------------------------------------------
def documents_of_bid(session: Session, bid_id: int) -> list[DocumentView]:
    """Every document exchanged on a bid, oldest first (a read)."""
    rows = session.exec(
        select(PartnerDocument)
        .where(col(PartnerDocument.bid_id) == bid_id)
        .order_by(col(PartnerDocument.id))
    ).all()
    views = []
    for row in rows:
        org_id = row.organisation_id
        party = get_organisation(session, org_id).legal_name if org_id else ""
        views.append(
            DocumentView(
                row.id or 0,
                row.organisation_id,
                party,
                row.direction,
                str(DocumentDirection(row.direction).label),
                row.file_name,
                human_size(row.size),
                list(json.loads(row.cited_by or "[]")),
                format_short_date(uk_wall_time(row.added_at).date()),
            )
        )
    return views


def read_partner_document(ws: Workspace, document_id: int) -> tuple[str, bytes]:
    """The document's name and bytes (a read), to open or save a copy."""
    with ws.session() as session:
        row = get_partner_document(session, document_id)
        name, digest = row.file_name, row.sha256
    return name, ws.files.read(digest)


def save_partner_document_copy(ws: Workspace, document_id: int, target: Path) -> Path:
    """Write a copy of a document where the user chose (atomically)."""
    _name, data = read_partner_document(ws, document_id)
    return save_copy(data, target, "copy", ws.root)


# -- the lead's documents for a partner ------------------------------------------------------
def add_partner_document(ws: Workspace, bid_id: int, org_id: int, source: Path) -> Changes:
    """Keep a document to send to a partner with every request pack (a template letter...)."""
    source = Path(source)
    data = read_checked_file(source, what="document")
    with ws.write() as session:
        get_bid(session, bid_id)
        get_partner_on_bid(session, bid_id, org_id)  # documents go to a partner on this bid
        digest = ws.files.add_bytes(data)
        exists = session.exec(
            select(PartnerDocument).where(
                col(PartnerDocument.bid_id) == bid_id,
                col(PartnerDocument.organisation_id) == org_id,
                col(PartnerDocument.sha256) == digest,
                col(PartnerDocument.direction) == str(DocumentDirection.TO_PARTNER),
            )
        ).first()
        name = safe_name(source.name)
        if exists is None:
            session.add(
                PartnerDocument(
                    bid_id=bid_id,
                    organisation_id=org_id,
                    direction=str(DocumentDirection.TO_PARTNER),
                    file_name=name,
                    sha256=digest,
                    size=len(data),
                )
            )
        partner = get_organisation(session, org_id).legal_name
    note = f"{name} will go to {partner} with their request pack"
    if exists is not None:
        note = f"{name} is already kept for {partner}: nothing changed"
    return Changes.of(BID, bid_id, note=note)


def remove_partner_document(ws: Workspace, document_id: int) -> Changes:
    """Forget a document on the bid (the stored copy stays while anything else uses it)."""
    with ws.write() as session:
        row = get_partner_document(session, document_id)
        bid_id, name = row.bid_id, row.file_name
        session.delete(row)
    return Changes.of(BID, bid_id, note=f"Removed {name}")


def outgoing_for_request(
    session: Session, store: FileStore, bid_id: int, org_id: int
) -> list[Outgoing]:
    """The lead's documents for this partner, to attach to a request pack."""
    rows = session.exec(
        select(PartnerDocument)
        .where(
            col(PartnerDocument.bid_id) == bid_id,
            col(PartnerDocument.organisation_id) == org_id,
            col(PartnerDocument.direction) == str(DocumentDirection.TO_PARTNER),
        )
        .order_by(col(PartnerDocument.id))
    ).all()
    return [Outgoing(r.file_name, store.read(r.sha256), "From the lead") for r in rows]


# -- the partner's cited files ---------------------------------------------------------------
def cited_files(
    session: Session, store: FileStore, own_id: int, answers: Iterable[tuple[str, Answer]]
) -> list[Outgoing]:
    """The policy documents and library files that the given answers cite.

    `answers` pairs each answer with its form id. An answer pre-filled from a policy in the
    profile cites that policy's document; one taken from a library item cites its files.
    """
    found: list[Outgoing] = []
    for form_id, answer in answers:
        number = get_form(form_id).question(answer.question_id).number
        if answer.source_kind == "profile" and (m := _POLICY_REF.match(answer.source_ref)):
            for policy in session.exec(
                select(PolicyDocument).where(
                    col(PolicyDocument.organisation_id) == own_id,
                    col(PolicyDocument.policy_type) == m.group(1),
                    col(PolicyDocument.file_sha256) != "",
                )
            ):
                what = f"Policy: {policy.title or policy.policy_type}"
                data = store.read(policy.file_sha256)
                found.append(Outgoing(policy.file_name or "policy", data, what, [number]))
        elif answer.source_kind == "evidence" and answer.source_ref.startswith("evidence:"):
            item = answer.source_ref.removeprefix("evidence:").split("@", 1)[0]
            if not item.isdigit():
                continue
            for file in session.exec(
                select(EvidenceFile).where(col(EvidenceFile.evidence_id) == int(item))
            ):
                found.append(
                    Outgoing(file.file_name, store.read(file.sha256), "Library file", [number])
                )
    return found


# -- documents that came in a pack -----------------------------------------------------------
def store_received(
    session: Session,
    store: FileStore,
    where: tuple[int, int, str],
    attachments: Mapping[str, bytes],
    listing: list[dict[str, Any]],
    *,
    record_id: int,
) -> int:
    """Keep a pack's attachments as documents of (bid, organisation, direction); a file already
    kept there is not added twice. Returns how many were added."""
    bid_id, org_id, direction = where
    info = {entry["name"]: entry for entry in listing}
    held = {
        r.sha256
        for r in session.exec(
            select(PartnerDocument).where(
                col(PartnerDocument.bid_id) == bid_id,
                col(PartnerDocument.organisation_id) == org_id,
                col(PartnerDocument.direction) == direction,
            )
        )
    }
    added = 0
    for name, data in attachments.items():
        digest = store.add_bytes(data)
        if digest in held:
            continue
        held.add(digest)
        session.add(
            PartnerDocument(
                bid_id=bid_id,
                organisation_id=org_id,
                direction=direction,
                file_name=name,
                sha256=digest,
                size=len(data),
                cited_by=json.dumps(info.get(name, {}).get("cited_by", [])),
                pack_record_id=record_id,
            )
        )
        added += 1
    return added


def remove_received(session: Session, record_id: int) -> int:
    """Forget the documents an import added (undo); returns how many."""
    rows = session.exec(
        select(PartnerDocument).where(col(PartnerDocument.pack_record_id) == record_id)
    ).all()
    for row in rows:
        session.delete(row)
    return len(rows)
