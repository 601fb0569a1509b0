"""Storing a checked reply: the merge with provenance, conflicts, profile facts, and undo.

`import_reply` runs every check first (`bidkit.ops.packs.plan_reply`) and writes nothing when
one fails. Then a verified backup is taken, and one transaction stores the answers taken, the
conflicts to settle and the pack's record, with what each answer held before so
`undo_import` can put the whole import back in one step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bidkit.consortium.merge import Outcome
from bidkit.consortium.pack_checks import check_pack
from bidkit.consortium.pack_files import read_pack_file
from bidkit.consortium.pack_format import REPLY
from bidkit.errors import InputRefused, NotFound
from bidkit.forms.catalog import get_form
from bidkit.model.bid import BidPartner
from bidkit.model.consortium import DocumentDirection, PackConflict, PackRecord
from bidkit.model.questionnaire import Answer, BidForm
from bidkit.model.types import utc_now
from bidkit.ops.changes import Changes
from bidkit.ops.packs import PACK, QUESTIONNAIRE, ReplyPreview, plan_reply
from bidkit.ops.partner_documents import remove_received, store_received
from bidkit.profile.values import format_count, format_short_date, uk_wall_time
from bidkit.store.queries import get_imported_reply
from bidkit.store.workspace import Workspace


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _label(preview: ReplyPreview) -> str:
    """The answer's provenance: who, which pack, the UK day it came in ("3 Dec 2026")."""
    when = format_short_date(uk_wall_time(utc_now()).date())
    if preview.medium == "docx":
        return f"From {preview.partner}'s Word form, {when}"
    signed = "signed" if preview.signed else "unsigned"
    return f"From {preview.partner}'s reply pack #{preview.sequence}, {when} ({signed})"


def _answer(session: Session, bid_form_id: int, question_id: str, key: int) -> Answer | None:
    return session.exec(
        select(Answer).where(
            col(Answer.bid_form_id) == bid_form_id,
            col(Answer.question_id) == question_id,
            col(Answer.member_key) == key,
        )
    ).first()


def _stored_answers(session: Session, bid_form_ids: set[int]) -> dict[tuple[int, str, int], Answer]:
    rows = session.exec(select(Answer).where(col(Answer.bid_form_id).in_(sorted(bid_form_ids))))
    return {(a.bid_form_id, a.question_id, a.member_key): a for a in rows}


_SOURCE_FIELDS = (
    "value",
    "source_kind",
    "source_ref",
    "source_label",
    "source_value",
    "source_changed",
    "ready",
)


def _take(answer: Answer, value: Any, record_id: int, label: str) -> None:
    answer.value = answer.source_value = _dump(value)
    answer.source_kind, answer.source_ref = "partner", f"pack:{record_id}"
    answer.source_label, answer.source_changed, answer.ready = label, False, False
    answer.updated_at = utc_now()


def store_reply(ws: Workspace, preview: ReplyPreview) -> Changes:
    """Merge a reply that passed every check: backup, then one transaction."""
    if preview.already_imported:
        return Changes.none().merge(
            Changes(
                note=f"This reply from {preview.partner} was already imported: nothing changed."
            )
        )
    backup = ws.backup("before-pack-import")
    label = _label(preview)
    form_ids: dict[int, str] = {}
    with ws.write() as session:
        # The plan was made on what is stored now: writes run one at a time (the window's one
        # database worker, the workspace lock for commands), so nothing changed in between.
        stored = _stored_answers(session, {item.bid_form_id for item in preview.items})
        record = PackRecord(
            bid_id=preview.bid_id,
            organisation_id=preview.org_id,
            exchange_id=preview.exchange_id,
            direction="in",
            kind=REPLY,
            sequence=preview.sequence,
            medium=preview.medium,
            file_name=preview.file_name,
            file_sha256=preview.file_sha256,
            signed=preview.signed,
            key_fingerprint=preview.fingerprint,
            backup_path=str(backup),
        )
        session.add(record)
        session.flush()
        record_id = record.id or 0
        documents = store_received(
            session,
            ws.files,
            (preview.bid_id, preview.org_id, str(DocumentDirection.FROM_PARTNER)),
            preview.attachment_data,
            preview.attachments,
            record_id=record_id,
        )
        undo: list[dict[str, Any]] = []
        taken: list[list[Any]] = []
        received: list[list[Any]] = []
        for item in preview.items:
            if item.bid_form_id not in form_ids:
                bid_form = session.get(BidForm, item.bid_form_id)
                form_ids[item.bid_form_id] = bid_form.form_id if bid_form else ""
            form_id = form_ids[item.bid_form_id]
            received.append([form_id, item.question.id, item.theirs])
            if item.outcome is Outcome.SAME:
                continue
            if item.outcome is Outcome.CONFLICT:
                _supersede(session, item.bid_form_id, item.question.id, item.member_key)
                session.add(
                    PackConflict(
                        pack_record_id=record_id,
                        bid_form_id=item.bid_form_id,
                        question_id=item.question.id,
                        member_key=item.member_key,
                        mine=_dump(item.mine),
                        theirs=_dump(item.theirs),
                    )
                )
                continue
            row = stored.get((item.bid_form_id, item.question.id, item.member_key))
            before = None if row is None else {f: getattr(row, f) for f in _SOURCE_FIELDS}
            if row is None:
                row = Answer(
                    bid_form_id=item.bid_form_id,
                    question_id=item.question.id,
                    member_key=item.member_key,
                    member_org_id=item.member_key or None,
                )
            undo.append(
                {
                    "bid_form_id": item.bid_form_id,
                    "question_id": item.question.id,
                    "member_key": item.member_key,
                    "before": before,
                }
            )
            _take(row, item.theirs, record_id, label)
            session.add(row)
            taken.append([form_id, item.question.id, item.theirs])
        record.undo = _dump(undo)
        record.payload = _dump(
            {
                "partner": preview.partner,
                "counts": preview.counts,
                "trust": preview.trust,
                "trust_text": preview.trust_text,
                "taken": taken,
                "received": received,
                "profile_facts": preview.profile_facts,
                "label": label,
                "attachments": preview.attachments,
                "documents_added": documents,
            }
        )
        session.add(record)
    c = preview.counts
    note = (
        f"{label}: {c['add']} added, {c['change']} changed, {c['conflict']} to settle"
        + (f", {format_count(documents, 'document')} kept" if documents else "")
        + f". {preview.trust_text}"
    )
    return Changes(
        {
            PACK: frozenset({record_id}),
            QUESTIONNAIRE: frozenset({preview.bid_id}),
            "bid": frozenset({preview.bid_id}),
        },
        note=note,
        created=record_id,
    )


def _supersede(session: Session, bid_form_id: int, question_id: str, key: int) -> None:
    for old in session.exec(
        select(PackConflict).where(
            col(PackConflict.bid_form_id) == bid_form_id,
            col(PackConflict.question_id) == question_id,
            col(PackConflict.member_key) == key,
            col(PackConflict.resolution) == "",
        )
    ):
        old.resolution = "superseded"
        session.add(old)


def import_reply(
    ws: Workspace, path: Path, bid_id: int | None = None, org_id: int | None = None
) -> Changes:
    """Check a reply pack completely, then merge it (nothing is written if a check fails)."""
    pack = check_pack(Path(path).name, read_pack_file(Path(path)))
    with ws.session() as session:
        preview = plan_reply(session, pack, bid_id, org_id)
    return store_reply(ws, preview)


# -- after an import ------------------------------------------------------------------------
def undo_import(ws: Workspace, record_id: int) -> Changes:
    """Put back every answer the import changed, unless it was edited since; drop its conflicts."""
    kept = restored = 0
    with ws.write() as session:
        record = get_imported_reply(session, record_id)
        if record.undone:
            raise InputRefused("That import was already undone.")
        later = session.exec(
            select(PackRecord).where(
                col(PackRecord.exchange_id) == record.exchange_id,
                col(PackRecord.direction) == "in",
                col(PackRecord.id) > record_id,
                col(PackRecord.undone) == False,  # noqa: E712
            )
        ).first()
        if later is not None:
            raise InputRefused(
                "A later reply from this partner was imported after this one: undo that one first."
            )
        for entry in json.loads(record.undo or "[]"):
            row = _answer(session, entry["bid_form_id"], entry["question_id"], entry["member_key"])
            if row is None:
                continue
            if row.source_ref != f"pack:{record_id}" or row.value != row.source_value:
                kept += 1  # edited since the import: the writer's text stays
                continue
            before = entry["before"]
            if before is None:
                session.delete(row)
            else:
                for name, value in before.items():
                    setattr(row, name, value)
                row.updated_at = utc_now()
                session.add(row)
            restored += 1
        for conflict in session.exec(
            select(PackConflict).where(col(PackConflict.pack_record_id) == record_id)
        ):
            session.delete(conflict)
        documents = remove_received(session, record_id)
        record.undone = True
        session.add(record)
        bid_id = record.bid_id
    note = f"Import undone: {restored} answers put back"
    if kept:
        note += f", {kept} kept because they were edited after the import"
    if documents:
        note += f", {format_count(documents, 'document')} it brought removed"
    return Changes(
        {
            PACK: frozenset({record_id}),
            QUESTIONNAIRE: frozenset({bid_id}),
            "bid": frozenset({bid_id}),
        },
        note=note,
    )


@dataclass(frozen=True)
class ConflictView:
    id: int
    bid_form_id: int
    form_id: str
    question_id: str
    number: str
    text: str
    member_key: int
    partner: str
    mine: Any
    theirs: Any
    pack_label: str


def open_conflicts(ws: Workspace, bid_id: int) -> list[ConflictView]:
    """Conflicts still to settle on a bid, in the order they arrived (a read)."""
    with ws.session() as session:
        rows = session.exec(
            select(PackConflict, PackRecord, BidForm)
            .join(PackRecord, col(PackRecord.id) == col(PackConflict.pack_record_id))
            .join(BidForm, col(BidForm.id) == col(PackConflict.bid_form_id))
            .where(col(PackRecord.bid_id) == bid_id, col(PackConflict.resolution) == "")
            .order_by(col(PackConflict.id))
        ).all()
        views = []
        for conflict, record, bid_form in rows:
            question = get_form(bid_form.form_id).question(conflict.question_id)
            payload = json.loads(record.payload or "{}")
            views.append(
                ConflictView(
                    conflict.id or 0,
                    bid_form.id or 0,
                    bid_form.form_id,
                    question.id,
                    question.number,
                    question.text,
                    conflict.member_key,
                    str(payload.get("partner", "")),
                    json.loads(conflict.mine),
                    json.loads(conflict.theirs),
                    str(payload.get("label", "")),
                )
            )
        return views


def resolve_conflict(ws: Workspace, conflict_id: int, choice: str, value: Any = None) -> Changes:
    """Settle a conflict: "mine" keeps the lead's answer, "theirs" takes the partner's,
    "edit" stores `value` (the lead's own merge of the two)."""
    if choice not in ("mine", "theirs", "edit"):
        raise InputRefused("Choose keep mine, take theirs or edit.")
    with ws.write() as session:
        conflict = session.get(PackConflict, conflict_id)
        if conflict is None or conflict.resolution:
            raise NotFound("That conflict was already settled.")
        record = session.get(PackRecord, conflict.pack_record_id)
        assert record is not None
        if choice != "mine":
            row = _answer(
                session, conflict.bid_form_id, conflict.question_id, conflict.member_key
            ) or Answer(
                bid_form_id=conflict.bid_form_id,
                question_id=conflict.question_id,
                member_key=conflict.member_key,
                member_org_id=conflict.member_key or None,
            )
            if choice == "theirs":
                label = str(json.loads(record.payload or "{}").get("label", ""))
                _take(row, json.loads(conflict.theirs), record.id or 0, label)
            else:
                row.value = _dump(value)
                row.updated_at = utc_now()
            session.add(row)
        conflict.resolution = "edited" if choice == "edit" else choice
        session.add(conflict)
        bid_id = record.bid_id
    return Changes(
        {QUESTIONNAIRE: frozenset({bid_id}), PACK: frozenset(), "bid": frozenset({bid_id})},
        note="Conflict settled",
    )


def pack_summary(ws: Workspace, record_id: int) -> dict[str, Any]:
    """The JSON the command line prints for a pack exported or imported (a read)."""
    with ws.session() as session:
        record = session.get(PackRecord, record_id)
        if record is None:
            raise NotFound(f"There is no pack record {record_id}.")
        payload = json.loads(record.payload or "{}")
        partner = session.exec(
            select(BidPartner).where(col(BidPartner.exchange_id) == record.exchange_id)
        ).first()
        counts = payload.get("counts", {})
        summary: dict[str, Any] = {
            "bid_id": record.bid_id,
            "kind": record.kind,
            "direction": record.direction,
            "partner": payload.get("partner", ""),
            "partner_id": partner.organisation_id if partner else record.organisation_id,
            "sequence": record.sequence,
            "signed": record.signed,
            "key_fingerprint": record.key_fingerprint,
            "file": record.file_name,
        }
        if record.direction == "in" and record.kind == REPLY:
            summary.update(
                {
                    "answers_added": counts.get("add", 0),
                    "answers_changed": counts.get("change", 0),
                    "conflicts": counts.get("conflict", 0),
                    "unchanged": counts.get("same", 0),
                    "trust": payload.get("trust", ""),
                    "trust_text": payload.get("trust_text", ""),
                    "profile_changes": len(payload.get("profile_facts", [])),
                    "backup": record.backup_path,
                    "pack_record": record.id,
                    "attachments": payload.get("attachments", []),
                    "documents_added": payload.get("documents_added", 0),
                }
            )
        else:
            summary.update(
                {
                    "questions": payload.get("questions", 0),
                    "size": payload.get("size", 0),
                    "attachments": payload.get("attachments", []),
                }
            )
        return summary
