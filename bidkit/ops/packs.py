"""Lead side of partner packs: export a request, preview and merge a reply, undo, conflicts.

A request pack carries, for one partner, the bid's summary and dates and the questions that
partner answers, with what the lead already holds. A reply is checked completely (the file by
`bidkit.consortium.pack_checks`, then that it answers this workspace's request for this bid and
this partner, with a newer sequence and well-shaped answers) before anything is written; a
refused reply leaves the workspace untouched. A merge takes a backup first, stores each answer
with its provenance and records what it replaced, so the whole import can be undone in one step.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bidkit import __version__
from bidkit.consortium import signing, trust
from bidkit.consortium.attachments import pack_attachments
from bidkit.consortium.merge import MergeItem, check_value, counts, plan_merge
from bidkit.consortium.pack_checks import CheckedPack, check_pack, refuse
from bidkit.consortium.pack_files import read_pack_file, workspace_identity
from bidkit.consortium.pack_format import REQUEST, PackContent, build_pack, sha256
from bidkit.consortium.request_content import request_form
from bidkit.errors import InputRefused
from bidkit.forms.catalog import get_form
from bidkit.forms.rules import AnswerRules, Participant
from bidkit.model.bid import Bid, BidPartner, KeyDate, KeyDateKind
from bidkit.model.consortium import DocumentDirection, PackRecord, PartnerDocument
from bidkit.model.organisation import Organisation
from bidkit.model.questionnaire import Answer, BidForm
from bidkit.model.types import utc_now
from bidkit.ops.changes import Changes
from bidkit.ops.partner_documents import outgoing_for_request
from bidkit.ops.questionnaires import participants_of_bid
from bidkit.store.atomic import write_bytes_atomic
from bidkit.store.output_files import check_output_path
from bidkit.store.queries import get_bid, get_organisation, get_partner_on_bid
from bidkit.store.workspace import Workspace

PACK = "pack"
QUESTIONNAIRE = "questionnaire"
Where = tuple[int, str, int]  # (bid form id, question id, member key)


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def signer(ws: Workspace) -> Callable[[bytes], signing.Signature | None]:
    identity = workspace_identity(ws.root)
    return lambda data: signing.sign(identity, data)


def _records(session: Session, exchange_id: str) -> list[PackRecord]:
    statement = select(PackRecord).where(col(PackRecord.exchange_id) == exchange_id)
    return list(session.exec(statement.order_by(col(PackRecord.id))).all())


def _payload(record: PackRecord) -> dict[str, Any]:
    value = json.loads(record.payload or "{}")
    return value if isinstance(value, dict) else {}


# -- export ---------------------------------------------------------------------------------
def request_content(session: Session, bid: Bid, partner: BidPartner) -> dict[str, Any]:
    people = participants_of_bid(session, bid)
    me = next(p for p in people if p.org_id == partner.organisation_id)
    forms = []
    for bid_form in session.exec(
        select(BidForm).where(col(BidForm.bid_id) == bid.id).order_by(col(BidForm.id))
    ).all():
        form = get_form(bid_form.form_id)
        rows = session.exec(select(Answer).where(col(Answer.bid_form_id) == bid_form.id)).all()
        values = {(a.question_id, a.member_key): json.loads(a.value) for a in rows}
        forms.append(request_form(form, AnswerRules(form, values, people), me))
    dates = session.exec(select(KeyDate).where(col(KeyDate.bid_id) == bid.id)).all()
    return {
        "summary": bid.description,
        "key_dates": [
            {"label": d.label or _date_label(d.kind), "due": d.due.isoformat() if d.due else None}
            for d in dates
        ],
        "role": {
            "role": partner.role,
            "guarantor": partner.guarantor,
            "key_subcontractor": partner.key_subcontractor,
            "relied_on_for_capacity": partner.relied_on_for_capacity,
            "work_share_pct": partner.work_share_pct,
            "value_share_pct": partner.value_share_pct,
        },
        "forms": forms,
    }


def _date_label(kind: str) -> str:
    try:
        return str(KeyDateKind(kind).label)
    except ValueError:
        return kind


def _bid_identity(bid: Bid, lead_name: str) -> dict[str, Any]:
    return {
        "lead_bid_id": bid.id,
        "title": bid.title,
        "buyer": bid.buyer,
        "reference": bid.reference,
        "deadline": bid.deadline.isoformat() if bid.deadline else None,
        "lead": lead_name,
    }


@dataclass(frozen=True)
class RequestStart:
    """What every request to a partner (pack or Word form) begins from, in one session."""

    bid: Bid
    partner: BidPartner
    org: Organisation
    lead_name: str
    sequence: int
    content: dict[str, Any]

    def sent_values(self) -> list[list[Any]]:
        """[form, question, value] the lead holds now: the merge base of the reply."""
        return [
            [f["form_id"], q["id"], q["value"]]
            for f in self.content["forms"]
            for q in f["questions"]
            if q["value"] is not None
        ]


def start_request(session: Session, bid_id: int, org_id: int) -> RequestStart:
    """The bid, the partner (given an exchange id on first use) and the next sequence number."""
    bid = get_bid(session, bid_id)
    partner = get_partner_on_bid(session, bid_id, org_id)
    org = get_organisation(session, org_id)
    lead = get_organisation(session, bid.lead_org_id) if bid.lead_org_id else None
    if not partner.exchange_id:
        partner.exchange_id = uuid.uuid4().hex
        session.add(partner)
    sequence = next_sequence(session, partner.exchange_id)
    content = request_content(session, bid, partner)
    return RequestStart(bid, partner, org, lead.legal_name if lead else "", sequence, content)


def export_request(ws: Workspace, bid_id: int, org_id: int, output: Path) -> Changes:
    """Write the request pack for one partner and record it (its values are the merge base)."""
    output = Path(output)
    check_output_path(output, "pack")
    sign = signer(ws)
    with ws.write() as session:
        start = start_request(session, bid_id, org_id)
        bid, partner, org, content = start.bid, start.partner, start.org, start.content
        sequence, lead_name = start.sequence, start.lead_name
        members, listing = pack_attachments(outgoing_for_request(session, ws.files, bid_id, org_id))
        content = {**content, "attachments": listing}
        if not any(f["questions"] for f in content["forms"]):
            raise InputRefused(
                f"{org.legal_name} has no questions to answer on this bid: attach a "
                "questionnaire with questions each member answers first."
            )
        pack = PackContent(
            kind=REQUEST,
            exchange_id=partner.exchange_id,
            sequence=sequence,
            bid=_bid_identity(bid, lead_name),
            partner={
                "name": org.legal_name,
                "role": partner.role,
                "companies_house_number": org.companies_house_number,
            },
            sender=f"{lead_name} (BidKit {__version__})",
            created_at=utc_now().isoformat(),
            content=content,
            attachments=members,
        )
        questions = sum(len(f["questions"]) for f in content["forms"])
        record_id, signed = write_pack(
            session,
            pack,
            sign,
            output,
            who=(bid_id, org_id),
            payload={
                "sent": start.sent_values(),
                "questions": questions,
                "partner": org.legal_name,
            },
        )
    return Changes(
        {PACK: frozenset({record_id}), "bid": frozenset({bid_id})},
        note=written_note(
            f"Request pack for {org.legal_name} written ({questions} questions)", signed
        ),
        created=record_id,
    )


def next_sequence(session: Session, exchange_id: str) -> int:
    """The sequence number of the next pack this workspace sends in an exchange."""
    sent = [r for r in _records(session, exchange_id) if r.direction == "out"]
    return max((r.sequence for r in sent), default=0) + 1


def write_pack(
    session: Session,
    pack: PackContent,
    sign: Callable[[bytes], signing.Signature | None],
    output: Path,
    *,
    who: tuple[int, int | None],
    payload: dict[str, Any],
) -> tuple[int, bool]:
    """Sign and write a request or reply pack, and record it as sent: (record id, signed).

    `who` is (bid id, the organisation recorded with it); `payload` is what later steps need
    (the pack's size and attachments are added).
    """
    data, signature = build_pack(pack, sign)
    write_bytes_atomic(output, data)
    bid_id, org_id = who
    record = PackRecord(
        bid_id=bid_id,
        organisation_id=org_id,
        exchange_id=pack.exchange_id,
        direction="out",
        kind=pack.kind,
        sequence=pack.sequence,
        file_name=output.name,
        file_sha256=sha256(data),
        signed=signature is not None,
        key_fingerprint=signature.fingerprint if signature else "",
        payload=_dump(
            {
                **payload,
                "size": len(data),
                "attachments": list(pack.content.get("attachments") or []),
            }
        ),
    )
    session.add(record)
    session.flush()
    return record.id or 0, signature is not None


def written_note(note: str, signed: bool) -> str:
    if signed:
        return note
    return note + "; unsigned: this computer has no secure keyring (hashes still catch damage)"


# -- reply: checks and plan -----------------------------------------------------------------
@dataclass(frozen=True)
class ReplyPreview:
    """What importing a reply would do, worked out without writing anything."""

    file_name: str
    file_sha256: str
    bid_id: int
    bid_title: str
    org_id: int
    partner: str
    exchange_id: str
    sequence: int
    signed: bool
    fingerprint: str
    trust: str
    trust_text: str
    items: list[MergeItem]
    already_imported: bool = False
    profile_facts: list[dict[str, Any]] = field(default_factory=list)
    medium: str = "bidpack"
    #: The reply's files: {name, size, what, cited_by, new} (new: not yet kept from them).
    attachments: list[dict[str, Any]] = field(default_factory=list)
    #: Their bytes, checked against the manifest's hashes and the file policy.
    attachment_data: Mapping[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.items)


def _find_exchange(
    session: Session, pack: CheckedPack, bid_id: int | None, org_id: int | None
) -> BidPartner:
    name = pack.file_name
    bid_info = pack.manifest["bid"]
    partner = session.exec(
        select(BidPartner).where(col(BidPartner.exchange_id) == pack.exchange_id)
    ).first()
    if pack.kind == REQUEST:
        if partner is not None:
            raise refuse(
                name,
                "it is a request this workspace sent, not a partner's reply",
                "Send it to the partner; import their reply here.",
            )
        raise refuse(name, "it is a request, not a reply", "Open it in the partner's BidKit.")
    if partner is None:
        raise refuse(
            name,
            f"it answers a request this workspace did not send (for “{bid_info.get('title')}”, "
            f"led by {bid_info.get('lead') or 'another organisation'})",
            "Import it in the workspace that sent the request.",
        )
    bid = get_bid(session, partner.bid_id)
    if bid_info.get("lead_bid_id") != partner.bid_id:
        raise refuse(name, f"it names another bid than “{bid.title}”")
    if bid_id is not None and bid_id != partner.bid_id:
        raise refuse(
            name,
            f"it is for bid {partner.bid_id} (“{bid.title}”), not bid {bid_id}",
            "Import it into the bid it answers.",
        )
    if org_id is not None and org_id != partner.organisation_id:
        who = get_organisation(session, partner.organisation_id).legal_name
        asked = get_organisation(session, org_id).legal_name
        raise refuse(
            name, f"it is {who}'s reply, not {asked}'s", "Import it as the partner who sent it."
        )
    return partner


def _incoming(
    session: Session, pack: CheckedPack, bid_id: int, partner: Participant, people: list[Any]
) -> list[tuple[int, Any, int, Any]]:
    name = pack.file_name
    bid_forms = {
        bf.form_id: bf
        for bf in session.exec(select(BidForm).where(col(BidForm.bid_id) == bid_id)).all()
    }
    incoming = []
    for form_entry in pack.content["forms"]:
        bid_form = bid_forms.get(form_entry["form_id"])
        if bid_form is None:
            raise refuse(
                name,
                f"it answers the questionnaire “{form_entry['form_id']}”, which "
                "this bid does not have",
                "Attach it to the bid, or ask for a new reply to the latest request.",
            )
        form = get_form(bid_form.form_id)
        rules = AnswerRules(form, {}, people)
        for answer in form_entry["answers"]:
            try:
                question = form.question(answer["question_id"])
            except KeyError:
                raise refuse(
                    name,
                    f"it answers “{answer['question_id']}”, which is not a "
                    f"question of {form.title}",
                ) from None
            if partner.org_id not in rules.keys(question):
                raise refuse(
                    name,
                    f"it answers {question.number}, which {partner.name} does "
                    "not answer (the lead answers it for the bid)",
                )
            value = answer.get("value")
            check_value(name, question, value)
            incoming.append((bid_form.id or 0, question, partner.org_id, value))
    return incoming


def _history(
    session: Session, records: list[PackRecord], form_ids: dict[str, int], key: int
) -> tuple[dict[Where, Any], dict[Where, Any]]:
    """(base, seen): what the lead last sent or took per answer, and what the partner last sent."""
    base: dict[Where, Any] = {}
    seen: dict[Where, Any] = {}
    for record in records:
        if record.undone:
            continue
        payload = _payload(record)
        for form_id, question_id, value in payload.get("sent", []) + payload.get("taken", []):
            if form_id in form_ids:
                base[(form_ids[form_id], question_id, key)] = value
        for form_id, question_id, value in payload.get("received", []):
            if form_id in form_ids:
                seen[(form_ids[form_id], question_id, key)] = value
    return base, seen


def known_fingerprints(session: Session, org_id: int) -> list[str]:
    rows = session.exec(
        select(PackRecord)
        .where(
            col(PackRecord.organisation_id) == org_id,
            col(PackRecord.direction) == "in",
            col(PackRecord.signed).is_(True),
        )
        .order_by(col(PackRecord.id))
    ).all()
    return [r.key_fingerprint for r in rows if r.key_fingerprint and not r.undone]


def plan_reply(
    session: Session,
    pack: CheckedPack,
    bid_id: int | None,
    org_id: int | None,
    medium: str = "bidpack",
) -> ReplyPreview:
    """Every check that needs the workspace, and the merge plan (reads only)."""
    name = pack.file_name
    row = _find_exchange(session, pack, bid_id, org_id)
    bid = get_bid(session, row.bid_id)
    people = participants_of_bid(session, bid)
    partner = next(p for p in people if p.org_id == row.organisation_id)
    records = _records(session, pack.exchange_id)
    replies = [r for r in records if r.direction == "in" and not r.undone]
    already = any(r.file_sha256 == pack.file_sha256 for r in replies)
    last = max((r.sequence for r in replies), default=0)
    if not already and pack.sequence <= last:
        raise refuse(
            name,
            f"its sequence number ({pack.sequence}) is not newer than the last reply imported "
            f"from {partner.name} ({last}): it is an older or replayed pack",
            "Import their latest reply instead.",
        )
    incoming = _incoming(session, pack, row.bid_id, partner, people)
    form_ids = {
        bf.form_id: bf.id or 0
        for bf in session.exec(select(BidForm).where(col(BidForm.bid_id) == row.bid_id)).all()
    }
    base, seen = _history(session, records, form_ids, partner.org_id)
    current: dict[Where, Any] = {}
    for bid_form_id in form_ids.values():
        for a in session.exec(select(Answer).where(col(Answer.bid_form_id) == bid_form_id)):
            current[(bid_form_id, a.question_id, a.member_key)] = json.loads(a.value)
    items = plan_merge(incoming, current, base, seen)
    fingerprint = pack.signature.fingerprint if pack.signature else ""
    level = trust.assess(fingerprint, known_fingerprints(session, partner.org_id))
    from bidkit.consortium.profile_facts import diff_facts, facts_of
    from bidkit.store.queries import profile_data

    facts = diff_facts(
        facts_of(profile_data(session, partner.org_id)), pack.content.get("profile_facts", [])
    )
    attachments = _incoming_attachments(session, pack, row.bid_id, partner.org_id)
    return ReplyPreview(
        file_name=name,
        file_sha256=pack.file_sha256,
        bid_id=row.bid_id,
        bid_title=bid.title,
        org_id=partner.org_id,
        partner=partner.name,
        exchange_id=pack.exchange_id,
        sequence=pack.sequence,
        signed=pack.signature is not None,
        fingerprint=fingerprint,
        trust=level.value if medium != "docx" else trust.WORD_FORM,
        trust_text=trust.describe(level, partner.name, fingerprint)
        if medium != "docx"
        else trust.describe_word_reply(
            partner.name, row.contact_email or get_organisation(session, partner.org_id).email
        ),
        items=[] if already else items,
        already_imported=already,
        profile_facts=facts,
        medium=medium,
        attachments=attachments,
        attachment_data=dict(pack.attachments),
    )


def _incoming_attachments(
    session: Session, pack: CheckedPack, bid_id: int, org_id: int
) -> list[dict[str, Any]]:
    """The reply's attachments as the preview lists them, marking those already kept."""
    held = {
        d.sha256
        for d in session.exec(
            select(PartnerDocument).where(
                col(PartnerDocument.bid_id) == bid_id,
                col(PartnerDocument.organisation_id) == org_id,
                col(PartnerDocument.direction) == str(DocumentDirection.FROM_PARTNER),
            )
        )
    }
    listing = {e["name"]: e for e in pack.content.get("attachments") or []}
    return [
        {
            "name": name,
            "size": len(data),
            "what": str(listing.get(name, {}).get("what", "")),
            "cited_by": list(listing.get(name, {}).get("cited_by", [])),
            "new": sha256(data) not in held,
        }
        for name, data in sorted(pack.attachments.items())
    ]


def preview_reply(
    ws: Workspace, path: Path, bid_id: int | None = None, org_id: int | None = None
) -> ReplyPreview:
    """Check a reply pack and say what importing it would change. A pure read."""
    pack = check_pack(Path(path).name, read_pack_file(Path(path)))
    with ws.session() as session:
        return plan_reply(session, pack, bid_id, org_id)
