"""Partners without BidKit: the request as a Word form, and the filled form merged back.

The filled form passes the library's Word safety checks, then the same checks and merge as a
reply pack (this bid, this partner, answers of the right shape, preview, backup, provenance
"From Greenway's Word form, 3 Dec", undo). The same file imported again changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bidkit.consortium.pack_checks import CheckedPack
from bidkit.consortium.pack_format import REPLY, REQUEST, sha256
from bidkit.consortium.word_form import (
    answer_cells,
    build_word_form,
    read_answer,
    read_word_form,
    table_answers,
)
from bidkit.errors import InputRefused
from bidkit.forms.catalog import get_form
from bidkit.library.docx_safety import MAX_DOCX_BYTES, inspect_docx
from bidkit.model.bid import BidPartner
from bidkit.model.consortium import PackRecord
from bidkit.model.types import utc_now
from bidkit.ops.changes import Changes
from bidkit.ops.pack_merge import store_reply
from bidkit.ops.packs import PACK, ReplyPreview, plan_reply, start_request
from bidkit.ops.partner_documents import outgoing_for_request
from bidkit.profile.values import format_datetime
from bidkit.store.atomic import write_bytes_atomic
from bidkit.store.output_files import check_output_path
from bidkit.store.queries import get_bid_and_organisation, get_organisation
from bidkit.store.workspace import Workspace


def export_word_form(ws: Workspace, bid_id: int, org_id: int, output: Path) -> Changes:
    """Write one partner's request as a Word form and record it like a request pack."""
    output = Path(output)
    check_output_path(output, "Word form")
    with ws.write() as session:
        start = start_request(session, bid_id, org_id)
        bid, partner, org, content = start.bid, start.partner, start.org, start.content
        sequence = start.sequence
        asked = [q for f in content["forms"] for q in f["questions"]]
        if not asked:
            raise InputRefused(
                f"{org.legal_name} has no questions a Word form can ask on this bid."
            )
        documents = [d.file_name for d in outgoing_for_request(session, ws.files, bid_id, org_id)]
        deadline = (
            format_datetime(bid.deadline, all_day=bid.deadline_all_day)
            if bid.deadline
            else "the date the lead gives you"
        )
        data, layout = build_word_form(
            {
                "exchange_id": partner.exchange_id,
                "sequence": sequence,
                "lead_bid_id": bid_id,
                "partner": org.legal_name,
                "title": bid.title,
                "buyer": bid.buyer or "the buyer",
                "lead": start.lead_name or "The lead",
                "deadline": deadline,
                "documents": documents,
            },
            content,
        )
        write_bytes_atomic(output, data)
        sent_values = start.sent_values()
        record = PackRecord(
            bid_id=bid_id,
            organisation_id=org_id,
            exchange_id=partner.exchange_id,
            direction="out",
            kind=REQUEST,
            sequence=sequence,
            medium="docx",
            file_name=output.name,
            file_sha256=sha256(data),
            payload=json.dumps(
                {
                    "sent": sent_values,
                    "questions": len(asked),
                    "size": len(data),
                    "partner": org.legal_name,
                    "layout": layout,
                },
                ensure_ascii=False,
            ),
        )
        session.add(record)
        session.flush()
        record_id = record.id
    return Changes(
        {PACK: frozenset({record_id or 0}), "bid": frozenset({bid_id})},
        note=f"Word form for {org.legal_name} written ({len(asked)} questions)"
        + (f"; send {', '.join(documents)} with it" if documents else ""),
        created=record_id,
    )


def _as_pack(session: Session, path: Path, bid_id: int, org_id: int) -> CheckedPack:
    """The filled form, checked, as the reply pack it stands for."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputRefused(f"BidKit could not read {path}: {exc.strerror}.") from exc
    if size > MAX_DOCX_BYTES:
        raise InputRefused(f"“{name}” was not imported: it is larger than a partner form may be.")
    data = path.read_bytes()
    inspect_docx(name, data)
    exchange_id, request_sequence, document = read_word_form(name, data)
    row = session.exec(select(BidPartner).where(col(BidPartner.exchange_id) == exchange_id)).first()
    request = session.exec(
        select(PackRecord).where(
            col(PackRecord.exchange_id) == exchange_id,
            col(PackRecord.direction) == "out",
            col(PackRecord.medium) == "docx",
            col(PackRecord.sequence) == request_sequence,
        )
    ).first()
    if row is None or request is None:
        raise InputRefused(
            f"“{name}” was not imported: it answers a Word form this workspace did not make. "
            "Import it in the workspace that sent the form."
        )
    if row.bid_id != bid_id or row.organisation_id != org_id:
        who = get_organisation(session, row.organisation_id).legal_name
        raise InputRefused(
            f"“{name}” was not imported: it is the form made for {who} on bid {row.bid_id}, "
            f"not for organisation {org_id} on bid {bid_id}. Import it for the bid and "
            "partner it was made for."
        )
    layout = json.loads(request.payload).get("layout", {})
    numbers: dict[str, dict[str, str]] = layout.get("questions", {})
    forms = []
    cells = answer_cells(name, document, layout)  # checks the tables are those it made
    tables = table_answers(name, document, layout)
    for form_id, by_number in cells.items():
        form = get_form(form_id)
        answers = []
        for number, text in by_number.items():
            question_id = numbers.get(form_id, {}).get(number)
            if question_id is None:
                raise InputRefused(
                    f"“{name}” was not imported: it has a row numbered “{number[:40]}” that "
                    "the form did not have. Keep the first column as it was."
                )
            question = form.question(question_id)
            options = [(o.id, o.text) for o in question.options]
            answers.append(
                {
                    "question_id": question_id,
                    "value": read_answer(question.type.value, options, text),
                }
            )
        answers += [
            {"question_id": question_id, "value": rows}
            for question_id, rows in tables.pop(form_id, {}).items()
            if rows is not None
        ]
        forms.append({"form_id": form_id, "answers": answers})
    for form_id, by_question in tables.items():  # a form whose questions are all tables
        forms.append(
            {
                "form_id": form_id,
                "answers": [
                    {"question_id": q, "value": rows}
                    for q, rows in by_question.items()
                    if rows is not None
                ],
            }
        )
    replies = session.exec(
        select(PackRecord).where(
            col(PackRecord.exchange_id) == exchange_id,
            col(PackRecord.direction) == "in",
            col(PackRecord.undone).is_(False),
        )
    ).all()
    file_sha = sha256(data)
    same = next((r for r in replies if r.file_sha256 == file_sha), None)
    sequence = same.sequence if same else max((r.sequence for r in replies), default=0) + 1
    manifest: dict[str, Any] = {
        "kind": REPLY,
        "exchange_id": exchange_id,
        "sequence": sequence,
        "bid": {"lead_bid_id": row.bid_id},
        "partner": {"name": get_organisation(session, row.organisation_id).legal_name},
        "created_at": utc_now().isoformat(),
    }
    return CheckedPack(name, file_sha, size, manifest, {"forms": forms}, None)


def preview_word_form(ws: Workspace, path: Path, bid_id: int, org_id: int) -> ReplyPreview:
    """What merging the filled form would change (a read)."""
    with ws.session() as session:
        get_bid_and_organisation(session, bid_id, org_id)  # ids that are not there, named
        pack = _as_pack(session, Path(path), bid_id, org_id)
        return plan_reply(session, pack, bid_id, org_id, medium="docx")


def import_word_form(ws: Workspace, path: Path, bid_id: int, org_id: int) -> Changes:
    """Check a filled Word form completely, then merge it like a reply pack."""
    preview = preview_word_form(ws, path, bid_id, org_id)
    return store_reply(ws, preview)
