"""Profile paths: `resolve` reads them from a profile and says why when nothing is there."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bidkit.forms.bindings import BindingError, check_path, resolve
from bidkit.profile.catalogue import ORG_FIELDS
from bidkit.profile.completeness import ProfileData


def profile(**tables: list[dict[str, Any]]) -> ProfileData:
    org = {
        "legal_name": "Riverside Community Care CIC",
        "legal_form": "cic",
        "vat_number": "",
        "is_vcse": True,
        "registered_address": "Unit 4, Aire Street Works\n  Holbeck \n\nLeeds",
        "registered_postcode": "LS11 9XE",
        "registered_country": "United Kingdom",
        "trading_same_as_registered": True,
        "trading_address": "",
        "trading_postcode": "",
    }
    return ProfileData(org, tables)


FULL = profile(
    contacts=[
        {"role": "bid_contact", "name": "Priya Shah", "job_title": "", "email": "p@x.example"},
        {"role": "signatory", "name": "Amara Okafor", "job_title": "Chief Executive"},
    ],
    financial_years=[
        # Stored out of order on purpose: "latest" is by year end, not by position.
        {"year_end": date(2023, 3, 31), "turnover": Decimal("1100250.00"), "surplus": None},
        {"year_end": date(2024, 3, 31), "turnover": Decimal("1234567.89"), "surplus": None},
        {"year_end": None, "turnover": Decimal("1.00")},
    ],
    insurance=[
        {"insurance_type": "public_liability", "cover": Decimal("5000000.00")},
        {"insurance_type": "employers_liability", "cover": Decimal("10000000.00"), "insurer": ""},
    ],
    accreditations=[
        {"name": "CQC registration (Good)", "expires_on": date(2026, 6, 1)},
        {"name": "Cyber Essentials Plus", "expires_on": date(2026, 1, 31)},
    ],
    exclusions=[
        {"ground": "fraud", "applies": False, "details": ""},
        {"ground": "poor_performance", "applies": True, "details": "Ended early by agreement."},
    ],
    contract_examples=[
        {"customer": "Leeds City Council", "value": Decimal("450000.00")},
        {"customer": "Bradford Council", "value": None},
    ],
)
EMPTY = profile()


# -- fields and computed facts ---------------------------------------------------------------
def test_a_profile_field() -> None:
    found = resolve(FULL, "legal_name")
    assert found.found and found.value == "Riverside Community Care CIC"
    assert found.target == "legal_name"
    assert resolve(FULL, "is_vcse").value is True


def test_an_empty_field_says_which_field_is_empty() -> None:
    found = resolve(FULL, "vat_number")
    assert not found.found and found.value is None
    assert found.target == "vat_number"
    assert found.reason == f"{ORG_FIELDS['vat_number'].label} is empty in the profile"
    assert resolve(EMPTY, "website").reason.endswith("is empty in the profile")


def test_registered_address_full_joins_clean_lines_and_postcode() -> None:
    found = resolve(FULL, "registered_address_full")
    assert found.value == "Unit 4, Aire Street Works\nHolbeck\nLeeds\nLS11 9XE"
    assert found.target == "registered_address"


def test_registered_address_abroad_adds_the_country() -> None:
    data = ProfileData({**FULL.org, "registered_country": "Ireland"})
    assert resolve(data, "registered_address_full").value.endswith("LS11 9XE\nIreland")


def test_trading_address_same_as_registered_uses_the_registered_one() -> None:
    assert (
        resolve(FULL, "trading_address_full").value
        == resolve(FULL, "registered_address_full").value
    )


def test_an_address_without_a_postcode_is_missing_with_a_reason() -> None:
    data = ProfileData({**FULL.org, "registered_postcode": ""})
    found = resolve(data, "registered_address_full")
    assert not found.found
    assert found.reason == "The registered address is empty in the profile"
    assert found.target == "registered_address"


def test_latest_and_previous_year_go_by_year_end() -> None:
    assert resolve(FULL, "latest_year.turnover").value == Decimal("1234567.89")
    assert resolve(FULL, "latest_year.year_end").value == date(2024, 3, 31)
    assert resolve(FULL, "previous_year.turnover").value == Decimal("1100250.00")
    assert resolve(FULL, "latest_year.turnover").target == "financial_years"


def test_missing_years_and_year_columns_have_reasons() -> None:
    only_one = profile(financial_years=[{"year_end": date(2024, 3, 31), "turnover": None}])
    assert resolve(EMPTY, "latest_year.turnover").reason == "No latest financial year recorded"
    assert (
        resolve(only_one, "previous_year.turnover").reason == "No previous financial year recorded"
    )
    empty_turnover = resolve(only_one, "latest_year.turnover")
    assert not empty_turnover.found
    assert empty_turnover.reason.startswith("The financial year has no turnover")


def test_contact_paths() -> None:
    assert resolve(FULL, "signatory.name").value == "Amara Okafor"
    assert resolve(FULL, "signatory.job_title").value == "Chief Executive"
    assert resolve(FULL, "bid_contact.email").value == "p@x.example"
    assert resolve(FULL, "signatory.name").target == "contacts"


def test_missing_contacts_and_contact_columns_have_reasons() -> None:
    missing = resolve(EMPTY, "signatory.name")
    assert not missing.found
    assert missing.reason == "No authorised signatory recorded in the profile"
    assert missing.target == "contacts"
    no_title = resolve(FULL, "bid_contact.job_title")
    assert not no_title.found and no_title.reason == "The bid contact has no job title"


# -- rows chosen by a column -----------------------------------------------------------------
def test_a_row_filter_with_equals() -> None:
    found = resolve(FULL, "insurance[insurance_type=employers_liability].cover")
    assert found.value == Decimal("10000000.00") and found.target == "insurance"


def test_a_row_filter_with_contains_ignores_case() -> None:
    found = resolve(FULL, "accreditations[name~cyber essentials].expires_on")
    assert found.value == date(2026, 1, 31)
    assert resolve(FULL, "accreditations[name~CQC].expires_on").value == date(2026, 6, 1)


def test_a_missing_row_names_what_is_missing() -> None:
    found = resolve(EMPTY, "insurance[insurance_type=employers_liability].cover")
    assert not found.found
    assert found.reason == "No Employer's liability insurance recorded in the profile"
    assert found.target == "insurance"
    cyber = resolve(EMPTY, "accreditations[name~Cyber Essentials].expires_on")
    assert cyber.reason == "No Cyber Essentials accreditation recorded in the profile"
    assert cyber.target == "accreditations"


def test_a_row_without_the_column_names_the_column() -> None:
    found = resolve(FULL, "insurance[insurance_type=employers_liability].insurer")
    assert not found.found
    assert found.reason == "The Employer's liability insurance has no insurer"


def test_a_whole_exclusion_row() -> None:
    fraud = resolve(FULL, "exclusions[ground=fraud]")
    assert fraud.found and fraud.value["applies"] is False
    performance = resolve(FULL, "exclusions[ground=poor_performance]")
    assert performance.value["details"] == "Ended early by agreement."
    assert performance.target == "exclusions"


def test_a_missing_exclusion_row_names_the_ground() -> None:
    found = resolve(EMPTY, "exclusions[ground=fraud]")
    assert not found.found
    assert found.reason == (
        "No answer for the exclusion ground 'Fraud, theft or dishonesty offences' recorded in "
        "the profile"
    )
    assert found.target == "exclusions"


def test_a_whole_table() -> None:
    found = resolve(FULL, "contract_examples")
    assert [row["customer"] for row in found.value] == ["Leeds City Council", "Bradford Council"]
    assert found.target == "contract_examples"


def test_an_empty_table_names_the_section() -> None:
    found = resolve(EMPTY, "contract_examples")
    assert not found.found
    assert found.reason == "No contract examples recorded in the profile"
    assert resolve(EMPTY, "financial_years").reason == "No financial years recorded in the profile"


# -- check_path --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "legal_name",
        "registered_address_full",
        "trading_address_full",
        "latest_year.turnover",
        "previous_year.net_assets",
        "signatory.name",
        "bid_contact.email",
        "insurance[insurance_type=employers_liability].cover",
        "accreditations[name~Cyber Essentials].expires_on",
        "policies[policy_type=safeguarding].last_reviewed",
        "exclusions[ground=fraud]",
        "contract_examples",
    ],
)
def test_check_path_accepts_every_documented_kind_of_path(path: str) -> None:
    check_path(path)


def test_check_path_returns_the_spec_of_a_single_field() -> None:
    spec = check_path("legal_form")
    assert spec is not None and spec.key == "legal_form" and spec.choices is not None
    assert check_path("insurance[insurance_type=employers_liability].cover") is not None
    assert check_path("contract_examples") is None


@pytest.mark.parametrize(
    ("path", "columns", "words"),
    [
        ("favourite_colour", None, "'favourite_colour' is not a profile field"),
        ("", None, "is not a profile field"),
        ("legal_name.first", None, "is not a profile field"),
        ("latest_year.colour", None, "'latest_year' has no 'colour'"),
        ("signatory.shoe_size", None, "contacts have no 'shoe_size'"),
        ("nobody.name", None, "is not a profile field"),
        ("vehicles[make=ford].model", None, "no section 'vehicles'"),
        ("insurance[colour=red].cover", None, "'insurance' has no column 'colour'"),
        ("insurance[insurance_type=nope].cover", None, "'nope' is not a value"),
        ("insurance[insurance_type=employers_liability].colour", None, "no column 'colour'"),
        ("exclusions[ground=littering]", None, "'littering' is not an exclusion ground"),
        ("contract_examples", {"buyer": "buyer_name"}, "no column 'buyer_name'"),
        ("insurance[insurance_type=employers_liability", None, "is not a profile field"),
    ],
)
def test_check_path_refuses_nonsense(path: str, columns: dict[str, str] | None, words: str) -> None:
    with pytest.raises(BindingError) as caught:
        check_path(path, columns)
    assert words in str(caught.value)


def test_resolve_refuses_a_path_that_names_nothing() -> None:
    with pytest.raises(BindingError):
        resolve(FULL, "favourite_colour")
