"""The questionnaire rules: who answers, what is asked, what counts as answered, honest counts."""

from __future__ import annotations

from typing import Any

import pytest

from bidkit.forms.catalog import get_form
from bidkit.forms.rules import (
    BID_KEY,
    AnswerRules,
    GapKind,
    Participant,
    answering,
    declaration_missing,
    has_content,
    is_answered,
    key_for,
    member_keys,
)
from bidkit.forms.schema import (
    AnsweredBy,
    AnswerType,
    Condition,
    Form,
    Question,
    Section,
)

LEAD = Participant(1, "Riverside", "lead")
MEMBER = Participant(2, "Northside", "member")
SUB = Participant(3, "Greenway", "subcontractor")
TEAM = (LEAD, MEMBER, SUB)


def Q(qid: str, kind: AnswerType = AnswerType.SHORT_TEXT, **extra: Any) -> Question:
    return Question(id=qid, number=qid.upper(), text=f"Question {qid}", type=kind, **extra)


def form_of(*questions: Question) -> Form:
    return Form("tiny", "Tiny form", "1", "test", "test",
                sections=(Section("1", "Only", questions=questions),))  # fmt: skip


# -- who answers --------------------------------------------------------------------------------
def test_who_answers_follows_answered_by() -> None:
    lead_q = Q("a")
    every = Q("b", answered_by=AnsweredBy.EVERY_MEMBER)
    with_subs = Q("c", answered_by=AnsweredBy.EVERY_MEMBER_AND_SUBCONTRACTOR)
    assert answering(lead_q, TEAM) == [LEAD]
    assert answering(every, TEAM) == [LEAD, MEMBER]
    assert answering(with_subs, TEAM) == [LEAD, MEMBER, SUB]
    assert member_keys(lead_q, TEAM) == [BID_KEY]
    assert member_keys(with_subs, TEAM) == [1, 2, 3]
    # A bid without organisations still answers each question once.
    assert member_keys(every, ()) == [BID_KEY]


# -- answered -----------------------------------------------------------------------------------
def test_professional_register_no_without_details_is_not_answered() -> None:
    """SQ 1.1(i)(i) needs details on "No": "No" with empty details is not an answer."""
    question = get_form("uk-sq-ppn-03-23").question("professional_register")
    assert question.details_when == "no"
    assert not is_answered(question, {"answer": "no", "details": ""})
    assert not is_answered(question, {"answer": "no", "details": "   "})
    assert is_answered(question, {"answer": "no", "details": "No register covers advice work."})
    assert is_answered(question, {"answer": "yes", "details": ""})
    assert not is_answered(question, {"answer": "", "details": "typed first"})
    key = key_for(question, LEAD.org_id)
    rules = AnswerRules(
        get_form("uk-sq-ppn-03-23"),
        {("professional_register", key): {"answer": "no", "details": ""}},
        (LEAD,),
    )
    gap = next(g for g in rules.gaps() if g.question.id == "professional_register")
    assert gap.kind is GapKind.UNANSWERED and gap.organisation == "Riverside"
    assert gap.reason == "Details are needed for a 'No' answer."


def test_a_declaration_counts_only_agreed_named_and_dated() -> None:
    question = Q("d", AnswerType.DECLARATION)
    signed = {"agreed": True, "name": "Amira Khan", "role": "Director", "date": "2027-01-05"}
    assert is_answered(question, signed)
    assert not is_answered(question, {**signed, "agreed": False})
    assert not is_answered(question, {**signed, "date": None})
    assert not is_answered(question, {"agreed": False, "name": "Amira Khan", "date": None})
    assert declaration_missing({"name": "Amira Khan"}) == ["agreement", "date"]
    assert has_content(question, {"agreed": False, "name": "Amira Khan", "date": None})


@pytest.mark.parametrize(
    ("kind", "value", "answered"),
    [
        (AnswerType.LONG_TEXT, "  \n ", False),
        (AnswerType.LONG_TEXT, "We care.", True),
        (AnswerType.SINGLE_CHOICE, "", False),
        (AnswerType.MULTIPLE_CHOICE, [], False),
        (AnswerType.MULTIPLE_CHOICE, ["advice"], True),
        (AnswerType.TABLE, [], False),
        (AnswerType.TABLE, [{"year": None, "turnover": ""}], False),
        (AnswerType.TABLE, [{"year": "2025", "turnover": ""}], True),
        (AnswerType.EVIDENCE, {"evidence_id": 4, "title": "Safeguarding policy"}, True),
        (AnswerType.EVIDENCE, None, False),
        (AnswerType.MONEY, "1200.00", True),
        (AnswerType.YES_NO, "no", True),
    ],
)
def test_empty_answers_do_not_count(kind: AnswerType, value: Any, answered: bool) -> None:
    assert is_answered(Q("x", kind), value) is answered


# -- asked ---------------------------------------------------------------------------------------
def chain_form() -> Form:
    """Three conditions deep: a -> b -> c -> d, each shown on "yes"."""
    return form_of(
        Q("a", AnswerType.YES_NO),
        Q("b", AnswerType.YES_NO, show_when=Condition("a", ("yes",))),
        Q("c", AnswerType.YES_NO, show_when=Condition("b", ("yes",))),
        Q("d", AnswerType.LONG_TEXT, show_when=Condition("c", ("yes",))),
    )


def test_conditions_are_followed_down_the_whole_chain() -> None:
    form = chain_form()
    values = {("a", 0): "yes", ("b", 0): "yes", ("c", 0): "yes"}
    rules = AnswerRules(form, values, (LEAD,))
    assert [q.id for q, _ in rules.asked()] == ["a", "b", "c", "d"]
    # The writer changes their mind about "a": b is hidden, and so are c and d below it, even
    # though the stored answers to b and c still say "yes".
    rules = AnswerRules(form, {**values, ("a", 0): "no"}, (LEAD,))
    assert [q.id for q, _ in rules.asked()] == ["a"]
    assert [g.question.id for g in rules.gaps()] == []
    assert rules.progress()[0].required == 1


def test_a_condition_that_loops_is_never_met() -> None:
    form = form_of(
        Q("a", AnswerType.YES_NO, show_when=Condition("b", ("yes",))),
        Q("b", AnswerType.YES_NO, show_when=Condition("a", ("yes",))),
    )
    rules = AnswerRules(form, {("a", 0): "yes", ("b", 0): "yes"}, (LEAD,))
    assert list(rules.asked()) == []


def test_each_member_follows_its_own_answer_and_the_bid_follows_the_lead() -> None:
    every = AnsweredBy.EVERY_MEMBER
    form = form_of(
        Q("charity", AnswerType.YES_NO, answered_by=every),
        Q("number", answered_by=every, show_when=Condition("charity", ("yes",))),
        Q("group", AnswerType.LONG_TEXT, show_when=Condition("charity", ("yes",))),
    )
    number, group = form.question("number"), form.question("group")
    rules = AnswerRules(form, {("charity", 1): "no", ("charity", 2): "yes"}, TEAM)
    assert not rules.is_asked(number, 1) and rules.is_asked(number, 2)
    assert not rules.is_asked(group, BID_KEY)  # the lead said "no"
    # The subcontractor does not answer "every member" questions at all.
    assert not rules.is_asked(number, 3)


# -- counts and gaps ---------------------------------------------------------------------------
def test_progress_and_gaps_name_each_organisation() -> None:
    both = AnsweredBy.EVERY_MEMBER_AND_SUBCONTRACTOR
    form = form_of(
        Q("title"),
        Q("name", answered_by=both),
        Q("note", mandatory=False),
        Q("sign", AnswerType.DECLARATION, answered_by=AnsweredBy.EVERY_MEMBER),
    )
    values = {
        ("title", 0): "Home care",
        ("name", 1): "Riverside Care CIC",
        ("name", 3): "",
        ("sign", 1): {"agreed": True, "name": "Amira Khan", "date": "2027-01-05"},
        ("sign", 2): {"agreed": False, "name": "Joanne Clarke", "date": None},
    }
    rules = AnswerRules(form, values, TEAM)
    figures = [(p.name, p.answered, p.required) for p in rules.progress()]
    assert figures == [("Riverside", 3, 3), ("Northside", 0, 2), ("Greenway", 0, 1)]
    gaps = [(g.question.id, g.organisation, g.kind) for g in rules.gaps()]
    assert gaps == [
        ("name", "Northside", GapKind.PARTNER),
        ("name", "Greenway", GapKind.PARTNER),
        ("sign", "Northside", GapKind.UNSIGNED),
    ]
    assert rules.gaps()[-1].reason == "Not signed: missing agreement, date."
    # The optional note blocks nothing.
    assert all(g.question.id != "note" for g in rules.gaps())


def test_a_gap_says_where_prefill_looked() -> None:
    form = form_of(Q("vat"))
    rules = AnswerRules(form, {}, (LEAD,))
    (gap,) = rules.gaps(misses={("vat", 0): ("The profile has no VAT number", "vat_number")})
    assert (gap.reason, gap.target) == ("The profile has no VAT number", "vat_number")
