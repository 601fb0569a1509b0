"""Questionnaire operations: attach, pre-fill with provenance, edit, follow the profile, cover."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, select

from bidkit.errors import InputRefused
from bidkit.forms.catalog import get_form
from bidkit.model.bid import Bid, BidPartner
from bidkit.model.evidence import EvidenceItem
from bidkit.model.questionnaire import Answer, BidForm
from bidkit.ops import organisations
from bidkit.ops.bids import create_bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.questionnaires import (
    QuestionnaireSnapshot,
    accept_source,
    attach_form,
    coverage_report,
    forms_of_bid,
    load_questionnaire,
    reapply_prefill,
    set_answer,
    set_ready,
    suggest_evidence,
    use_evidence,
)
from bidkit.store.workspace import Workspace
from tests.profile_factory import make_full_profile

FORM = "uk-sq-ppn-03-23"


def new_bid(ws: Workspace, form_id: str | None = FORM) -> tuple[int, int]:
    """A bid led by a complete own profile; returns (org id, bid id)."""
    org_id = make_full_profile(ws)
    bid_id = create_bid(ws, title="Home care", buyer="Leeds", deadline=None, form_id=form_id)
    assert bid_id.created is not None
    return org_id, bid_id.created


def snapshot(ws: Workspace, bid_id: int) -> QuestionnaireSnapshot:
    return load_questionnaire(ws, bid_id, FORM)


def answer(snap: QuestionnaireSnapshot, question_id: str, org_id: int | None) -> object:
    found = snap.answer(question_id, org_id)
    assert found is not None, f"no answer for {question_id}"
    return found


def test_attach_form_pre_fills_with_provenance(workspace: Workspace) -> None:
    org_id, bid_id = new_bid(workspace)
    snap = snapshot(workspace, bid_id)
    assert snap.form_id == FORM
    name = snap.answer("legal_name", org_id)
    assert name is not None
    assert name.value == "Riverside Community Care CIC"
    assert name.source_kind == "profile"
    assert name.source_ref == "legal_name"
    assert "Legal name" in name.source_label
    assert name.prefilled and not name.edited and not name.source_changed
    cover = snap.answer("employers_liability_cover", org_id)
    assert cover is not None and cover.value == "10000000.00"
    assert "Insurance" in cover.source_label
    # Questions without a binding have no answer until the writer gives one.
    assert snap.answer("group_name", org_id) is None


def test_attaching_the_same_form_twice_is_refused(workspace: Workspace) -> None:
    _, bid_id = new_bid(workspace)
    with pytest.raises(InputRefused, match="already attached"):
        attach_form(workspace, bid_id, FORM)
    assert forms_of_bid(workspace, bid_id) == [FORM]


def test_set_answer_on_a_pre_filled_answer_makes_it_edited(workspace: Workspace) -> None:
    org_id, bid_id = new_bid(workspace)
    snap = snapshot(workspace, bid_id)
    set_answer(workspace, snap.bid_form_id, "legal_name", org_id, "Riverside Care")
    edited = snapshot(workspace, bid_id).answer("legal_name", org_id)
    assert edited is not None
    assert edited.value == "Riverside Care" and edited.source_kind == "profile"
    assert edited.edited and not edited.prefilled
    assert edited.source_value == "Riverside Community Care CIC"


def test_answers_follow_the_profile_unless_edited(workspace: Workspace) -> None:
    org_id, bid_id = new_bid(workspace)
    snap = snapshot(workspace, bid_id)
    # Edit one answer; leave contact_organisation (also bound to legal_name) untouched.
    set_answer(workspace, snap.bid_form_id, "legal_name", org_id, "Riverside Care")
    organisations.set_field(workspace, org_id, "legal_name", "Riverside Care and Support CIC")
    organisations.add_row(
        workspace,
        org_id,
        "insurance",
        {"insurance_type": "public_liability", "cover": Decimal("5000000")},
    )
    # Reading does not pre-fill: the profile change arrives through its own operation.
    assert snapshot(workspace, bid_id).answer("contact_organisation", org_id).value == (  # type: ignore[union-attr]
        "Riverside Community Care CIC"
    )
    changes = reapply_prefill(workspace)
    assert changes.touches("questionnaire", bid_id)
    snap = snapshot(workspace, bid_id)

    untouched = answer(snap, "contact_organisation", org_id)
    assert untouched.value == "Riverside Care and Support CIC"  # type: ignore[attr-defined]
    assert not untouched.source_changed  # type: ignore[attr-defined]

    edited = snap.answer("legal_name", org_id)
    assert edited is not None
    assert edited.value == "Riverside Care"
    assert edited.source_changed

    added = snap.answer("public_liability_cover", org_id)
    assert added is not None and added.value == "5000000.00" and added.prefilled

    accept_source(workspace, snap.bid_form_id, "legal_name", org_id)
    accepted = snapshot(workspace, bid_id).answer("legal_name", org_id)
    assert accepted is not None
    assert accepted.value == "Riverside Care and Support CIC"
    assert accepted.prefilled and not accepted.source_changed


def test_an_edit_that_already_matches_the_new_profile_value_is_not_flagged(
    workspace: Workspace,
) -> None:
    org_id, bid_id = new_bid(workspace)
    snap = snapshot(workspace, bid_id)
    set_answer(workspace, snap.bid_form_id, "legal_name", org_id, "Riverside Care CIC")
    organisations.set_field(workspace, org_id, "legal_name", "Riverside Care CIC")
    reapply_prefill(workspace, [bid_id])
    after = snapshot(workspace, bid_id).answer("legal_name", org_id)
    assert after is not None
    assert after.value == "Riverside Care CIC"
    assert not after.source_changed and after.prefilled


def test_accept_source_without_a_source_value_is_refused(workspace: Workspace) -> None:
    org_id, bid_id = new_bid(workspace)
    snap = snapshot(workspace, bid_id)
    with pytest.raises(InputRefused, match="nothing to update from"):
        accept_source(workspace, snap.bid_form_id, "professional_indemnity_cover", org_id)


def test_set_ready(workspace: Workspace) -> None:
    org_id, bid_id = new_bid(workspace)
    snap = snapshot(workspace, bid_id)
    set_ready(workspace, snap.bid_form_id, "legal_name", org_id, True)
    set_ready(workspace, snap.bid_form_id, "group_name", org_id, True)
    snap = snapshot(workspace, bid_id)
    assert answer(snap, "legal_name", org_id).ready  # type: ignore[attr-defined]
    unanswered = answer(snap, "group_name", org_id)
    assert unanswered.ready and unanswered.value is None  # type: ignore[attr-defined]
    set_ready(workspace, snap.bid_form_id, "legal_name", org_id, False)
    assert not answer(snapshot(workspace, bid_id), "legal_name", org_id).ready  # type: ignore[attr-defined]


def test_set_answer_refuses_an_unknown_question(workspace: Workspace) -> None:
    _, bid_id = new_bid(workspace)
    snap = snapshot(workspace, bid_id)
    with pytest.raises(InputRefused, match="not a question"):
        set_answer(workspace, snap.bid_form_id, "favourite_colour", None, "teal")


def add_evidence(
    ws: Workspace, title: str, tags: str, expires_on: date | None = None, body: str = ""
) -> int:
    with ws.write() as session:
        item = EvidenceItem(title=title, body=body or f"{title}.", tags=tags, expires_on=expires_on)
        session.add(item)
        session.flush()
        assert item.id is not None
        return item.id


def test_use_evidence_records_the_item_and_version(workspace: Workspace) -> None:
    _, bid_id = new_bid(workspace)
    item_id = add_evidence(workspace, "Skills plan", "skills", body="We train local people.")
    snap = snapshot(workspace, bid_id)
    use_evidence(workspace, snap.bid_form_id, "supply_chain_visibility", None, item_id)
    used = snapshot(workspace, bid_id).answer("supply_chain_visibility", None)
    assert used is not None
    assert used.value == "We train local people."
    assert used.source_kind == "evidence"
    assert used.source_ref.startswith(f"evidence:{item_id}@")
    assert used.source_label == "Library: Skills plan"


def test_a_chosen_library_item_survives_the_next_pre_fill(workspace: Workspace) -> None:
    """The writer may choose another item than the best-tagged one; pre-fill keeps it."""
    _, bid_id = new_bid(workspace)
    add_evidence(workspace, "Skills answer", "skills, apprenticeships, training")
    other = add_evidence(workspace, "Our own words on skills", "employment")
    reapply_prefill(workspace)
    snap = snapshot(workspace, bid_id)
    assert answer(snap, "skills_description", None).value == "Skills answer."  # type: ignore[attr-defined]
    use_evidence(workspace, snap.bid_form_id, "skills_description", None, other)
    assert reapply_prefill(workspace) == reapply_prefill(workspace)  # nothing to change
    kept = snapshot(workspace, bid_id).answer("skills_description", None)
    assert kept is not None
    assert kept.value == "Our own words on skills."
    assert kept.source_ref.startswith(f"evidence:{other}@")


def test_coverage_counts_asked_questions_and_missing_lists_every_gap(
    workspace: Workspace,
) -> None:
    org_id, bid_id = new_bid(workspace)
    (report,) = coverage_report(workspace, bid_id)
    form = get_form(FORM)
    snap = snapshot(workspace, bid_id)
    rules = snap.rules()
    assert report.form_id == FORM
    assert report.questions == sum(1 for _ in form.questions())
    assert 0 < report.prefilled <= report.reusable < report.questions
    assert report.coverage == report.prefilled / report.reusable
    # "Pre-filled" is a provenance figure over the questions asked.
    asked_bound = [q for q, _ in rules.asked() if q.bind is not None]
    assert report.reusable == len(asked_bound)
    # Missing is every required answer not given, not only what pre-fill could not find.
    assert [(m.question_id, m.org_id) for m in report.missing] == [
        (g.question.id, g.org_id) for g in rules.gaps()
    ]
    missing = {m.question_id: m for m in report.missing}
    # The full profile has no professional indemnity insurance: the reason says where to fix.
    pi = missing["professional_indemnity_cover"]
    assert pi.reason == "No Professional indemnity insurance recorded in the profile"
    assert pi.target == "insurance" and pi.org_id == org_id
    assert pi.organisation == "Riverside Community Care CIC"
    # A question for the writer (no binding) is missing too, plainly.
    unbound = [m for m in report.missing if form.question(m.question_id).bind is None]
    assert unbound and all(m.reason and not m.target for m in unbound)
    (lead,) = report.progress
    assert (lead.org_id, lead.required - lead.answered) == (org_id, len(report.missing))


def test_a_hidden_question_leaves_coverage(workspace: Workspace) -> None:
    org_id, bid_id = new_bid(workspace)
    (before,) = coverage_report(workspace, bid_id)
    snap = snapshot(workspace, bid_id)
    # cyber_essentials_reference and _expiry show only when cyber_essentials_held is "yes";
    # the full profile holds no Cyber Essentials, so they are hidden.
    assert answer(snap, "cyber_essentials_held", org_id).value == "no"  # type: ignore[attr-defined]
    missing = {m.question_id for m in before.missing}
    assert "cyber_essentials_expiry" not in missing
    set_answer(workspace, snap.bid_form_id, "cyber_essentials_held", org_id, "yes")
    (after,) = coverage_report(workspace, bid_id)
    assert after.reusable == before.reusable + 2
    # Both are optional: asked now, but a gap in nobody's progress.
    rules = snapshot(workspace, bid_id).rules()
    form = get_form(FORM)
    for question_id in ("cyber_essentials_reference", "cyber_essentials_expiry"):
        assert rules.is_asked(form.question(question_id), org_id)
        assert question_id not in {m.question_id for m in after.missing}
    assert after.progress == before.progress


def demo_consortium(ws: Workspace) -> int:
    seed_demo(ws, force=False)
    with ws.session() as session:
        bid = session.exec(select(Bid).where(col(Bid.title).contains("Consortium"))).one()
        assert bid.id is not None
        bid_id = bid.id
    if FORM not in forms_of_bid(ws, bid_id):
        attach_form(ws, bid_id, FORM)
    return bid_id


def test_a_consortium_bid_gets_answers_for_every_member(workspace: Workspace) -> None:
    bid_id = demo_consortium(workspace)
    snap = snapshot(workspace, bid_id)
    roles = {role: org_id for org_id, _, role in snap.participants}
    assert set(roles) == {"lead", "member", "subcontractor"}
    names = {org_id: name for org_id, name, _ in snap.participants}
    # every_member_and_subcontractor: the lead, the member and the subcontractor answer.
    for org_id in roles.values():
        assert answer(snap, "legal_name", org_id).value == names[org_id]  # type: ignore[attr-defined]
    # every_member: the lead and the member, not the subcontractor.
    for role in ("lead", "member"):
        assert snap.answer("latest_turnover", roles[role]) is not None, role
    assert snap.answer("latest_turnover", roles["subcontractor"]) is None
    # A lead question is answered once for the bid.
    assert snap.answer("contract_examples", None) is not None
    assert snap.answer("contract_examples", roles["member"]) is None
    # Each missing answer names the organisation that owes it; progress covers all three.
    owing = {(m.organisation, m.kind) for m in snap.coverage.missing}
    assert (names[roles["member"]], "partner") in owing
    assert (names[roles["subcontractor"]], "partner") in owing
    assert [p.role for p in snap.progress] == ["lead", "member", "subcontractor"]
    assert all(0 <= p.answered <= p.required for p in snap.progress)


def test_deleting_a_bid_removes_its_questionnaire_and_answers(workspace: Workspace) -> None:
    _, bid_id = new_bid(workspace)
    with workspace.session() as session:
        assert session.exec(select(Answer)).first() is not None
    with workspace.write() as session:
        bid = session.get(Bid, bid_id)
        session.delete(bid)
    with workspace.session() as session:
        assert session.exec(select(BidForm)).all() == []
        assert session.exec(select(Answer)).all() == []
        assert session.exec(select(BidPartner)).all() == []


def test_suggest_evidence_ranks_by_match_confidence_and_skips_expired(
    workspace: Workspace,
) -> None:
    """sv_method (council form) asks how social value is delivered; it is bound to the tags
    "social value" and "local employment". Suggestions follow pre-fill's confidence."""
    _, bid_id = new_bid(workspace, "council-care-support-pqq")
    yesterday = date.today() - timedelta(days=1)
    about = add_evidence(workspace, "Social value: local employment", "social value")
    tagged = add_evidence(workspace, "Our pledge", "social value", body="Short.")
    wordy = add_evidence(
        workspace,
        "Notes",
        "unrelated",
        body=(
            "We deliver social value through every contract: local employment and skills, "
            "volunteering, support for local community groups and spending with local "
            "suppliers."
        ),
    )
    expired = add_evidence(
        workspace, "Old pledge", "social value, local employment", expires_on=yesterday
    )
    ending_today = add_evidence(
        workspace, "Pledge ending today", "local employment", expires_on=date.today()
    )
    bid_form_id = load_questionnaire(workspace, bid_id).bid_form_id
    found = suggest_evidence(workspace, bid_form_id, "sv_method")
    ids = [s.evidence_id for s in found]
    assert expired not in ids
    assert {about, tagged, ending_today} <= set(ids)
    # Only its body mentions the subject: found by typing in the picker, not suggested.
    assert wordy not in ids
    assert ids[0] == about, [(s.title, s.confidence, s.why) for s in found]
    assert [s.confidence for s in found] == sorted((s.confidence for s in found), reverse=True)
    assert found[0].why.startswith("asks about") and "social value" in found[0].why
    assert all(0 < s.confidence <= 1 for s in found)


def test_suggestions_rank_as_prefill_decides(workspace: Workspace) -> None:
    """The first suggestion and its confidence are what pre-fill's matching finds."""
    from bidkit.forms.catalog import get_form
    from bidkit.forms.matching import match_library, question_context
    from bidkit.ops.questionnaires import evidence_candidates

    _, bid_id = new_bid(workspace, "council-care-support-pqq")
    add_evidence(workspace, "Mobilisation plan: first 90 days", "mobilisation")
    add_evidence(workspace, "Safeguarding adults: our approach", "safeguarding")
    bid_form_id = load_questionnaire(workspace, bid_id).bid_form_id
    form = get_form("council-care-support-pqq")
    with workspace.session() as session:
        items = evidence_candidates(session)
    for question in form.questions():
        if question.type.value != "long_text":
            continue
        match = match_library(question, question_context(form, question), items, date.today())
        found = suggest_evidence(workspace, bid_form_id, question.id)
        assert [(s.evidence_id, s.confidence, s.why) for s in found[:5]] == [
            (m.item_id, m.confidence, m.why) for m in match.suggestions
        ], question.id


def test_suggest_evidence_never_returns_expired_items_for_unbound_questions(
    workspace: Workspace,
) -> None:
    _, bid_id = new_bid(workspace)
    expired = add_evidence(
        workspace,
        "Supply chain visibility",
        "supply chain",
        expires_on=date.today() - timedelta(days=1),
    )
    current = add_evidence(workspace, "Supply chain mapping", "supply chain")
    snap = snapshot(workspace, bid_id)
    ids = [
        s.evidence_id
        for s in suggest_evidence(workspace, snap.bid_form_id, "supply_chain_visibility")
    ]
    assert current in ids and expired not in ids


def test_answers_from_stale_or_expiring_library_items_are_flagged(workspace: Workspace) -> None:
    """A library item past its review date is flagged wherever a bid uses it."""
    from datetime import timedelta

    from sqlmodel import select

    from bidkit.model.evidence import EvidenceItem
    from bidkit.ops.demo import seed_demo
    from bidkit.ops.questionnaires import load_questionnaire

    seed_demo(workspace, force=False)
    snapshot = load_questionnaire(workspace, 1)
    used = {a.source_ref for a in snapshot.answers.values() if a.source_kind == "evidence"}
    assert used
    item_id = int(sorted(used)[0].removeprefix("evidence:").split("@")[0])
    with workspace.write() as session:
        item = session.exec(select(EvidenceItem).where(EvidenceItem.id == item_id)).one()
        item.review_on = date.today() - timedelta(days=3)
    flagged = [
        a
        for a in load_questionnaire(workspace, 1).answers.values()
        if a.source_ref.startswith(f"evidence:{item_id}@")
    ]
    assert flagged
    assert all(a.evidence_flag.startswith("Review was due") for a in flagged)


def test_a_partner_joining_or_a_new_lead_gets_answers_from_its_profile(
    workspace: Workspace,
) -> None:
    """Reading does not pre-fill, so the operations that change who takes part do."""
    from bidkit.ops.bids import add_partner, update_bid

    org_id, bid_id = new_bid(workspace)
    partner = organisations.create_organisation(workspace, name="Northside Advice Centre")
    assert partner.created is not None
    changes = add_partner(workspace, bid_id, partner.created, "member")
    assert changes.touches("questionnaire", bid_id)
    snap = snapshot(workspace, bid_id)
    assert answer(snap, "legal_name", partner.created).value == "Northside Advice Centre"  # type: ignore[attr-defined]
    assert [p.role for p in snap.progress] == ["lead", "member"]

    other = make_full_profile(workspace, own=False)
    changes = update_bid(workspace, bid_id, lead_org_id=other)
    assert changes.touches("questionnaire", bid_id)
    snap = snapshot(workspace, bid_id)
    assert snap.participants[0].org_id == other
    assert snap.answer("legal_name", other) is not None
    assert org_id != other
