"""The page's progress, its Missing list, the compliance report and the export agree.

All of them ask the one set of questionnaire rules (`bidkit.forms.rules`); these tests hold
them to it on the demo workspace's bids with every shipped form, and pin the cases that
disagreed before.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from bidkit.export.build import ExportOptions, build_document
from bidkit.export.compliance import ProblemKind, check_compliance
from bidkit.export.source import AnswerRecord, BidContent
from bidkit.forms.catalog import get_form, shipped_forms
from bidkit.forms.rules import Participant, key_for
from bidkit.forms.schema import AnswerType, Condition, Form, Question, Section
from bidkit.model.bid import Bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import compliance_report, load_content, submission_problems
from bidkit.ops.questionnaires import (
    attach_form,
    forms_of_bid,
    read_questionnaire,
    set_answer,
    set_ready,
)
from bidkit.store.workspace import Workspace
from bidkit.ui.questionnaire.answer_status import AnswerLookup, Status

GAP_KINDS = {
    "set_up": ProblemKind.SET_UP_UNANSWERED,
    "unanswered": ProblemKind.UNANSWERED,
    "partner": ProblemKind.MISSING_PARTNER_ANSWER,
    "unsigned": ProblemKind.UNSIGNED_DECLARATION,
}
NOW = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)


def test_progress_missing_and_compliance_agree_for_every_shipped_form(
    workspace: Workspace,
) -> None:
    seed_demo(workspace, force=False)
    with workspace.session() as session:
        bid_ids = [b.id or 0 for b in session.exec(select(Bid).order_by(col(Bid.id))).all()]
    checked = 0
    for bid_id in bid_ids:
        attached = forms_of_bid(workspace, bid_id)
        for form in shipped_forms():
            if form.id not in attached:
                attach_form(workspace, bid_id, form.id)
            snapshot = read_questionnaire(workspace, bid_id, form.id)
            report = compliance_report(workspace, bid_id, form.id)
            missing = snapshot.coverage.missing
            for kind, problem in GAP_KINDS.items():
                ours = [(m.number, m.organisation) for m in missing if m.kind == kind]
                theirs = report.of_kind(problem)
                assert len(ours) == len(theirs), (bid_id, form.id, kind)
                assert [p.number for p in theirs] == [number for number, _ in ours]
            owed = sum(p.required - p.answered for p in snapshot.progress)
            assert owed == len(missing), (bid_id, form.id)
            # The page's statuses: every gap shows as not done for the organisation owing it.
            lookup = AnswerLookup(form, snapshot.answers, snapshot.participants)
            for gap in missing:
                question = form.question(gap.question_id)
                status = lookup.member_status(question, gap.member_key or None)
                assert status in (Status.EMPTY, Status.SOURCE_CHANGED, Status.OVER_LIMIT), gap
            # Section by section, the report checks what the rules count for that section.
            content = load_content(workspace, bid_id, form.id)
            for section in form.sections:
                options = ExportOptions(sections=frozenset({section.number}))
                counts = check_compliance(content, options).counts()
                wanted = sum(counts[p.value] for p in GAP_KINDS.values())
                assert len(content.rules.gaps([section])) == wanted, (bid_id, section.number)
            checked += 1
    assert checked == len(bid_ids) * len(shipped_forms())


def test_professional_register_no_without_details_is_a_problem_everywhere(
    workspace: Workspace,
) -> None:
    """SQ 1.1(i)(i) answered "No" with empty details and marked ready: not answered."""
    seed_demo(workspace, force=False)
    with workspace.session() as session:
        bid = session.exec(select(Bid).where(col(Bid.title).contains("Consortium"))).one()
        bid_id = bid.id or 0
    form = get_form("uk-sq-ppn-03-24")  # the demo's consortium bid answers the current SQ
    snapshot = read_questionnaire(workspace, bid_id, form.id)
    lead = snapshot.participants[0]
    question = form.question("professional_register")
    set_answer(workspace, snapshot.bid_form_id, question.id, lead.org_id,
               {"answer": "no", "details": ""})  # fmt: skip
    set_ready(workspace, snapshot.bid_form_id, question.id, lead.org_id, True)

    snapshot = read_questionnaire(workspace, bid_id, form.id)
    lookup = AnswerLookup(form, snapshot.answers, snapshot.participants)
    assert lookup.member_status(question, lead.org_id) is Status.EMPTY
    gaps = [m for m in snapshot.coverage.missing if m.question_id == question.id]
    ours = next(m for m in gaps if m.org_id == lead.org_id)
    assert ours.reason == "Details are needed for a 'No' answer."
    report = compliance_report(workspace, bid_id, form.id)
    flagged = [p for p in report.problems if p.question_id == question.id]
    assert any(p.kind is ProblemKind.UNANSWERED and lead.name in p.message for p in flagged)
    assert any("Details are needed" in line for line in submission_problems(workspace, bid_id))
    # Partners who have not answered it are named, one problem each.
    partners = {p.member for p in flagged if p.kind is ProblemKind.MISSING_PARTNER_ANSWER}
    assert partners == {p.name for p in snapshot.participants if p.role != "lead"}


def test_the_export_leaves_out_a_chain_whose_top_is_not_asked() -> None:
    """The PSQ's modern slavery questions hang off BidKit's set-up question "Does the buyer ask
    for the module?": "No" drops all of them, and the set-up question itself is never printed."""
    form = get_form("uk-pa2023-cdp-psq")
    lead = Participant(1, "Riverside Community Care CIC", "lead")
    chain = ("ms_module", "ms_statement_available", "ms_statement_reviewed")
    questions = [form.question(q) for q in chain]
    assert questions[1].show_when == Condition("ms_module", ("yes",))
    assert questions[2].show_when == Condition("ms_statement_available", ("yes",))
    answers = {
        ("ms_module", 0): AnswerRecord("no", ready=True),
        # Pre-fill found a statement in the profile, but the question is not asked.
        ("ms_statement_available", key_for(questions[1], 1)): AnswerRecord("yes"),
    }
    content = BidContent(1, "Home care", "Leeds", "", form, (lead,), answers)
    document = build_document(content, ExportOptions(), NOW)

    def numbers(blocks: tuple) -> list[str]:  # type: ignore[type-arg]
        found: list[str] = []
        for block in blocks:
            found += [q.number for q in block.questions] + numbers(block.sections)
        return found

    printed = numbers(document.sections)
    module = {q.number for q in form.questions() if q.number.startswith("B7.")}
    assert questions[0].internal and module
    assert not module & set(printed)
    report = check_compliance(content)
    assert not [p for p in report.problems if p.number in module or p.question_id == "ms_module"]


def test_a_tiny_form_three_conditions_deep_prints_only_what_is_asked() -> None:
    def yes_no(qid: str, parent: str | None) -> Question:
        condition = Condition(parent, ("yes",)) if parent else None
        return Question(qid, qid.upper(), f"Question {qid}", AnswerType.YES_NO,
                        show_when=condition)  # fmt: skip

    form = Form("tiny", "Tiny", "1", "test", "test", sections=(
        Section("1", "Only", questions=(
            yes_no("a", None), yes_no("b", "a"), yes_no("c", "b"), yes_no("d", "c"),
        )),
    ))  # fmt: skip
    lead = Participant(1, "Riverside", "lead")
    answers = {(q, 0): AnswerRecord("yes", ready=True) for q in "abcd"}
    content = BidContent(1, "T", "B", "", form, (lead,), answers)
    document = build_document(content, ExportOptions(), NOW)
    assert [q.number for q in document.sections[0].questions] == ["A", "B", "C", "D"]
    answers[("b", 0)] = AnswerRecord("no", ready=True)
    content = BidContent(1, "T", "B", "", form, (lead,), answers)
    document = build_document(content, ExportOptions(), NOW)
    assert [q.number for q in document.sections[0].questions] == ["A", "B"]
    assert check_compliance(content).ok and not document.draft
