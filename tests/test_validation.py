"""Tests for the organisation-profile field checks in bidkit.profile.validation."""

from __future__ import annotations

import ast
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bidkit.profile import validation as v
from bidkit.profile import values

VAT_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def vat_number(first_seven: str, *, mod9755: bool) -> str:
    """Complete 7 digits with check digits computed independently of the module under test."""
    total = sum(int(d) * w for d, w in zip(first_seven, VAT_WEIGHTS, strict=True))
    if mod9755:
        total += 55
    return f"{first_seven}{(-total) % 97:02d}"


# --------------------------------------------------------------------------------------------
# Shared conventions


@pytest.mark.parametrize("name", sorted(v.CHECKS))
@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_blank_is_always_valid(name: str, blank: str) -> None:
    assert v.CHECKS[name](blank) is None


def test_registry_keys() -> None:
    assert set(v.CHECKS) == {
        "company_number",
        "charity_ew",
        "charity_sc",
        "charity_ni",
        "fca_mutual",
        "vat",
        "ppon",
        "duns",
        "postcode",
        "email",
        "url",
        "phone",
        "colour",
    }
    assert set(v.NORMALISERS) <= set(v.CHECKS)


@pytest.mark.parametrize("name", sorted(v.NORMALISERS))
def test_normalisers_keep_invalid_input(name: str) -> None:
    typed = "  not valid at all ~~  "
    assert v.CHECKS[name](typed) is not None
    assert v.NORMALISERS[name](typed) == typed.strip()


@pytest.mark.parametrize("name", sorted(v.CHECKS))
def test_messages_are_sentences(name: str) -> None:
    message = v.CHECKS[name]("~~")
    assert message is not None
    assert message[0].isupper()
    assert message.endswith(".")


# --------------------------------------------------------------------------------------------
# Companies House


@pytest.mark.parametrize(
    "text",
    [
        "01234567",
        "12345678",
        "SC123456",
        "sc123456",
        " NI 012345 ",
        "OC301234",
        "SO300123",
        "NC001234",
        "R0000123",
        "FC012345",
        "CE001234",
        "RS007123",
        "IP12345R",
    ],
)
def test_company_number_valid(text: str) -> None:
    assert v.validate_company_number(text) is None


def test_company_number_short_digits_suggests_leading_zero() -> None:
    message = v.validate_company_number("1234567")
    assert message is not None
    assert "01234567" in message


def test_company_number_short_prefixed_suggests_zeros() -> None:
    message = v.validate_company_number("SC12345")
    assert message is not None
    assert "SC012345" in message


@pytest.mark.parametrize(
    "text", ["123456789", "XX123456", "SC1234567", "SC12345A", "12-34567", "ABCDEFGH"]
)
def test_company_number_invalid(text: str) -> None:
    message = v.validate_company_number(text)
    assert message is not None
    assert "SC123456" in message


def test_company_number_normalised() -> None:
    assert v.normalise_company_number(" sc 123456 ") == "SC123456"
    assert v.normalise_company_number(" 1234567 ") == "1234567"


# --------------------------------------------------------------------------------------------
# Charities


@pytest.mark.parametrize("text", ["123456", "1123456", "1123456-1", "1123456 - 12", " 209617 "])
def test_charity_ew_valid(text: str) -> None:
    assert v.validate_charity_ew(text) is None


@pytest.mark.parametrize("text", ["12345", "12345678", "1123456-", "1123456/1", "CH1123456"])
def test_charity_ew_invalid(text: str) -> None:
    message = v.validate_charity_ew(text)
    assert message is not None
    assert "1123456" in message


@pytest.mark.parametrize(("text", "hint"), [("SC012345", "Scottish"), ("XR12345", "HMRC")])
def test_charity_ew_points_to_right_register(text: str, hint: str) -> None:
    message = v.validate_charity_ew(text)
    assert message is not None
    assert hint in message


@pytest.mark.parametrize("text", ["SC012345", "sc 045678"])
def test_charity_sc_valid(text: str) -> None:
    assert v.validate_charity_sc(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("SC12345", "SC012345"), ("012345", "SC012345"), ("SC1234567", "SC012345")],
)
def test_charity_sc_invalid(text: str, fragment: str) -> None:
    message = v.validate_charity_sc(text)
    assert message is not None
    assert fragment in message


@pytest.mark.parametrize("text", ["NIC100002", "nic 104567"])
def test_charity_ni_valid(text: str) -> None:
    assert v.validate_charity_ni(text) is None


@pytest.mark.parametrize("text", ["XN12345", "XR98765"])
def test_charity_ni_refuses_hmrc_references(text: str) -> None:
    message = v.validate_charity_ni(text)
    assert message is not None
    assert "HMRC" in message
    assert "NIC100002" in message


@pytest.mark.parametrize("text", ["NIC10000", "NI100002", "100002", "NIC1000022"])
def test_charity_ni_invalid(text: str) -> None:
    message = v.validate_charity_ni(text)
    assert message is not None
    assert "NIC" in message


def test_charity_normalisers() -> None:
    assert v.normalise_charity_ew(" 1123456 - 1 ") == "1123456-1"
    assert v.normalise_charity_sc("sc 012345") == "SC012345"
    assert v.normalise_charity_ni(" nic100002") == "NIC100002"


# --------------------------------------------------------------------------------------------
# FCA Mutuals Public Register


@pytest.mark.parametrize("text", ["31234R", "31234", "2481RS", "IP12345R", "rs007123", "RS 007123"])
def test_fca_mutual_valid(text: str) -> None:
    assert v.validate_fca_mutual(text) is None


@pytest.mark.parametrize("text", ["RS12345", "R12345", "1234567R", "IPR", "31234X", "12-345R"])
def test_fca_mutual_invalid(text: str) -> None:
    message = v.validate_fca_mutual(text)
    assert message is not None
    assert "RS007123" in message


def test_fca_mutual_normalised() -> None:
    assert v.normalise_fca_mutual(" rs 007123 ") == "RS007123"


# --------------------------------------------------------------------------------------------
# VAT


@pytest.mark.parametrize(
    "text",
    [
        "GB980780684",
        "GB 980 7806 84",
        "980780684",
        "gb980 7806 84",
        "XI 980 7806 84",
        "GB980780684001",
        "GD001",
        "GBGD499",
        "HA500",
        "HA999",
    ],
)
def test_vat_valid(text: str) -> None:
    assert v.validate_vat(text) is None


@pytest.mark.parametrize("first_seven", ["1234567", "9807806", "0000001", "5551234"])
@pytest.mark.parametrize("mod9755", [False, True])
def test_vat_constructed_numbers_pass(first_seven: str, mod9755: bool) -> None:
    number = vat_number(first_seven, mod9755=mod9755)
    assert v.validate_vat(f"GB{number}") is None
    assert v.validate_vat(f"GB{number}123") is None


def test_vat_check_digit_failure() -> None:
    message = v.validate_vat("GB 980 7806 85")
    assert message is not None
    assert "check digit" in message
    assert "typing error" in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("GB98078068", "9 digits"),
        ("GB9807806841", "9 digits"),
        ("GD500", "000 to 499"),
        ("HA499", "500 to 999"),
        ("GD12", "9 digits"),
        ("DE123456789", "UK VAT numbers only"),
        ("GB98O780684", "9 digits"),
    ],
)
def test_vat_invalid(text: str, fragment: str) -> None:
    message = v.validate_vat(text)
    assert message is not None
    assert fragment in message


def test_vat_normalised() -> None:
    assert v.normalise_vat(" gb 980 7806 84 ") == "GB980780684"
    assert v.normalise_vat("980 7806 84") == "GB980780684"
    assert v.normalise_vat("xi 980 7806 84") == "XI980780684"
    assert v.normalise_vat("gd 001") == "GBGD001"
    assert v.normalise_vat(" GB 980 7806 85 ") == "GB 980 7806 85"


@given(st.from_regex(r"[0-9]{7}", fullmatch=True), st.booleans())
def test_vat_check_digits_property(first_seven: str, mod9755: bool) -> None:
    number = vat_number(first_seven, mod9755=mod9755)
    assert v.validate_vat(number) is None
    assert v.normalise_vat(number) == f"GB{number}"


# --------------------------------------------------------------------------------------------
# PPON and D-U-N-S


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("PMZV-7732-XNRB", "PMZV-7732-XNRB"),
        ("pmzv-7732-xnrb", "PMZV-7732-XNRB"),
        ("GB-PPON-PZPR-8554-XHNX", "PZPR-8554-XHNX"),
        (" gb-ppon-pcrd-8181-gvrz ", "PCRD-8181-GVRZ"),
        ("PMZV7732XNRB", "PMZV-7732-XNRB"),
    ],
)
def test_ppon_valid(text: str, normal: str) -> None:
    assert v.validate_ppon(text) is None
    assert v.normalise_ppon(text) == normal


@pytest.mark.parametrize("text", ["PMZV-7732-XNR", "PMZV-7732-XNRB-1", "PMZV_7732_XNRB", "GB-PPON"])
def test_ppon_invalid(text: str) -> None:
    message = v.validate_ppon(text)
    assert message is not None
    assert "PMZV-7732-XNRB" in message


@pytest.mark.parametrize(
    ("text", "normal"), [("123456789", "123456789"), ("12-345-6789", "123456789")]
)
def test_duns_valid(text: str, normal: str) -> None:
    assert v.validate_duns(text) is None
    assert v.normalise_duns(text) == normal


@pytest.mark.parametrize("text", ["12345678", "1234567890", "12-345-678X"])
def test_duns_invalid(text: str) -> None:
    assert v.validate_duns(text) is not None


# --------------------------------------------------------------------------------------------
# Postcodes


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("EC1A 1BB", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("GIR 0AA", "GIR 0AA"),
        ("sw1a1aa", "SW1A 1AA"),
        (" sw1a 1aa ", "SW1A 1AA"),
        ("bt1 5gs", "BT1 5GS"),
    ],
)
def test_postcode_valid(text: str, normal: str) -> None:
    assert v.validate_postcode(text) is None
    assert v.normalise_postcode(text) == normal


@pytest.mark.parametrize(
    "text",
    [
        "Q1 1AA",  # Q never starts a postcode
        "AA1 1AAA",
        "SW1A1A",
        "SW1A 1AC",  # C is never in the inward code
        "AI1 1AA",  # I is never the second letter
        "W1L 1AA",  # L never follows a single-letter area's digit
        "EC1C 1BB",  # C never follows a two-letter area's digit
        "12345",
        "SW1A-1AA",
    ],
)
def test_postcode_invalid(text: str) -> None:
    message = v.validate_postcode(text)
    assert message is not None
    assert "SW1A 1AA" in message


def test_bfpo_is_not_a_postcode() -> None:
    message = v.validate_postcode("BFPO 801")
    assert message is not None
    assert "BFPO" in message


_POSTCODE_STRATEGY = st.from_regex(
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2}",
    fullmatch=True,
)


@given(_POSTCODE_STRATEGY, st.booleans())
def test_normalise_postcode_is_idempotent(postcode: str, lower: bool) -> None:
    typed = postcode.lower() if lower else postcode
    assert v.validate_postcode(typed) is None
    once = v.normalise_postcode(typed)
    assert v.normalise_postcode(once) == once
    assert once == once.upper()
    assert once[-4] == " "
    assert once.count(" ") == 1


# --------------------------------------------------------------------------------------------
# Email, website, phone, colour


@pytest.mark.parametrize(
    "text", ["info@example.org.uk", "jo.bloggs+bids@sub.example.co.uk", " a@b.io ", "x@münchen.de"]
)
def test_email_valid(text: str) -> None:
    assert v.validate_email(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("info.example.org", "one @"),
        ("a@b@example.org", "one @"),
        ("@example.org", "before the @"),
        ("info@example", "after the @"),
        ("info@.example.org", "after the @"),
        ("info@example.org.", "after the @"),
        ("jo bloggs@example.org", "spaces"),
        ("jo..b@example.org", "before the @"),
        ("a@" + "b" * 250 + ".org", "254"),
    ],
)
def test_email_invalid(text: str, fragment: str) -> None:
    message = v.validate_email(text)
    assert message is not None
    assert fragment in message
    assert "info@example.org.uk" in message or "254" in message


def test_email_normalised() -> None:
    assert v.normalise_email(" Jo.Bloggs@Example.ORG.uk ") == "Jo.Bloggs@example.org.uk"


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("example.org.uk", "https://example.org.uk"),
        ("www.example.org.uk/about", "https://www.example.org.uk/about"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://Example.org/Path?q=1", "HTTPS://Example.org/Path?q=1"),
        ("example.org:8080/x", "https://example.org:8080/x"),
    ],
)
def test_url_valid(text: str, normal: str) -> None:
    assert v.validate_url(text) is None
    assert v.normalise_url(text) == normal


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.org",
        "mailto:info@example.org",
        "example org",
        "https://",
        "localhost",
        "https://user:secret@example.org",
        "https://example.org:99999",
        "not-a-site",
    ],
)
def test_url_invalid(text: str) -> None:
    message = v.validate_url(text)
    assert message is not None
    assert "example.org.uk" in message


@pytest.mark.parametrize(
    "text",
    [
        "020 7946 0000",
        "01632 960000",
        "(01632) 960 000",
        "07700 900123",
        "+44 20 7946 0000",
        "+44 (0)20 7946 0000",
        "0044 20 7946 0000",
        "0800-123-456",
    ],
)
def test_phone_valid(text: str) -> None:
    assert v.validate_phone(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("020 7946 00", "10 or 11 digits"),
        ("020 7946 00000", "10 or 11 digits"),
        ("2079460000", "starting with 0"),
        ("+33 1 23 45 67 89", "UK numbers only"),
        ("020 7946 0000 ext 12", "only digits"),
        ("020+7946 0000", "only digits"),
    ],
)
def test_phone_invalid(text: str, fragment: str) -> None:
    message = v.validate_phone(text)
    assert message is not None
    assert fragment in message


@pytest.mark.parametrize(
    ("text", "normal"),
    [("#1d70b8", "#1D70B8"), ("1D70B8", "#1D70B8"), ("#17b", "#1177BB"), (" abc ", "#AABBCC")],
)
def test_colour_valid(text: str, normal: str) -> None:
    assert v.validate_colour(text) is None
    assert v.normalise_colour(text) == normal


@pytest.mark.parametrize("text", ["#12345", "#GGGGGG", "red", "##123456", "#1234567"])
def test_colour_invalid(text: str) -> None:
    message = v.validate_colour(text)
    assert message is not None
    assert "#1D70B8" in message


# --------------------------------------------------------------------------------------------
# Money


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("£12,345.67", "12345.67"),
        ("12345", "12345.00"),
        ("12,345.5", "12345.50"),
        ("-1,200", "-1200.00"),
        ("(1,200)", "-1200.00"),
        ("(£1,200.00)", "-1200.00"),
        ("-£1,200", "-1200.00"),
        ("£-1,200", "-1200.00"),
        ("\u22121,200", "-1200.00"),
        (" £ 0.5 ", "0.50"),
        ("1,000,000", "1000000.00"),
        ("-0", "0.00"),
        ("7.", "7.00"),
    ],
)
def test_parse_money_valid(text: str, amount: str) -> None:
    parsed = v.parse_money(text)
    assert parsed == Decimal(amount)
    assert str(parsed) == amount


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1e6", "pounds and pence"),
        ("£", "pounds and pence"),
        ("", "Enter an amount"),
        ("12.345", "2 decimal places"),
        ("NaN", "pounds and pence"),
        ("Infinity", "pounds and pence"),
        ("12,34", "groups of 3"),
        ("1,2345", "groups of 3"),
        ("£12 345", "pounds and pence"),
        ("-(1,200)", "pounds and pence"),
        ("(-1,200)", "not both"),
        ("$100", "pounds and pence"),
        ("1" * 20, "larger than BidKit accepts"),
        ("0.125", "2 decimal places"),
    ],
)
def test_parse_money_invalid(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        v.parse_money(text)


def test_parse_money_hints_at_thousands() -> None:
    with pytest.raises(ValueError, match="12,345"):
        v.parse_money("12.345")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("12345.67", "£12,345.67"),
        ("-1200", "-£1,200.00"),
        ("0", "£0.00"),
        ("-0.00", "£0.00"),
        ("0.005", "£0.01"),
        ("999", "£999.00"),
        ("1000000000000", "£1,000,000,000,000.00"),
    ],
)
def test_format_money(amount: str, text: str) -> None:
    assert v.format_money(Decimal(amount)) == text


def test_format_money_refuses_nan() -> None:
    with pytest.raises(ValueError, match="finite"):
        v.format_money(Decimal("NaN"))


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False)
)
def test_money_round_trip(amount: Decimal) -> None:
    assert v.parse_money(v.format_money(amount)) == amount


def test_validate_amount() -> None:
    assert v.validate_amount(None, allow_negative=False) is None
    assert v.validate_amount(Decimal("12.50"), allow_negative=False) is None
    assert v.validate_amount(Decimal("-1200"), allow_negative=True) is None
    assert v.validate_amount(Decimal("1e12"), allow_negative=False) is None
    assert (
        v.validate_amount(Decimal("-1"), allow_negative=False, label="Turnover")
        == "Turnover cannot be negative; enter 0 or more."
    )
    assert v.validate_amount(Decimal("1000000000000.01"), allow_negative=False) == (
        "That amount is larger than BidKit accepts (£1,000,000,000,000)."
    )
    too_small = v.validate_amount(Decimal("-2e12"), allow_negative=True)
    assert too_small is not None
    assert "larger than BidKit accepts" in too_small
    custom = v.validate_amount(Decimal("600"), allow_negative=False, maximum=Decimal("500"))
    assert custom == "That amount is larger than BidKit accepts (£500)."
    pence = v.validate_amount(Decimal("1.234"), allow_negative=False)
    assert pence is not None
    assert "2 decimal places" in pence
    assert v.validate_amount(Decimal("1.2300"), allow_negative=False) is None
    assert v.validate_amount(Decimal("NaN"), allow_negative=False) is not None


# --------------------------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    "text",
    [
        "31/03/2025",
        "31-03-2025",
        "31.03.2025",
        "31 March 2025",
        "31 Mar 2025",
        "31 mar. 2025",
        "31st March 2025",
        "31 MARCH 2025",
        "2025-03-31",
        " 31/3/2025 ",
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert v.parse_date(text) == date(2025, 3, 31)


def test_parse_date_is_day_first() -> None:
    assert v.parse_date("02/03/2025") == date(2025, 3, 2)
    assert v.parse_date("1 Sept 2024") == date(2024, 9, 1)
    assert v.parse_date("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("29/02/2023", "February 2023 has 28 days"),
        ("31/04/2025", "April 2025 has 30 days"),
        ("03/31/2025", "day first"),
        ("31/03/25", "year in full"),
        ("31 March 25", "year in full"),
        ("March 31, 2025", "day first"),
        ("31 Smarch 2025", "Smarch is not a month"),
        ("31/03-2025", "day first"),
        ("2025/03/31", "day first"),
        ("31/03/02025", "4 digits"),
        ("0/03/2025", "not a real date"),
        ("", "Enter a date"),
        ("yesterday", "day first"),
    ],
)
def test_parse_date_invalid(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        v.parse_date(text)


@pytest.mark.parametrize(
    ("value", "text"), [(date(2025, 3, 31), "31/03/2025"), (date(2024, 1, 5), "05/01/2024")]
)
def test_format_date(value: date, text: str) -> None:
    assert v.format_date(value) == text


@given(
    st.dates(min_value=date(values.FIRST_DATE_YEAR, 1, 1), max_value=date(values.LAST_YEAR, 12, 31))
)
def test_date_round_trip(value: date) -> None:
    assert v.parse_date(v.format_date(value)) == value


@given(st.dates().filter(lambda d: not values.FIRST_DATE_YEAR <= d.year <= values.LAST_YEAR))
def test_dates_outside_the_accepted_years_are_refused_with_the_range(value: date) -> None:
    with pytest.raises(ValueError, match=rf"{values.LAST_YEAR}|4 digits"):
        v.parse_date(v.format_date(value))


@pytest.mark.parametrize(
    "text", ["9999-12-31T23:59", "31/12/9999 23:59", "0001-01-01T00:00Z", "1989-12-31T12:00"]
)
def test_moments_outside_the_accepted_years_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"outside the years BidKit accepts|4 digits"):
        values.parse_datetime(text)


def test_validate_date_order() -> None:
    awarded = date(2024, 6, 5)
    expiry = date(2024, 1, 1)
    assert (
        v.validate_date_order(awarded, expiry, "date awarded", "expiry date")
        == "The expiry date (01/01/2024) is before the date awarded (05/06/2024)."
    )
    assert v.validate_date_order(expiry, awarded, "date awarded", "expiry date") is None
    assert v.validate_date_order(awarded, awarded, "date awarded", "expiry date") is None
    assert v.validate_date_order(None, expiry, "date awarded", "expiry date") is None
    assert v.validate_date_order(awarded, None, "date awarded", "expiry date") is None


def test_validate_not_future() -> None:
    today = date(2025, 3, 31)
    assert v.validate_not_future(None, "registration date", today) is None
    assert v.validate_not_future(today, "registration date", today) is None
    assert v.validate_not_future(date(2020, 1, 1), "registration date", today) is None
    assert v.validate_not_future(date(2025, 4, 1), "registration date", today) == (
        "The registration date (01/04/2025) is in the future; check the day, month and year."
    )
    assert v.validate_not_future(date(9999, 1, 1), "date last reviewed") is not None


# --------------------------------------------------------------------------------------------
# Counts


@pytest.mark.parametrize(
    ("text", "count"), [("0", 0), ("12", 12), ("1,250", 1250), (" 9,999,999 ", 9_999_999)]
)
def test_parse_count_valid(text: str, count: int) -> None:
    assert v.parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "whole number"),
        ("-3", "cannot be negative"),
        ("2.5", "without decimals"),
        ("12,50", "groups of 3"),
        ("10,000,000", "larger than BidKit accepts (9,999,999)"),
        ("twelve", "digits"),
        ("1e3", "digits"),
        ("\u0661\u0662", "digits"),
    ],
)
def test_parse_count_invalid(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        v.parse_count(text)


def test_module_imports_only_the_standard_library() -> None:
    """The checks (and the value parsers they use) stay pure Python: no Qt, no database."""
    from bidkit.profile import values

    for module in (v, values):
        assert module.__file__ is not None
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module is not None:
                imported.add(node.module)
        outside = {m for m in imported if m.split(".")[0] not in sys.stdlib_module_names}
        assert outside <= {"bidkit.profile.values"}
