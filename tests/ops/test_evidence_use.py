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


# -- the credit lasts only while the item's text is in the answer -------------------------------
def _two_items(ws: Any) -> tuple[int, int]:
    with ws.session() as session:
        ids = session.exec(select(EvidenceItem.id).order_by(col(EvidenceItem.id))).all()
    return int(ids[0] or 0), int(ids[1] or 0)


def test_removing_the_inserted_text_gives_the_answer_back_its_profile_source(
    workspace: Any,
) -> None:
    from bidkit.ops.questionnaires import set_answer

    bid_form_id, lead, item_id = _bid(workspace)
    before = _row(workspace, bid_form_id, "org_social_mission")
    assert before.source_kind == "profile"  # pre-filled from the profile
    uses = _uses(workspace, item_id)
    body = library_text(workspace, item_id).body
    original = json.loads(before.value)
    use_library_item(workspace, bid_form_id, "org_social_mission", lead, item_id,
                     value=f"{original}\n\n{body}")  # fmt: skip
    # Edited around the inserted text: still credited.
    set_answer(
        workspace, bid_form_id, "org_social_mission", lead, f"{original} More.\n\n{body} End."
    )
    assert _row(workspace, bid_form_id, "org_social_mission").source_kind == "evidence"
    assert _uses(workspace, item_id) == uses + 1

    changes = set_answer(workspace, bid_form_id, "org_social_mission", lead, original)  # Ctrl+Z
    assert changes.touches("evidence", item_id)
    after = _row(workspace, bid_form_id, "org_social_mission")
    assert (after.source_kind, after.source_ref, after.source_label) == (
        before.source_kind, before.source_ref, before.source_label)  # fmt: skip
    assert after.source_value == before.source_value and not after.source_changed
    assert _uses(workspace, item_id) == uses


def test_removing_the_text_of_a_typed_answer_makes_it_typed_again(workspace: Any) -> None:
    from bidkit.ops.questionnaires import set_answer

    bid_form_id, lead, item_id = _bid(workspace)
    question = "hs_method"
    set_answer(workspace, bid_form_id, question, lead, "Before. After.")
    body = library_text(workspace, item_id).body
    uses = _uses(workspace, item_id)
    use_library_item(workspace, bid_form_id, question, lead, item_id,
                     value=f"Before. {body} After.")  # fmt: skip
    set_answer(workspace, bid_form_id, question, lead, "Before. After.")
    row = _row(workspace, bid_form_id, question)
    assert (row.source_kind, row.source_ref, row.source_label) == ("typed", "", "")
    assert row.source_value == "null"
    assert _uses(workspace, item_id) == uses


def test_with_two_items_put_in_the_credit_goes_back_to_the_one_still_there(
    workspace: Any,
) -> None:
    from bidkit.ops.questionnaires import set_answer

    bid_form_id, lead, _ = _bid(workspace)
    first, second = _two_items(workspace)
    question = "hs_method"
    one, two = library_text(workspace, first), library_text(workspace, second)
    uses = (_uses(workspace, first), _uses(workspace, second))
    use_library_item(workspace, bid_form_id, question, lead, first, value=one.body)
    use_library_item(workspace, bid_form_id, question, lead, second,
                     value=f"{one.body}\n\n{two.body}")  # fmt: skip
    set_answer(workspace, bid_form_id, question, lead, f"{one.body}\n\nMy own words.")
    row = _row(workspace, bid_form_id, question)
    assert row.source_ref == f"evidence:{first}@{one.version}"
    assert row.source_label == f"Library: {one.title}"
    assert (_uses(workspace, first), _uses(workspace, second)) == (uses[0] + 1, uses[1])
    set_answer(workspace, bid_form_id, question, lead, "My own words.")
    assert _row(workspace, bid_form_id, question).source_kind == "typed"
    assert (_uses(workspace, first), _uses(workspace, second)) == uses


def test_a_chosen_evidence_item_loses_its_credit_when_cleared(workspace: Any) -> None:
    from bidkit.ops.questionnaires import set_answer

    bid_form_id, lead, item_id = _bid(workspace)
    title = library_text(workspace, item_id).title
    uses = _uses(workspace, item_id)
    value = {"evidence_id": item_id, "title": title}
    use_library_item(workspace, bid_form_id, "org_governing_document", lead, item_id, value=value)
    set_answer(workspace, bid_form_id, "org_governing_document", lead, None)
    assert _row(workspace, bid_form_id, "org_governing_document").source_kind != "evidence"
    assert _uses(workspace, item_id) == uses
