"""An unanswered set-up question: the report, the page's Missing list and its counts agree.

BidKit's set-up questions ("Does the buyer ask for the modern slavery module?") are not the
buyer's, but until one is answered BidKit cannot tell whether the module it steers is asked.
"""

from __future__ import annotations

from sqlmodel import col, select

from bidkit.export.compliance import ProblemKind, check_compliance
from bidkit.export.source import AnswerRecord, BidContent
from bidkit.forms.catalog import get_form
from bidkit.forms.rules import BID_KEY, AnswerRules, GapKind, Participant
from bidkit.model.bid import Bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import compliance_report
from bidkit.ops.questionnaires import read_questionnaire, set_answer
from bidkit.store.workspace import Workspace

LEAD = Participant(1, "Riverside Community Care CIC", "lead")
PSQ = get_form("uk-pa2023-cdp-psq")
SET_UP = [q.id for q in PSQ.questions() if q.internal]


def psq_bid(answers: dict[str, str]) -> BidContent:
    records = {(qid, BID_KEY): AnswerRecord(value, ready=True) for qid, value in answers.items()}
    return BidContent(1, "Carers Support Service", "Trafford Council", "", PSQ, (LEAD,), records)


def test_the_report_says_which_module_cannot_be_decided() -> None:
    answers = {qid: "no" for qid in SET_UP if qid != "ms_module"}
    report = check_compliance(psq_bid(answers))
    (problem,) = report.of_kind(ProblemKind.SET_UP_UNANSWERED)
    assert problem.message == (
        "Set-up question: does the buyer ask for the modern slavery module in this "
        "procurement? unanswered \u2014 BidKit cannot tell whether module B7 is needed"
    )
    assert problem.question_id == "ms_module" and problem.number == ""
    assert "Set-up questions not answered (1):" in report.as_text()
    assert report.counts()["set_up_unanswered"] == 1
    # Nothing in B7 is reported: it is not known to be asked.
    assert not [p for p in report.problems if p.number.startswith("B7.")]


def test_one_set_up_question_can_steer_two_modules() -> None:
    answers = {qid: "no" for qid in SET_UP if qid != "hs_module"}
    (problem,) = check_compliance(psq_bid(answers)).of_kind(ProblemKind.SET_UP_UNANSWERED)
    assert problem.message.endswith("whether modules B12 and B13 are needed")


def test_the_rules_give_the_same_reason_to_the_page_and_the_report() -> None:
    rules = AnswerRules(PSQ, {}, [LEAD])
    gaps = [g for g in rules.gaps() if g.kind is GapKind.SET_UP]
    assert [g.question.id for g in gaps] == SET_UP
    assert gaps[0].reason == (
        "Set-up question unanswered: BidKit cannot tell whether module B7 is needed."
    )
    assert gaps[0].organisation == LEAD.name
    # Every set-up question is a gap until answered; answering "no" closes it and asks nothing.
    answered = AnswerRules(PSQ, {(qid, BID_KEY): "no" for qid in SET_UP}, [LEAD])
    assert not [g for g in answered.gaps() if g.kind is GapKind.SET_UP]


def test_sq_set_up_questions_name_the_question_they_steer() -> None:
    sq = get_form("uk-sq-ppn-03-24")
    rules = AnswerRules(sq, {}, [LEAD])
    assert rules.steers(sq.question("has_psc")) == "whether question 1.1(k) is asked"
    assert rules.steers(sq.question("has_parent")) == "whether question 1.1(l) is asked"
    # The central-government items of Section 7 are headed by the template's own numbers.
    assert rules.steers(sq.question("steel_asked")) == (
        "whether module 7.9 and question 7.3(b) are needed"
    )


def test_the_demo_page_and_report_agree_on_set_up_questions(workspace: Workspace) -> None:
    seed_demo(workspace, force=False)
    with workspace.session() as session:
        bid = session.exec(select(Bid).where(col(Bid.title) == "Carers Support Service")).one()
    bid_id = bid.id or 0
    snapshot = read_questionnaire(workspace, bid_id, PSQ.id)
    missing = [m for m in snapshot.coverage.missing if m.kind == "set_up"]
    report = compliance_report(workspace, bid_id, PSQ.id)
    flagged = report.of_kind(ProblemKind.SET_UP_UNANSWERED)
    assert [m.question_id for m in missing] == [p.question_id for p in flagged]
    assert missing, "the demo's PSQ bid leaves a set-up question for the writer"
    lead = next(p for p in snapshot.progress if p.role == "lead")
    owed_by_lead = [m for m in snapshot.coverage.missing if m.org_id == lead.org_id]
    assert lead.required - lead.answered == len(owed_by_lead)
    # Answering it closes the gap everywhere, and the module it steers is then counted.
    question = missing[0].question_id
    set_answer(workspace, snapshot.bid_form_id, question, snapshot.participants[0].org_id, "no")
    after = read_questionnaire(workspace, bid_id, PSQ.id)
    assert question not in [m.question_id for m in after.coverage.missing]
    flagged = compliance_report(workspace, bid_id, PSQ.id).of_kind(ProblemKind.SET_UP_UNANSWERED)
    assert question not in [p.question_id for p in flagged]
