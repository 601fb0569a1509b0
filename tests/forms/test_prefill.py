"""Pre-fill as pure computation: who answers, and how profile values become answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from bidkit.forms.prefill import (
    Computed,
    EvidenceCandidate,
    prefill_form,
)
from bidkit.forms.rules import Participant
from bidkit.forms.schema import (
    AnsweredBy,
    AnswerType,
    Binding,
    Column,
    Form,
    LibraryBinding,
    Option,
    ProfileBinding,
    Question,
    Section,
)
from bidkit.profile.completeness import ProfileData

TODAY = date(2025, 6, 1)


def org(name: str, **extra: Any) -> dict[str, Any]:
    return {"legal_name": name, "legal_form": "cic", "is_vcse": True, **extra}


LEAD_DATA = ProfileData(
    org(
        "Riverside Community Care CIC",
        registration_date=date(2014, 5, 12),
        employees=48,
        size_band="small",
    ),
    {
        "contacts": [
            {"role": "signatory", "name": "Amara Okafor", "job_title": "Chief Executive"},
        ],
        "financial_years": [
            {"year_end": date(2024, 3, 31), "turnover": Decimal("1234.5")},
            {"year_end": date(2023, 3, 31), "turnover": Decimal("-4500.10")},
        ],
        "insurance": [{"insurance_type": "employers_liability", "cover": Decimal("10000000")}],
        "accreditations": [{"name": "Cyber Essentials", "expires_on": date(2026, 1, 31)}],
        "exclusions": [
            {"ground": "fraud", "applies": False, "details": "", "occurred_on": None},
            {
                "ground": "poor_performance",
                "applies": True,
                "occurred_on": date(2021, 11, 30),
                "details": "A domiciliary care contract ended early by agreement.",
                "self_cleaning": "New rota system; later contracts rated Good.",
            },
            {"ground": "insolvency", "applies": None, "details": ""},
        ],
        "contract_examples": [
            {
                "customer": "Leeds City Council",
                "value": Decimal("450000"),
                "start_date": date(2021, 4, 1),
                "description": "",
            },
            {
                "customer": "Bradford Council",
                "value": None,
                "start_date": date(2022, 1, 1),
                "description": "Day services",
            },
        ],
    },
)
LEAD = Participant(1, "Riverside", "lead")
MEMBER = Participant(2, "Northside", "member")
SUB = Participant(3, "Greenway", "subcontractor")
EVERYONE = (LEAD, MEMBER, SUB)
PROFILES = {
    1: LEAD_DATA,
    2: ProfileData(org("Northside Advice Centre")),
    3: ProfileData(org("Greenway Co-operative")),
}


def question(
    qid: str,
    kind: AnswerType,
    bind: Binding | None,
    *,
    answered_by: AnsweredBy = AnsweredBy.LEAD,
    **extra: Any,
) -> Question:
    return Question(qid, "1", qid, kind, answered_by=answered_by, bind=bind, **extra)


def form_of(*questions: Question) -> Form:
    return Form(
        "test-form", "Test", "1", "r", "s", sections=(Section("1", "S", questions=questions),)
    )


def one(q: Question, participants: tuple[Participant, ...] = (LEAD,), **kwargs: Any) -> Computed:
    (result,) = prefill_form(form_of(q), participants, PROFILES, today=TODAY, **kwargs)
    return result


def value_of(kind: AnswerType, path: str, **extra: Any) -> Any:
    bind_keys = {k: extra.pop(k) for k in ("map", "present", "columns") if k in extra}
    return one(question("q", kind, ProfileBinding(path, **bind_keys), **extra)).value


# -- who answers ---------------------------------------------------------------------------------
def test_a_lead_question_is_answered_once_for_the_bid() -> None:
    q = question("name", AnswerType.SHORT_TEXT, ProfileBinding("legal_name"))
    results = prefill_form(form_of(q), EVERYONE, PROFILES, today=TODAY)
    assert [(r.member_org_id, r.value) for r in results] == [(None, "Riverside Community Care CIC")]


@pytest.mark.parametrize(
    ("answered_by", "expected"),
    [
        (AnsweredBy.EVERY_MEMBER, [1, 2]),
        (AnsweredBy.EVERY_MEMBER_AND_SUBCONTRACTOR, [1, 2, 3]),
    ],
)
def test_member_questions_get_one_answer_per_participant(
    answered_by: AnsweredBy, expected: list[int]
) -> None:
    q = question(
        "name", AnswerType.SHORT_TEXT, ProfileBinding("legal_name"), answered_by=answered_by
    )
    results = prefill_form(form_of(q), EVERYONE, PROFILES, today=TODAY)
    assert [r.member_org_id for r in results] == expected
    names = {p.org_id: PROFILES[p.org_id].org["legal_name"] for p in EVERYONE}
    assert all(r.value == names[r.member_org_id or 0] for r in results)
    assert all(r.source_kind == "profile" and r.source_ref == "legal_name" for r in results)
    assert all(r.source_label == "Profile: Legal name" for r in results)


def test_unbound_questions_are_not_pre_filled() -> None:
    q = question("free", AnswerType.LONG_TEXT, None)
    assert prefill_form(form_of(q), EVERYONE, PROFILES, today=TODAY) == []


# -- conversions ---------------------------------------------------------------------------------
def test_money_is_pounds_and_pence_text() -> None:
    assert value_of(AnswerType.MONEY, "latest_year.turnover") == "1234.50"
    assert value_of(AnswerType.MONEY, "previous_year.turnover") == "-4500.10"
    cover = "insurance[insurance_type=employers_liability].cover"
    assert value_of(AnswerType.MONEY, cover) == "10000000.00"


def test_money_in_a_text_answer_is_shown_in_pounds() -> None:
    assert value_of(AnswerType.SHORT_TEXT, "latest_year.turnover") == "£1,234.50"


def test_dates_are_iso_in_date_answers_and_uk_in_text() -> None:
    assert value_of(AnswerType.DATE, "registration_date") == "2014-05-12"
    assert value_of(AnswerType.SHORT_TEXT, "registration_date") == "12/05/2014"


def test_numbers() -> None:
    assert value_of(AnswerType.NUMBER, "employees") == "48"


def test_yes_no_from_a_boolean() -> None:
    assert value_of(AnswerType.YES_NO, "is_vcse") == "yes"
    assert value_of(AnswerType.YES_NO, "exclusions[ground=fraud].applies") == "no"


def test_a_choice_in_a_text_answer_shows_its_label() -> None:
    assert value_of(AnswerType.SHORT_TEXT, "legal_form") == "Community interest company (CIC)"


def test_yes_no_details_from_an_exclusion_that_applies() -> None:
    value = value_of(AnswerType.YES_NO_DETAILS, "exclusions[ground=poor_performance]")
    assert value["answer"] == "yes"
    assert value["details"] == (
        "Breach of contract or poor performance on an earlier contract\n\n"
        "Date: 30/11/2021\n\n"
        "A domiciliary care contract ended early by agreement.\n\n"
        "Steps taken since: New rota system; later contracts rated Good."
    )


def test_yes_no_details_from_an_exclusion_that_does_not_apply() -> None:
    value = value_of(AnswerType.YES_NO_DETAILS, "exclusions[ground=fraud]")
    assert value == {"answer": "no", "details": ""}


def test_an_unanswered_exclusion_is_missing_with_a_plain_reason() -> None:
    result = one(
        question("q", AnswerType.YES_NO_DETAILS, ProfileBinding("exclusions[ground=insolvency]"))
    )
    assert not result.found
    assert result.target == "exclusions"
    assert "not answered" in result.reason
    assert "{" not in result.reason and "applies" not in result.reason, result.reason


def test_single_choice_through_a_map() -> None:
    options = (Option("third_sector", "Charity or social enterprise"), Option("company", "Co"))
    bind = ProfileBinding("legal_form", map={"cic": "third_sector", "company_shares": "company"})
    q = question("status", AnswerType.SINGLE_CHOICE, bind, options=options)
    assert one(q).value == "third_sector"


def test_a_value_missing_from_the_map_is_missing_with_a_reason() -> None:
    options = (Option("company", "Co"),)
    bind = ProfileBinding("legal_form", map={"company_shares": "company"})
    result = one(question("status", AnswerType.SINGLE_CHOICE, bind, options=options))
    assert not result.found
    assert "Community interest company (CIC)" in result.reason or "cic" in result.reason


def test_yes_no_through_a_map() -> None:
    bind = ProfileBinding("size_band", map={"micro": "yes", "small": "yes", "large": "no"})
    assert one(question("sme", AnswerType.YES_NO, bind)).value == "yes"


def test_table_rows_through_the_columns_map() -> None:
    columns = (
        Column("buyer", "Customer", AnswerType.SHORT_TEXT),
        Column("worth", "Value", AnswerType.MONEY),
        Column("began", "Start", AnswerType.DATE),
        Column("what", "Description", AnswerType.LONG_TEXT),
    )
    bind = ProfileBinding(
        "contract_examples",
        columns={
            "buyer": "customer",
            "worth": "value",
            "began": "start_date",
            "what": "description",
        },
    )
    q = question("contracts", AnswerType.TABLE, bind, columns=columns)
    assert one(q).value == [
        {"buyer": "Leeds City Council", "worth": "450000.00", "began": "2021-04-01", "what": None},
        {"buyer": "Bradford Council", "worth": None, "began": "2022-01-01", "what": "Day services"},
    ]
    limited = question("contracts", AnswerType.TABLE, bind, columns=columns, max_rows=1)
    assert len(one(limited).value) == 1


def test_a_declaration_carries_the_signatory_name_and_role() -> None:
    value = value_of(AnswerType.DECLARATION, "signatory.name")
    assert value == {
        "agreed": False,
        "name": "Amara Okafor",
        "role": "Chief Executive",
        "date": None,
    }


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("accreditations[name~Cyber Essentials]", "yes"),
        ("accreditations[name~ISO 27001]", "no"),
        ("insurance[insurance_type=abuse].cover", "no"),
    ],
)
def test_present_answers_yes_or_no(path: str, expected: str) -> None:
    result = one(question("has", AnswerType.YES_NO, ProfileBinding(path, present="yes")))
    assert result.value == expected and result.found


def test_a_missing_value_gives_the_reason_and_target() -> None:
    path = "insurance[insurance_type=public_liability].cover"
    result = one(question("cover", AnswerType.MONEY, ProfileBinding(path)))
    assert result.value is None and not result.found
    assert result.reason == "No Public liability insurance recorded in the profile"
    assert result.target == "insurance"
    assert result.source_ref == path


# -- the evidence library ------------------------------------------------------------------------
def item(
    item_id: int, title: str, tags: str, *, expires_on: date | None = None, day: int = 1
) -> EvidenceCandidate:
    return EvidenceCandidate(
        id=item_id,
        title=title,
        body=f"Body of {title}",
        tags=tuple(t.strip() for t in tags.split(",")),
        expires_on=expires_on,
        updated_at=datetime(2025, 1, day, 9, 30, tzinfo=UTC),
    )


LIBRARY = [
    item(1, "Mobilisation plan", "mobilisation, TUPE"),
    item(2, "Safeguarding summary", "safeguarding, policy", day=2),
    item(3, "Safeguarding case", "safeguarding, case study, outcomes", day=3),
    item(4, "Old safeguarding case", "safeguarding, case study", expires_on=date(2025, 5, 31)),
]


def test_a_library_binding_picks_the_item_about_what_the_question_asks() -> None:
    q = replace(
        question("sg", AnswerType.LONG_TEXT, LibraryBinding(("safeguarding", "case study"))),
        text="Give a safeguarding case study.",
    )
    result = one(q, evidence=[LIBRARY[0], LIBRARY[2]])
    assert result.value == "Body of Safeguarding case"
    assert result.source_kind == "evidence"
    assert result.source_ref == "evidence:3@1"  # the item's version number
    assert result.source_label.startswith("Library: Safeguarding case (")
    assert "% match" in result.source_label


def test_two_items_equally_about_the_question_are_left_for_the_writer() -> None:
    q = replace(
        question("sg", AnswerType.LONG_TEXT, LibraryBinding(("safeguarding",))),
        text="Describe your approach to safeguarding.",
    )
    result = one(q, evidence=LIBRARY)
    assert not result.found
    assert "'Safeguarding case'" in result.reason and "'Safeguarding summary'" in result.reason


def test_expired_items_are_never_used() -> None:
    q = replace(
        question("sg", AnswerType.LONG_TEXT, LibraryBinding(("case study",))),
        text="Give a safeguarding case study.",
    )
    result = one(q, evidence=[LIBRARY[3]])
    assert not result.found
    assert result.reason == "No current evidence library item is tagged case study"
    assert result.target == "library"


def test_an_item_expiring_today_is_still_current() -> None:
    q = replace(
        question("sg", AnswerType.LONG_TEXT, LibraryBinding(("case study",))),
        text="Give a safeguarding case study.",
    )
    result = prefill_form(form_of(q), (LEAD,), PROFILES, [LIBRARY[3]], today=date(2025, 5, 31))
    assert result[0].value == "Body of Old safeguarding case"


def test_an_unbound_written_question_takes_an_item_only_when_surely_about_it() -> None:
    mobilisation = question("mob", AnswerType.LONG_TEXT, None)
    asked = replace(mobilisation, text="Set out your mobilisation plan.")
    other = replace(mobilisation, id="hs", text="How do you manage health and safety?")
    results = prefill_form(form_of(asked, other), (LEAD,), PROFILES, LIBRARY, today=TODAY)
    assert [(r.question.id, r.value) for r in results] == [("mob", "Body of Mobilisation plan")]


def test_an_evidence_question_gets_a_reference_to_the_item() -> None:
    q = question("cert", AnswerType.EVIDENCE, LibraryBinding(("mobilisation",)))
    assert one(q, evidence=LIBRARY).value == {"evidence_id": 1, "title": "Mobilisation plan"}
