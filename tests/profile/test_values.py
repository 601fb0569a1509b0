"""Money, dates, deadlines and counts: read as people type them, shown one way everywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bidkit.profile.values import (
    format_amount,
    format_count,
    format_date,
    format_datetime,
    format_long_date,
    format_money,
    format_number,
    parse_date,
    parse_datetime,
    parse_money,
)

# --------------------------------------------------------------------------------------------
# Money


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1234.5"), "£1,234.50"),
        (Decimal("2.345"), "£2.35"),  # half-up to the penny, not banker's rounding
        (Decimal("2.335"), "£2.34"),
        (Decimal("-1200"), "-£1,200.00"),
        (Decimal("-0.001"), "£0.00"),  # no "minus nothing"
        (Decimal("0"), "£0.00"),
    ],
)
def test_money_is_pounds_and_pence_rounded_half_up(amount: Decimal, shown: str) -> None:
    assert format_money(amount) == shown


def test_estimates_may_drop_zero_pence_and_name_other_currencies() -> None:
    assert format_money(Decimal("450000"), drop_zero_pence=True) == "£450,000"
    assert format_money(Decimal("450000.5"), drop_zero_pence=True) == "£450,000.50"
    assert format_money(Decimal("1200"), currency="eur") == "€1,200.00"
    assert format_money(Decimal("-1200"), currency="CHF") == "-1,200.00 CHF"


def test_a_field_with_its_currency_beside_it_shows_the_amount_alone() -> None:
    assert format_amount(Decimal("450000")) == "450,000.00"
    assert format_amount(Decimal("-0.125")) == "-0.13"
    assert parse_money(format_amount(Decimal("450000.5"))) == Decimal("450000.50")


@pytest.mark.parametrize("typed", ["£1,234.50", "1234.5", " 1,234.50 "])
def test_money_reads_back_what_it_shows(typed: str) -> None:
    assert parse_money(typed) == Decimal("1234.50")
    assert parse_money(format_money(parse_money(typed))) == Decimal("1234.50")


# --------------------------------------------------------------------------------------------
# Dates and counts


def test_dates_are_day_first_and_iso_is_accepted() -> None:
    assert parse_date("05/04/2026") == date(2026, 4, 5)
    assert parse_date("2026-04-05") == date(2026, 4, 5)
    assert format_date(date(2026, 4, 5)) == "05/04/2026"
    assert format_long_date(date(2026, 4, 5)) == "5 April 2026"


def test_a_two_digit_year_only_where_the_date_lies_ahead() -> None:
    with pytest.raises(ValueError, match="4 digits"):
        parse_date("15/3/27")
    assert parse_date("15/3/27", short_year=True) == date(2027, 3, 15)


def test_counts_agree_in_number_and_group_thousands() -> None:
    assert format_count(1, "item") == "1 item"
    assert format_count(2, "item") == "2 items"
    assert format_count(0, "item") == "0 items"
    assert format_count(1250, "person", "people") == "1,250 people"
    assert format_number(Decimal("1250.50")) == "1,250.5"
    assert format_number(1_000_000) == "1,000,000"


# --------------------------------------------------------------------------------------------
# Deadlines in UK time


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        ("15/03/2027 12:00", datetime(2027, 3, 15, 12, 0, tzinfo=UTC)),  # GMT
        ("15/3/27 12:00", datetime(2027, 3, 15, 12, 0, tzinfo=UTC)),
        ("2027-03-15 12:00", datetime(2027, 3, 15, 12, 0, tzinfo=UTC)),
        ("2027-03-15T12:00", datetime(2027, 3, 15, 12, 0, tzinfo=UTC)),
        ("15 March 2027 noon", datetime(2027, 3, 15, 12, 0, tzinfo=UTC)),
        ("15/06/2027 12.00", datetime(2027, 6, 15, 11, 0, tzinfo=UTC)),  # BST
        ("15/06/2027 at 5pm", datetime(2027, 6, 15, 16, 0, tzinfo=UTC)),
        ("15/06/2027 9:30 am", datetime(2027, 6, 15, 8, 30, tzinfo=UTC)),
        ("15/06/2027 12:00 UTC", datetime(2027, 6, 15, 12, 0, tzinfo=UTC)),
        ("2027-06-15T12:00+01:00", datetime(2027, 6, 15, 11, 0, tzinfo=UTC)),
        ("2027-06-15T12:00:00.000Z", datetime(2027, 6, 15, 12, 0, tzinfo=UTC)),  # from programs
        ("2027-06-15T12:00:00.250", datetime(2027, 6, 15, 11, 0, tzinfo=UTC)),
    ],
)
def test_deadlines_are_read_as_typed(typed: str, utc: datetime) -> None:
    moment = parse_datetime(typed)
    assert moment.at == utc
    assert not moment.all_day and not moment.note


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        ("15/3/27", datetime(2027, 3, 15, 23, 59, 59, tzinfo=UTC)),
        ("15/06/2027", datetime(2027, 6, 15, 22, 59, 59, tzinfo=UTC)),  # end of the BST day
    ],
)
def test_a_date_alone_is_the_end_of_that_uk_day(typed: str, utc: datetime) -> None:
    moment = parse_datetime(typed)
    assert moment.at == utc and moment.all_day
    assert format_datetime(moment.at, all_day=True) == typed.replace("3/27", "03/2027")


def test_a_time_skipped_when_the_clocks_go_forward_is_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="does not exist") as refused:
        parse_datetime("28/03/2027 01:30")
    assert "01:00 GMT" in str(refused.value) and "02:00 BST" in str(refused.value)


def test_a_time_that_happens_twice_takes_the_first_and_says_so() -> None:
    moment = parse_datetime("31/10/2027 01:30")
    assert moment.at == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert "01:30 BST" in moment.note and "01:30 GMT" in moment.note
    # Shown with its zone, so the text reads back to the same moment.
    assert format_datetime(moment.at) == "31/10/2027 01:30 BST"
    second = parse_datetime("31/10/2027 01:30 GMT")
    assert second.at == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    assert parse_datetime(format_datetime(second.at)).at == second.at


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("15/01/2027 12:00 BST", "Greenwich Mean Time"),
        ("15/03/2027 12", "minutes or am/pm"),
        ("15/03/2027 25:00", "not a time of day"),
        ("15/03/2027 13pm", "1 to 12"),
        ("15/03/2027 midnight", "ambiguous"),
        ("30/02/2027 10:00", "28 days"),
        ("next Friday", "15/03/2027 12:00"),
        ("", "15/03/2027 12:00"),
    ],
)
def test_an_unusable_deadline_is_refused_saying_why(typed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_datetime(typed)


def test_shown_deadlines_read_back_to_the_same_moment() -> None:
    for typed in ("15/03/2027 12:00", "15/06/2027 17:45", "01/01/2030 00:00"):
        moment = parse_datetime(typed)
        assert format_datetime(moment.at) == typed
        assert parse_datetime(format_datetime(moment.at)).at == moment.at


def test_documents_show_values_as_the_screens_do() -> None:
    from bidkit.export.formatting import uk_date, uk_money, uk_number

    assert uk_money("2.345") == format_money(Decimal("2.345")) == "£2.35"
    assert uk_money("-1200") == "-£1,200.00"
    assert uk_date("2026-04-05") == format_long_date(date(2026, 4, 5))
    assert uk_number("1250") == format_count(1250, "x").split()[0]
