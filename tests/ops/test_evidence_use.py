"""Using a library item in an answer: the writer's text is stored, the item is its source, and
the use goes into the item's history."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import col, select

from bidkit.model.evidence import EvidenceItem, EvidenceUsage
from bidkit.model.questionnaire import Answer
from bidkit.ops.bids import create_bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.evidence_use import library_text, use_library_item
from bidkit.ops.questionnaires import read_questionnaire

FORM = "council-care-support-pqq"


def _bid(ws: Any) -> tuple[int, int, int]:
    """(bid form id, the lead's org id, a library item id) for a new bid on FORM."""
    seed_demo(ws, force=False)
    bid_id = create_bid(ws, title="Lunch club", buyer="Testshire Council", deadline=None,
                        form_id=FORM).created  # fmt: skip
    assert bid_id is not None
    snapshot = read_questionnaire(ws, bid_id, FORM)
    with ws.session() as session:
        item_id = session.exec(select(EvidenceItem.id)).first()
    assert item_id is not None
    return snapshot.bid_form_id, int(snapshot.participants[0][0]), int(item_id)


def _row(ws: Any, bid_form_id: int, question_id: str) -> Answer:
    with ws.session() as session:
        row = session.exec(
            select(Answer).where(
                col(Answer.bid_form_id) == bid_form_id, col(Answer.question_id) == question_id
            )
        ).one()
        session.expunge(row)
        return row


def _uses(ws: Any, item_id: int) -> int:
    with ws.session() as session:
        return len(
            session.exec(select(EvidenceUsage).where(col(EvidenceUsage.evidence_id) == item_id))
            .all()
        )  # fmt: skip


def test_text_inserted_among_the_writers_words_keeps_them(workspace: Any) -> None:
    bid_form_id, lead, item_id = _bid(workspace)
    text = library_text(workspace, item_id)
    uses = _uses(workspace, item_id)
    value = f"Our own opening.\n\n{text.body}\n\nOur own close."
    changes = use_library_item(workspace, bid_form_id, "org_governance", lead, item_id, value=value)
    assert changes.touches("questionnaire") and changes.touches("evidence", item_id)
    assert changes.note == f"Inserted '{text.title}' from the library"
    row = _row(workspace, bid_form_id, "org_governance")
    assert json.loads(row.value) == value
    assert json.loads(row.source_value) == text.body
    assert row.source_kind == "evidence"
    assert row.source_ref == f"evidence:{item_id}@{text.version}"
    assert _uses(workspace, item_id) == uses + 1


def test_an_evidence_answer_refers_to_the_item(workspace: Any) -> None:
    bid_form_id, lead, item_id = _bid(workspace)
    title = library_text(workspace, item_id).title
    value = {"evidence_id": item_id, "title": title}
    use_library_item(workspace, bid_form_id, "org_governing_document", lead, item_id, value=value)
    row = _row(workspace, bid_form_id, "org_governing_document")
    assert json.loads(row.value) == value == json.loads(row.source_value)
    assert row.source_label == f"Library: {title}"
