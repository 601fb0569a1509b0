"""Using a library item in an answer: read it for a preview, and record that it was used.

The window inserts an item's text where the writer's cursor is (or answers an evidence
question with the item itself), then saves the answer as it now reads through
`use_library_item`: the item (and its version) becomes the answer's source, and the use goes
into the item's usage history. Unlike pre-fill, the stored value is the writer's, which may hold
their own words around the inserted text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from bidkit.errors import InputRefused, NotFound
from bidkit.forms.catalog import get_form
from bidkit.forms.schema import AnsweredBy
from bidkit.library.freshness import freshness
from bidkit.model.evidence import EvidenceItem, EvidenceUsage
from bidkit.model.questionnaire import Answer, BidForm
from bidkit.model.types import utc_now
from bidkit.ops.changes import Changes
from bidkit.store.workspace import Workspace

QUESTIONNAIRE = "questionnaire"


@dataclass(frozen=True)
class LibraryText:
    """One library item's whole text, for a preview and for inserting it."""

    id: int
    title: str
    body: str
    version: int
    tags: tuple[str, ...]
    #: "Review was due 31 Oct 2026", "Expired 1 Jan 2026" or "".
    flag: str
    expired: bool


def library_text(ws: Workspace, evidence_id: int, today: date | None = None) -> LibraryText:
    with ws.session() as session:
        item = session.get(EvidenceItem, evidence_id)
        if item is None:
            raise NotFound("That library item has been deleted.")
        state = freshness(item.review_on, item.expires_on, today or date.today())
        return LibraryText(
            id=evidence_id,
            title=item.title,
            body=item.body,
            version=item.version,
            tags=tuple(t.strip() for t in item.tags.split(",") if t.strip()),
            flag=state.describe(item.review_on, item.expires_on) if state.flagged else "",
            expired=state.expired,
        )


def _answer_row(
    session: Session, bid_form: BidForm, question_id: str, member_org_id: int | None
) -> Answer:
    if bid_form.form_id.startswith("buyer-"):
        from bidkit.ops.buyer_forms import register_buyer_forms

        register_buyer_forms(session)
    form = get_form(bid_form.form_id)
    try:
        question = form.question(question_id)
    except KeyError:
        raise InputRefused(f"'{question_id}' is not a question of {form.title}.") from None
    if question.answered_by is AnsweredBy.LEAD:
        member_org_id = None
    key = member_org_id or 0
    row = session.exec(
        select(Answer).where(
            col(Answer.bid_form_id) == bid_form.id,
            col(Answer.question_id) == question_id,
            col(Answer.member_key) == key,
        )
    ).first()
    if row is None:
        row = Answer(
            bid_form_id=bid_form.id or 0,
            question_id=question_id,
            member_key=key,
            member_org_id=member_org_id,
        )
    return row


def use_library_item(
    ws: Workspace,
    bid_form_id: int,
    question_id: str,
    member_org_id: int | None,
    evidence_id: int,
    *,
    value: Any,
) -> Changes:
    """Save `value` (the answer with the item's text in it) with the item as its source.

    `value` is the answer as the writer now sees it; the item's text as inserted is kept as
    the source value, so the answer shows as including library text, and a later change to
    the item is flagged rather than copied over the writer's words.
    """
    with ws.write() as session:
        bid_form = session.get(BidForm, bid_form_id)
        if bid_form is None:
            raise NotFound("That questionnaire is no longer attached to the bid.")
        item = session.get(EvidenceItem, evidence_id)
        if item is None:
            raise NotFound("That library item has been deleted.")
        row = _answer_row(session, bid_form, question_id, member_org_id)
        used: Any = item.body
        if isinstance(value, dict) and "evidence_id" in value:
            used = {"evidence_id": evidence_id, "title": item.title}
        row.value = json.dumps(value, sort_keys=True, ensure_ascii=False)
        row.source_value = json.dumps(used, sort_keys=True, ensure_ascii=False)
        row.source_kind, row.source_ref = "evidence", f"evidence:{item.id}@{item.version}"
        row.source_label, row.source_changed = f"Library: {item.title}", False
        row.updated_at = utc_now()
        session.add(row)
        session.add(
            EvidenceUsage(
                evidence_id=evidence_id,
                bid_id=bid_form.bid_id,
                question_id=question_id,
                version=item.version,
            )
        )
        bid_id, title = bid_form.bid_id, item.title
    note = f"Inserted '{title}' from the library"
    return Changes.of(QUESTIONNAIRE, bid_id, note=note).merge(Changes.of("evidence", evidence_id))
