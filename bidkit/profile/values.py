"""Reading amounts, dates and counts typed the UK way, and checking them.

Pure Python: the profile editor calls these while the user types. Each `parse_*` function turns
text into a typed value or raises `ValueError` with a message the user can act on; it refuses
empty text, because the caller decides what a blank field means. Money is always `Decimal`,
never float; dates are day-first, never US month-first.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

# --------------------------------------------------------------------------------------------
# Money

#: The largest amount (either sign) BidKit stores: far above any real turnover, low enough that
#: arithmetic on it is exact.
MAXIMUM_AMOUNT: Final = Decimal("1e12")
_PENCE: Final = Decimal("0.01")
_MONEY_EXAMPLE: Final = "such as £12,345.67, 12345 or -1,200"
_MONEY_NUMBER = re.compile(
    r"(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<fraction>[0-9]*))?", re.ASCII
)
_MINUS_SIGNS: Final = ("-", "\u2212")  # hyphen-minus and the typographic minus sign
_MAX_WHOLE_DIGITS: Final = 15


def parse_money(text: str) -> Decimal:
    """Read an amount in pounds exactly (never via float); a deficit may be -1,200 or (1,200)."""
    value = text.strip()
    if not value:
        raise ValueError(f"Enter an amount, {_MONEY_EXAMPLE}.")
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative = True
        value = value[1:-1].strip()
    if value.startswith(_MINUS_SIGNS):
        if negative:
            raise ValueError(f"Use either brackets or a minus sign, not both, {_MONEY_EXAMPLE}.")
        negative = True
        value = value[1:].lstrip()
    if value.startswith("£"):
        value = value[1:].lstrip()
        if value.startswith(_MINUS_SIGNS) and not negative:
            negative = True
            value = value[1:].lstrip()
    match = _MONEY_NUMBER.fullmatch(value)
    if match is None:
        if re.fullmatch(r"[0-9,]+(?:\.[0-9]*)?", value, re.ASCII):
            raise ValueError("Use commas only between groups of 3 digits, such as 12,345.67.")
        raise ValueError(f"Enter an amount in pounds and pence, {_MONEY_EXAMPLE}.")
    whole = match.group("whole").replace(",", "")
    fraction = match.group("fraction") or ""
    if len(fraction) > 2:
        hint = ""
        if len(fraction) == 3 and "," not in match.group("whole"):
            hint = f" If you meant thousands, use a comma: {match.group('whole')},{fraction}."
        raise ValueError(f"An amount can have at most 2 decimal places (pence).{hint}")
    if len(whole.lstrip("0")) > _MAX_WHOLE_DIGITS:
        raise ValueError(f"That amount is larger than BidKit accepts ({_whole_pounds()}).")
    amount = Decimal(f"{whole}.{fraction or '0'}").quantize(_PENCE)
    return -amount if negative and amount else amount


def _whole_pounds(amount: Decimal = MAXIMUM_AMOUNT) -> str:
    """An amount with pence only when it has some: £1,000,000,000,000."""
    text = format_money(amount)
    return text.removesuffix(".00")


def format_money(amount: Decimal) -> str:
    """Pounds with thousands separators and pence: £12,345.67, and -£1,200.00 for a deficit."""
    if not amount.is_finite():
        raise ValueError("Only a finite amount can be shown as money.")
    pence = amount.quantize(_PENCE, rounding=ROUND_HALF_UP)
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence):,.2f}"


def validate_amount(
    value: Decimal | None,
    *,
    allow_negative: bool,
    maximum: Decimal = MAXIMUM_AMOUNT,
    label: str = "The amount",
) -> str | None:
    """Check an amount already parsed; `label` starts the sentence ("Turnover cannot be ...")."""
    if value is None:
        return None
    if not value.is_finite():
        return f"{label} must be a number of pounds and pence, {_MONEY_EXAMPLE}."
    if value < 0 and not allow_negative:
        return f"{label} cannot be negative; enter 0 or more."
    if abs(value) > maximum:
        return f"That amount is larger than BidKit accepts ({_whole_pounds(maximum)})."
    try:
        whole_pence = value == value.quantize(_PENCE)
    except InvalidOperation:
        whole_pence = False
    if not whole_pence:
        return f"{label} can have at most 2 decimal places (pence)."
    return None


# --------------------------------------------------------------------------------------------
# Dates

#: English names, spelt out rather than taken from `calendar`, whose names follow the locale.
_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS: Final[dict[str, int]] = {
    **{name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_DATE_EXAMPLE: Final = "such as 31/03/2025 or 31 March 2025"
_NUMERIC_DATE = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]+)", re.ASCII)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", re.ASCII)
_NAMED_DATE = re.compile(
    r"([0-9]{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+([0-9]+)", re.ASCII | re.IGNORECASE
)


def _make_date(year_text: str, month: int, day: int) -> date:
    """Build a date, explaining which part is impossible rather than just refusing."""
    if len(year_text) == 2:
        raise ValueError(
            f"Write the year in full (4 digits), such as 31/03/2025 rather than 31/03/{year_text}."
        )
    if len(year_text) != 4 or year_text.startswith("0"):
        raise ValueError(f"The year should be 4 digits; enter a date {_DATE_EXAMPLE}.")
    year = int(year_text)
    if not 1 <= month <= 12:
        raise ValueError(
            f"There is no month {month}. Dates are day first: 31/03/2025 is 31 March 2025."
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(
            f"{day:02d}/{month:02d}/{year} is not a real date: {_MONTH_NAMES[month - 1]} {year} "
            f"has {days} days."
        )
    return date(year, month, day)


def parse_date(text: str) -> date:
    """Read a UK date: day first (31/03/2025, 31-03-2025, 31.03.2025, 31 March 2025) or ISO."""
    value = " ".join(text.split())
    if not value:
        raise ValueError(f"Enter a date, {_DATE_EXAMPLE}.")
    if match := _ISO_DATE.fullmatch(value):
        year, month, day = match.groups()
        return _make_date(year, int(month), int(day))
    if match := _NUMERIC_DATE.fullmatch(value):
        day, _, month, year = match.groups()
        return _make_date(year, int(month), int(day))
    if match := _NAMED_DATE.fullmatch(value):
        day, month_name, year = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(f"{month_name} is not a month; enter a date {_DATE_EXAMPLE}.")
        return _make_date(year, month, int(day))
    raise ValueError(f"Enter the date day first, {_DATE_EXAMPLE}.")


def format_date(value: date) -> str:
    """Day first with 4-digit year, 31/03/2025, as UK forms expect."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def validate_date_order(
    earlier: date | None, later: date | None, earlier_label: str, later_label: str
) -> str | None:
    """Check that `later` is not before `earlier`; labels are lower-case ("expiry date")."""
    if earlier is None or later is None or later >= earlier:
        return None
    return (
        f"The {later_label} ({format_date(later)}) is before the {earlier_label} "
        f"({format_date(earlier)})."
    )


def validate_not_future(d: date | None, label: str, today: date | None = None) -> str | None:
    """Refuse a future date for things that have already happened, such as a registration."""
    if d is None:
        return None
    if d > (today or date.today()):
        return f"The {label} ({format_date(d)}) is in the future; check the day, month and year."
    return None


# --------------------------------------------------------------------------------------------
# Counts

#: Counts (employees, volunteers) must be below this: larger values are typing slips.
MAXIMUM_COUNT: Final = 10_000_000
_COUNT_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+", re.ASCII)


def parse_count(text: str) -> int:
    """Read a whole number of people; commas between thousands are allowed."""
    value = text.strip()
    if not value:
        raise ValueError("Enter a whole number, such as 12 or 1,250.")
    if value.startswith(_MINUS_SIGNS):
        raise ValueError("A count cannot be negative; enter 0 or more.")
    if not _COUNT_RE.fullmatch(value):
        if re.fullmatch(r"[0-9,]*\.[0-9]*", value, re.ASCII):
            raise ValueError("Enter a whole number, without decimals, such as 12 or 1,250.")
        if re.fullmatch(r"[0-9,]+", value, re.ASCII):
            raise ValueError("Use commas only between groups of 3 digits, such as 1,250.")
        raise ValueError("Enter a whole number using digits, such as 12 or 1,250.")
    count = int(value.replace(",", ""))
    if count >= MAXIMUM_COUNT:
        raise ValueError(f"That number is larger than BidKit accepts ({MAXIMUM_COUNT - 1:,}).")
    return count
