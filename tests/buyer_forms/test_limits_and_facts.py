"""Limits as buyers write them, and the profile facts their questions ask for."""

from __future__ import annotations

import pytest

from bidkit.buyer_forms.facts import match_fact
from bidkit.buyer_forms.limits import find_limit
from bidkit.buyer_forms.structure import BuyerQuestion, Place, PlaceKind
from bidkit.forms.schema import AnswerType, Limit


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Describe your approach. (Maximum 500 words)", Limit(words=500)),
        ("Describe your approach [max. 400 words]", Limit(words=400)),
        ("Word limit: 300", Limit(words=300)),
        ("Your answer must be no more than 2,000 characters", Limit(characters=2000)),
        ("(500 words max)", Limit(words=500)),
        ("Up to 1,500 characters including spaces", Limit(characters=1500)),
        ("Character limit 750", Limit(characters=750)),
        ("not to exceed 250 words", Limit(words=250)),
        ("Describe your approach to safeguarding.", None),
        ("We employ 300 staff.", None),
    ],
)
def test_limits_written_many_ways(text: str, limit: Limit | None) -> None:
    assert find_limit(text) == limit


def question(text: str, kind: AnswerType = AnswerType.SHORT_TEXT, **extra: object) -> BuyerQuestion:
    return BuyerQuestion("q1", "", text, kind, Place(PlaceKind.CELL, 0), **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kind", "path"),
    [
        ("Full legal name of the organisation", AnswerType.SHORT_TEXT, "legal_name"),
        ("Registered office address", AnswerType.LONG_TEXT, "registered_address_full"),
        ("Registered office postcode", AnswerType.SHORT_TEXT, "registered_postcode"),
        ("Company registration number", AnswerType.SHORT_TEXT, "companies_house_number"),
        ("Registered charity number", AnswerType.SHORT_TEXT, "charity_number_ew"),
        ("VAT registration number", AnswerType.SHORT_TEXT, "vat_number"),
        ("Number of employees", AnswerType.NUMBER, "employees"),
        (
            "Employer's liability insurance: level of cover",
            AnswerType.MONEY,
            "insurance[insurance_type=employers_liability].cover",
        ),
        (
            "Name of your employer's liability insurer",
            AnswerType.SHORT_TEXT,
            "insurance[insurance_type=employers_liability].insurer",
        ),
        (
            "Turnover (2025/26)",
            AnswerType.MONEY,
            "financial_years[year_end~2026].turnover",
        ),
        (
            "Cyber Essentials Plus certificate number",
            AnswerType.SHORT_TEXT,
            "accreditations[name~Cyber Essentials Plus].reference",
        ),
        ("Describe your approach to safeguarding.", AnswerType.LONG_TEXT, None),
        ("Name of the parent company", AnswerType.SHORT_TEXT, None),
    ],
)
def test_profile_facts_by_what_the_question_asks(
    text: str, kind: AnswerType, path: str | None
) -> None:
    binding = match_fact(question(text, kind))
    assert (binding.path if binding else None) == path


def test_yes_no_facts_answer_from_what_the_profile_holds() -> None:
    charity = match_fact(question("Is your organisation a registered charity?", AnswerType.YES_NO))
    assert charity is not None and charity.path == "charity_number_ew" and charity.present
    sme = match_fact(question("Are you an SME?", AnswerType.YES_NO))
    assert sme is not None and sme.map is not None and sme.map["large"] == "no"


def test_a_signature_or_the_date_of_signing_is_never_matched() -> None:
    assert match_fact(question("Signature", role="signature"), declaration=True) is None
    assert match_fact(question("Date", AnswerType.DATE, role="declaration_date"), True) is None
    name = match_fact(question("Name", declaration=True), declaration=True)
    assert name is not None and name.path == "signatory.name"
    assert match_fact(question("Name")) is None  # outside a declaration: whose name?
