"""Profile completeness: the score and the specific facts a questionnaire will still ask for."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bidkit.model.exclusion_grounds import EXCLUSION_GROUNDS
from bidkit.model.organisation import Organisation
from bidkit.profile.catalogue import ORG_FIELDS, SECTIONS
from bidkit.profile.completeness import Completeness, ProfileData, assess

TODAY = date(2025, 6, 1)


def _empty_org() -> dict[str, Any]:
    return Organisation().model_dump()


def _unanswered() -> list[dict[str, Any]]:
    return [
        {"ground": g.code, "applies": None, "details": "", "self_cleaning": "", "position": i}
        for i, g in enumerate(EXCLUSION_GROUNDS)
    ]


def _full_org() -> dict[str, Any]:
    org = _empty_org()
    org.update(
        legal_name="Riverside Care",
        legal_form="charitable_company",
        registration_date=date(2012, 9, 3),
        description="Home care and befriending for older people in Salford.",
        website="https://riverside.example.org.uk",
        email="bids@example.org.uk",
        phone="0161 496 0000",
        companies_house_number="01234567",
        charity_number_ew="1123456",
        vat_number="GB980780684",
        registered_address="1 Quay Street\nSalford",
        registered_postcode="M1 1AE",
        trading_same_as_registered=True,
        size_band="small",
        employees=42,
        volunteers=15,
        area_of_operation="Salford and Trafford",
        exclusions_confirmed_on=date(2025, 1, 10),
        social_mission="Older people live well at home.",
        social_value="Local jobs: 38 of 42 staff live within five miles.",
        brand_colour="#1A5F7A",
    )
    return org


def _full_tables() -> dict[str, list[dict[str, Any]]]:
    exclusions = _unanswered()
    for row in exclusions:
        row["applies"] = False
    return {
        "contacts": [
            {"role": "bid_contact", "name": "Aisha Khan", "email": "bids@example.org.uk"},
            {"role": "signatory", "name": "Sam Okafor", "email": "ceo@example.org.uk"},
        ],
        "people": [{"name": "Sam Okafor", "category": "director", "dbs_renewal_due": None}],
        "financial_years": [
            {
                "year_end": date(2024, 3, 31),
                "turnover": Decimal("1250000.00"),
                "surplus": Decimal("-1200.50"),
                "net_assets": Decimal("310000.00"),
                "accounts_type": "audited",
            },
            {
                "year_end": date(2023, 3, 31),
                "turnover": Decimal("1100000.00"),
                "surplus": Decimal("0.00"),
                "net_assets": Decimal("311200.50"),
                "accounts_type": "audited",
            },
        ],
        "insurance": [
            {
                "insurance_type": "employers_liability",
                "cover": Decimal("10000000.00"),
                "expires_on": date(2026, 3, 31),
            },
            {
                "insurance_type": "public_liability",
                "cover": Decimal("5000000.00"),
                "expires_on": date(2025, 6, 1),  # expires today: still in force
            },
        ],
        "accreditations": [{"name": "Cyber Essentials", "expires_on": date(2025, 12, 1)}],
        "policies": [
            {"policy_type": kind, "last_reviewed": date(2024, 11, 1)}
            for kind in ("safeguarding", "equality", "health_safety", "data_protection")
        ],
        "exclusions": exclusions,
        "contract_examples": [
            {
                "customer": "Salford City Council",
                "contact_name": "Jo Bloggs",
                "contact_email": "jo.bloggs@example.gov.uk",
                "start_date": date(2022, 4, 1),
                "description": "Home care for 120 people a week.",
            }
        ],
    }


def _assess(
    org: Mapping[str, Any] | None = None, tables: Mapping[str, Sequence[Any]] | None = None
) -> Completeness:
    return assess(ProfileData(org or _full_org(), tables or _full_tables()), TODAY)


def _messages(result: Completeness) -> list[str]:
    return [m.message for m in result.missing]


def test_full_profile_is_exactly_complete() -> None:
    result = _assess()
    assert result.missing == ()
    assert result.fraction == 1.0
    assert result.met == result.total > 30
    assert all(s.fraction == 1.0 for s in result.sections)
    assert [s.key for s in result.sections] == [s.key for s in SECTIONS]


def test_empty_profile_is_under_ten_percent_and_names_identity_fields() -> None:
    result = assess(ProfileData(_empty_org(), {"exclusions": _unanswered()}), TODAY)
    assert result.fraction < 0.1
    identity = result.section("identity")
    assert identity.label == "Identity"
    assert [m.target for m in identity.missing] == [
        "legal_name",
        "legal_form",
        "registration_date",
        "description",
        "email",
        "phone",
    ]
    for m in identity.missing:
        assert m.message == f"{ORG_FIELDS[m.target].label} is missing."
        assert m.section == "identity"
    messages = _messages(result)
    assert "Legal name is missing." in messages
    assert "Main email is missing." in messages
    assert f"{len(EXCLUSION_GROUNDS)} exclusion grounds not answered yet." in messages


def test_completely_empty_data_does_not_fail() -> None:
    result = assess(ProfileData({}), TODAY)
    assert 0.0 <= result.fraction < 0.1
    assert "Legal name is missing." in _messages(result)


def test_employers_liability_needed_only_with_employees() -> None:
    tables = _full_tables()
    tables["insurance"] = [
        r for r in tables["insurance"] if r["insurance_type"] != "employers_liability"
    ]
    with_staff = _assess(tables=tables)
    assert _messages(with_staff) == ["No employer's liability insurance recorded."]
    assert with_staff.missing[0].target == "insurance"
    assert with_staff.section("insurance").fraction == 0.5

    org = _full_org()
    org["employees"] = 0
    no_staff = _assess(org, tables)
    assert no_staff.missing == ()
    assert no_staff.fraction == 1.0

    org["employees"] = None  # not answered: assume staff, and ask for the headcount too
    unknown = _messages(_assess(org, tables))
    assert "No employer's liability insurance recorded." in unknown
    assert "Employees (headcount) is missing: enter 0 if you have none." in unknown


def test_insurance_with_no_cover_amount_is_not_held() -> None:
    tables = _full_tables()
    tables["insurance"][1]["cover"] = None
    assert _messages(_assess(tables=tables)) == ["No public liability insurance recorded."]


def test_expired_insurance_is_reported() -> None:
    tables = _full_tables()
    tables["insurance"][0]["expires_on"] = date(2025, 5, 31)
    result = _assess(tables=tables)
    assert _messages(result) == ["The employer's liability insurance has expired."]
    assert result.fraction < 1.0
    # A current policy of the same kind alongside the expired one is enough.
    tables["insurance"].append(
        {
            "insurance_type": "employers_liability",
            "cover": Decimal("5000000"),
            "expires_on": date(2026, 5, 31),
        }
    )
    assert _assess(tables=tables).missing == ()


def test_charity_without_a_charity_number() -> None:
    org = _full_org()
    org["charity_number_ew"] = ""
    result = _assess(org)
    assert _messages(result) == ["A registered charity needs its charity number."]
    assert result.missing[0].target == "charity_number_ew"
    # A Scottish number is just as good.
    org["charity_number_sc"] = "SC012345"
    assert _assess(org).missing == ()
    # A company limited by guarantee that is not a charity needs none.
    org.update(legal_form="company_guarantee", charity_number_sc="")
    assert _assess(org).missing == ()


def test_company_form_needs_a_company_number() -> None:
    org = _full_org()
    org["companies_house_number"] = " "
    assert _messages(_assess(org)) == [
        "A Charitable company (limited by guarantee) has a Companies House number: add it."
    ]


def test_invalid_vat_number_counts_as_missing_with_the_check_message() -> None:
    org = _full_org()
    org["vat_number"] = "GB123456789"
    result = _assess(org)
    assert len(result.missing) == 1
    missing = result.missing[0]
    assert (missing.section, missing.target) == ("registration", "vat_number")
    assert missing.message.startswith("VAT number: ")
    assert "check digit" in missing.message
    assert result.fraction < 1.0
    # Blank is fine: not every organisation is VAT registered.
    org["vat_number"] = ""
    assert _assess(org).missing == ()


def test_invalid_required_value_counts_as_missing() -> None:
    org = _full_org()
    org["registered_postcode"] = "M1"
    messages = _messages(_assess(org))
    assert len(messages) == 1 and messages[0].startswith("Registered postcode: ")


def test_exclusion_yes_without_details_is_missing() -> None:
    tables = _full_tables()
    ground = EXCLUSION_GROUNDS[3]
    row = tables["exclusions"][3]
    row["applies"] = True
    expected = f"'{ground.label}': add the date, details and the steps taken since."
    assert _messages(_assess(tables=tables)) == [expected]
    row.update(occurred_on=date(2021, 2, 1), details="What happened.", self_cleaning="  ")
    assert _messages(_assess(tables=tables)) == [expected]
    row["self_cleaning"] = "Director removed; new controls."
    assert _assess(tables=tables).missing == ()


def test_unanswered_ground_and_stale_declaration() -> None:
    tables = _full_tables()
    tables["exclusions"][0]["applies"] = None
    org = _full_org()
    org["exclusions_confirmed_on"] = date(2024, 5, 31)
    assert _messages(_assess(org, tables)) == [
        "1 exclusion ground not answered yet.",
        "Confirm the exclusion declaration (last 12 months).",
    ]


def test_other_dated_problems() -> None:
    tables = _full_tables()
    tables["people"][0]["dbs_renewal_due"] = date(2025, 5, 1)
    tables["accreditations"][0]["expires_on"] = date(2025, 1, 31)
    tables["policies"][0]["last_reviewed"] = date(2024, 5, 1)
    assert _messages(_assess(tables=tables)) == [
        "The DBS check for Sam Okafor was due for renewal on 01/05/2025.",
        "Cyber Essentials expired on 31/01/2025.",
        "The safeguarding policy has not been reviewed in the last 12 months.",
    ]


def test_finance_gaps_are_specific() -> None:
    tables = _full_tables()
    tables["financial_years"][1].update(turnover=None, accounts_type=None)
    assert _messages(_assess(tables=tables)) == [
        "Year ending 31/03/2023: add turnover, type of accounts."
    ]
    tables["financial_years"] = tables["financial_years"][:1]
    assert _messages(_assess(tables=tables)) == [
        "Add the last 2 financial years from your accounts."
    ]
    org = _full_org()
    org["registration_date"] = date(2024, 1, 1)  # a young organisation: one year will do
    assert _assess(org, tables).missing == ()


def test_separate_trading_address_is_asked_for() -> None:
    org = _full_org()
    org["trading_same_as_registered"] = False
    assert _messages(_assess(org)) == [
        "Trading address is missing.",
        "Trading postcode is missing.",
    ]


_values = st.one_of(
    st.none(),
    st.text(max_size=8),
    st.integers(min_value=-5, max_value=500),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
)


@settings(max_examples=150, deadline=None)
@given(
    dropped=st.sets(st.sampled_from(sorted(_full_org())), max_size=20),
    replaced=st.dictionaries(st.sampled_from(sorted(ORG_FIELDS)), _values, max_size=6),
    tables_kept=st.sets(st.sampled_from(sorted(_full_tables()))),
)
def test_fractions_are_between_zero_and_one(
    dropped: set[str], replaced: dict[str, Any], tables_kept: set[str]
) -> None:
    org = {k: v for k, v in _full_org().items() if k not in dropped}
    org.update(replaced)
    tables = {k: v for k, v in _full_tables().items() if k in tables_kept}
    result = assess(ProfileData(org, tables), TODAY)
    assert 0.0 <= result.fraction <= 1.0
    for section in result.sections:
        assert 0.0 <= section.fraction <= 1.0
        assert section.met + len(section.missing) == section.total
    assert (result.fraction == 1.0) == (result.missing == ())
