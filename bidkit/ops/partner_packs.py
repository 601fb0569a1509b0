"""Partner side of packs: open a lead's request as a bid, and export the reply.

Opening a request makes a bid in the partner's own workspace: the lead appears as an
organisation (named only), the workspace's own organisation joins with the role the lead gave
it, the questionnaires are attached and pre-filled from the partner's own profile and library,
and what the lead already holds fills the answers pre-fill left empty. The reply carries the
partner's answers to the questions it was asked, and the profile facts the lead may want.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bidkit import __version__
from bidkit.consortium.attachments import pack_attachments
from bidkit.consortium.pack_checks import CheckedPack, check_pack, refuse
from bidkit.consortium.pack_files import read_pack_file
from bidkit.consortium.pack_format import REPLY, REQUEST, PackContent
from bidkit.consortium.profile_facts import facts_of
from bidkit.consortium.request_content import reply_form
from bidkit.errors import InputRefused, NotFound
from bidkit.forms.catalog import get_form
from bidkit.forms.rules import has_content, key_for
from bidkit.model.bid import Bid, BidPartner, KeyDate, PartnerRole
from bidkit.model.consortium import DocumentDirection, PackRecord
from bidkit.model.organisation import Organisation
from bidkit.model.questionnaire import Answer, BidForm
from bidkit.model.types import utc_now
from bidkit.ops.changes import Changes
from bidkit.ops.packs import PACK, next_sequence, signer, write_pack, written_note
from bidkit.ops.partner_documents import cited_files, store_received
from bidkit.ops.questionnaires import attach_in
from bidkit.profile.values import format_count, format_date, format_short_date, uk_wall_time
from bidkit.store.output_files import check_output_path
from bidkit.store.queries import get_bid, profile_data
from bidkit.store.workspace import Workspace


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _own(session: Session) -> Organisation:
    own = session.exec(select(Organisation).where(col(Organisation.is_own) == True)).first()  # noqa: E712
    if own is None:
        raise InputRefused(
            "Set up your own organisation's profile first (the set-up wizard, or 'bidkit org "
            "import FILE --own'): a request is answered from it."
        )
    return own


def _lead_org(session: Session, name: str) -> Organisation:
    found = session.exec(
        select(Organisation).where(
            col(Organisation.legal_name) == name,
            col(Organisation.is_own) == False,  # noqa: E712
        )
    ).first()
    if found is not None:
        return found
    org = Organisation(legal_name=name or "Consortium lead")
    session.add(org)
    session.flush()
    return org


def _deadline(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _key_dates(bid_id: int, dates: Any) -> list[KeyDate]:
    """The lead's key dates (clarifications, sign-off, start) on the partner's copy."""
    found = []
    for entry in dates if isinstance(dates, list) else []:
        due = _deadline(entry.get("due")) if isinstance(entry, dict) else None
        if due is not None and due.tzinfo is not None:
            label = str(entry.get("label") or "Date from the lead")[:200]
            found.append(KeyDate(bid_id=bid_id, kind="custom", label=label, due=due))
    return found[:50]


def _check_request(session: Session, pack: CheckedPack) -> PackRecord | None:
    """The request record this pack updates (None for a new one); refuses the wrong kind."""
    name = pack.file_name
    if pack.kind != REQUEST:
        raise refuse(
            name,
            "it is a reply; replies are imported by the lead",
            "Open it in the lead's BidKit, or open the request you were sent.",
        )
    if (
        session.exec(
            select(BidPartner).where(col(BidPartner.exchange_id) == pack.exchange_id)
        ).first()
        is not None
    ):
        raise refuse(
            name,
            "it is a request this workspace sent to a partner",
            "Send it to the partner; they open it in their BidKit.",
        )
    for entry in pack.content["forms"]:
        try:
            get_form(entry["form_id"])
        except Exception:
            raise refuse(
                name,
                f"it uses the questionnaire “{entry['form_id']}”, which this BidKit does not know",
                "Update BidKit, then open it again.",
            ) from None
    earlier = session.exec(
        select(PackRecord)
        .where(
            col(PackRecord.exchange_id) == pack.exchange_id,
            col(PackRecord.direction) == "in",
            col(PackRecord.kind) == REQUEST,
        )
        .order_by(col(PackRecord.sequence).desc())
    ).first()
    if earlier is not None and pack.sequence < earlier.sequence:
        raise refuse(
            name,
            f"it is older (request {pack.sequence}) than the one already opened "
            f"(request {earlier.sequence})",
            "Open the lead's latest request.",
        )
    return earlier


def open_request(ws: Workspace, path: Path) -> Changes:
    """Open a lead's request pack as a bid in this workspace (or update the bid it made)."""
    pack = check_pack(Path(path).name, read_pack_file(Path(path)))
    with ws.write() as session:
        earlier = _check_request(session, pack)
        if earlier is not None and earlier.file_sha256 == pack.file_sha256:
            return Changes.of(
                "bid",
                earlier.bid_id,
                created=earlier.bid_id,
                note="This request is already open: nothing changed.",
            )
        own = _own(session)
        info = pack.manifest["bid"]
        role = str(pack.content.get("role", {}).get("role") or pack.manifest["partner"].get("role"))
        if role not in (str(PartnerRole.MEMBER), str(PartnerRole.SUBCONTRACTOR)):
            role = str(PartnerRole.MEMBER)
        if earlier is not None:
            bid = get_bid(session, earlier.bid_id)
        else:
            lead = _lead_org(session, str(info.get("lead") or ""))
            bid = Bid(lead_org_id=lead.id, status="drafting")
        bid.title = str(info.get("title") or "Consortium bid")[:300]
        bid.buyer = str(info.get("buyer") or "")[:300]
        bid.reference = str(info.get("reference") or "")[:200]
        bid.deadline = _deadline(info.get("deadline"))
        bid.description = str(pack.content.get("summary") or "")[:20000]
        bid.notes = (
            f"Opened from {info.get('lead') or 'the lead'}'s request pack ({pack.file_name})."
        )
        bid.updated_at = utc_now()
        session.add(bid)
        session.flush()
        bid_id = bid.id or 0
        if earlier is None:
            session.add(BidPartner(bid_id=bid_id, organisation_id=own.id or 0, role=role))
            session.add_all(_key_dates(bid_id, pack.content.get("key_dates")))
            session.flush()
        attached = {
            bf.form_id for bf in session.exec(select(BidForm).where(col(BidForm.bid_id) == bid_id))
        }
        questions: dict[str, list[str]] = {}
        made = _deadline(pack.manifest.get("created_at"))
        source = f"Held by {info.get('lead') or 'the lead'} (from their request"
        source += f" of {format_short_date(uk_wall_time(made).date())})" if made else ")"
        for entry in pack.content["forms"]:
            form_id = str(entry["form_id"])
            if form_id not in attached:
                attach_in(session, bid_id, form_id)
            questions[form_id] = [str(q["id"]) for q in entry["questions"]]
            _fill_held(
                session,
                (bid_id, own.id or 0),
                form_id,
                entry["questions"],
                source,
            )
        record = PackRecord(
            bid_id=bid_id,
            organisation_id=own.id,
            exchange_id=pack.exchange_id,
            direction="in",
            kind=REQUEST,
            sequence=pack.sequence,
            file_name=pack.file_name,
            file_sha256=pack.file_sha256,
            signed=pack.signature is not None,
            key_fingerprint=pack.signature.fingerprint if pack.signature else "",
            payload=_dump(
                {
                    "bid": dict(info),
                    "questions": questions,
                    "partner": dict(pack.manifest["partner"]),
                    "attachments": pack.content.get("attachments") or [],
                }
            ),
        )
        session.add(record)
        session.flush()
        documents = store_received(
            session,
            ws.files,
            (bid_id, bid.lead_org_id or 0, str(DocumentDirection.FROM_LEAD)),
            pack.attachments,
            list(pack.content.get("attachments") or []),
            record_id=record.id or 0,
        )
    total = sum(len(v) for v in questions.values())
    note = f"Request opened as a bid: {total} questions for you to answer"
    if documents:
        note += f"; {format_count(documents, 'document')} from the lead kept on the Partners tab"
    return Changes.of("bid", bid_id, created=bid_id, note=note)


def _fill_held(
    session: Session, bid_and_own: tuple[int, int], form_id: str, entries: list[Any], label: str
) -> None:
    """What the lead already holds fills the answers pre-fill left empty."""
    bid_id, own_id = bid_and_own
    bid_form = session.exec(
        select(BidForm).where(col(BidForm.bid_id) == bid_id, col(BidForm.form_id) == form_id)
    ).one()
    form = get_form(form_id)
    for entry in entries:
        held = entry.get("value") if isinstance(entry, dict) else None
        try:
            question = form.question(str(entry.get("id")))
        except KeyError:
            continue
        from bidkit.consortium.merge import value_problem

        if held is None or value_problem(question, held) or not has_content(question, held):
            continue
        key = key_for(question, own_id)
        row = session.exec(
            select(Answer).where(
                col(Answer.bid_form_id) == bid_form.id,
                col(Answer.question_id) == question.id,
                col(Answer.member_key) == key,
            )
        ).first()
        if row is not None and has_content(question, json.loads(row.value)):
            continue
        row = row or Answer(
            bid_form_id=bid_form.id or 0,
            question_id=question.id,
            member_key=key,
            member_org_id=key or None,
        )
        row.value = row.source_value = _dump(held)
        row.source_kind, row.source_ref = "partner", "request"
        row.source_label = label
        session.add(row)


def export_reply(
    ws: Workspace, bid_id: int, output: Path, *, with_attachments: bool = True
) -> Changes:
    """Write the reply pack for a bid opened from a request, with a newer sequence number.

    With `with_attachments` the policy documents and library files the answers cite go too.
    """
    output = Path(output)
    check_output_path(output, "pack")
    sign = signer(ws)
    with ws.write() as session:
        bid = get_bid(session, bid_id)
        request = session.exec(
            select(PackRecord)
            .where(
                col(PackRecord.bid_id) == bid_id,
                col(PackRecord.direction) == "in",
                col(PackRecord.kind) == REQUEST,
            )
            .order_by(col(PackRecord.sequence).desc())
        ).first()
        if request is None:
            raise NotFound(
                f"Bid {bid_id} was not opened from a request pack, so there is "
                "nothing to reply to. Open the lead's request first."
            )
        own = _own(session)
        payload = json.loads(request.payload)
        forms = []
        answered: list[tuple[str, Answer]] = []
        for form_id, ids in payload.get("questions", {}).items():
            form = get_form(form_id)
            bid_form = session.exec(
                select(BidForm).where(
                    col(BidForm.bid_id) == bid_id, col(BidForm.form_id) == form_id
                )
            ).first()
            values: dict[str, Any] = {}
            if bid_form is not None:
                question_ids = set(ids)
                for a in session.exec(select(Answer).where(col(Answer.bid_form_id) == bid_form.id)):
                    if a.question_id in question_ids and a.member_key == key_for(
                        form.question(a.question_id), own.id
                    ):
                        values[a.question_id] = json.loads(a.value)
                        answered.append((form_id, a))
            forms.append(reply_form(form, ids, values))
        cited = cited_files(session, ws.files, own.id or 0, answered) if with_attachments else []
        members, listing = pack_attachments(cited)
        sequence = next_sequence(session, request.exchange_id)
        pack = PackContent(
            kind=REPLY,
            exchange_id=request.exchange_id,
            sequence=sequence,
            bid=dict(payload.get("bid", {})),
            partner={**payload.get("partner", {}), "replying_as": own.legal_name},
            sender=f"{own.legal_name} (BidKit {__version__})",
            created_at=utc_now().isoformat(),
            content={
                "forms": forms,
                "profile_facts": facts_of(profile_data(session, own.id or 0)),
                "answered_on": format_date(utc_now().date()),
                "attachments": listing,
            },
            attachments=members,
        )
        answers = sum(len(f["answers"]) for f in forms)
        record_id, signed = write_pack(
            session,
            pack,
            sign,
            output,
            who=(bid_id, own.id),
            payload={"answers": answers, "partner": own.legal_name, "questions": answers},
        )
    note = f"Reply pack written for “{bid.title}” ({answers} answers"
    note += f", {format_count(len(listing), 'attachment')})" if listing else ")"
    return Changes(
        {PACK: frozenset({record_id})}, note=written_note(note, signed), created=record_id
    )
