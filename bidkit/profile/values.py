"""Reading and showing amounts, dates, deadlines and counts the UK way: the one place for it.

Pure Python, used by every part of BidKit (profile fields, bids, questionnaires, exports, the
command line) so that a value is read and shown the same way everywhere. Each `parse_*`
function turns text into a typed value or raises `ValueError` with a message the user can act
on; it refuses empty text, because the caller decides what a blank field means. Money is always
`Decimal`, never float, rounded half-up to the penny; dates are day-first, never US month-first;
deadlines are UK wall-clock time (GMT or BST) stored as UTC.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final
from zoneinfo import ZoneInfo

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


#: Symbols shown before an amount; any other currency is written after it ("1,200.00 CHF").
CURRENCY_SYMBOLS: Final[dict[str, str]] = {"GBP": "£", "EUR": "€", "USD": "$"}


def round_to_pence(amount: Decimal) -> Decimal:
    """The amount rounded half-up to the penny (2.345 -> 2.35), as accounts and forms expect."""
    return amount.quantize(_PENCE, rounding=ROUND_HALF_UP)


def format_amount(amount: Decimal) -> str:
    """An amount without its currency, for a field whose currency is shown beside it:
    12,345.67 (rounded half-up to the penny)."""
    if not amount.is_finite():
        raise ValueError("Only a finite amount can be shown as money.")
    pence = round_to_pence(amount)
    return f"{'-' if pence < 0 else ''}{abs(pence):,.2f}"


def format_money(amount: Decimal, *, currency: str = "GBP", drop_zero_pence: bool = False) -> str:
    """Pounds with thousands separators and pence: £12,345.67, and -£1,200.00 for a deficit.

    `drop_zero_pence` shows a whole amount without pence (£450,000), for estimates and
    contract values; an amount with pence keeps them.
    """
    if not amount.is_finite():
        raise ValueError("Only a finite amount can be shown as money.")
    pence = round_to_pence(amount)
    sign = "-" if pence < 0 else ""
    number = f"{abs(pence):,.2f}"
    if drop_zero_pence:
        number = number.removesuffix(".00")
    code = currency.strip().upper() or "GBP"
    symbol = CURRENCY_SYMBOLS.get(code)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {code}"


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


#: Dates and moments (deadlines, key dates, notices) outside these years are refused: a year
#: such as 0001 or 9999 stands for "unknown" in other systems and breaks calendars and sorting.
FIRST_YEAR, LAST_YEAR = 1990, 2200
#: Plain dates reach further back: an organisation may have been registered in 1890.
FIRST_DATE_YEAR = 1800


def check_moment_year(moment: datetime) -> None:
    """Refuse a moment outside FIRST_YEAR..LAST_YEAR with the range (ValueError)."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(
            f"The year {moment.year} is outside the years BidKit accepts for dates and times "
            f"({FIRST_YEAR} to {LAST_YEAR}); check the date."
        )


def _make_date(year_text: str, month: int, day: int, *, short_year: bool = False) -> date:
    """Build a date, explaining which part is impossible rather than just refusing."""
    if len(year_text) == 2 and short_year:
        year_text = f"20{year_text}"  # deadlines are never in the last century
    if len(year_text) == 2:
        raise ValueError(
            f"Write the year in full (4 digits), such as 31/03/2025 rather than 31/03/{year_text}."
        )
    if len(year_text) != 4 or year_text.startswith("0"):
        raise ValueError(f"The year should be 4 digits; enter a date {_DATE_EXAMPLE}.")
    year = int(year_text)
    if not FIRST_DATE_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"The year {year} is outside the years BidKit accepts ({FIRST_DATE_YEAR} to "
            f"{LAST_YEAR}); check the date."
        )
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


def parse_date(text: str, *, short_year: bool = False) -> date:
    """Read a UK date: day first (31/03/2025, 31-03-2025, 31.03.2025, 31 March 2025) or ISO.

    `short_year` reads a 2-digit year as this century (15/3/27 is 15 March 2027), for dates
    that lie ahead such as deadlines; elsewhere a 2-digit year is refused as ambiguous.
    """
    value = " ".join(text.split())
    if not value:
        raise ValueError(f"Enter a date, {_DATE_EXAMPLE}.")
    if match := _ISO_DATE.fullmatch(value):
        year, month, day = match.groups()
        return _make_date(year, int(month), int(day))
    if match := _NUMERIC_DATE.fullmatch(value):
        day, _, month, year = match.groups()
        return _make_date(year, int(month), int(day), short_year=short_year)
    if match := _NAMED_DATE.fullmatch(value):
        day, month_name, year = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(f"{month_name} is not a month; enter a date {_DATE_EXAMPLE}.")
        return _make_date(year, month, int(day), short_year=short_year)
    raise ValueError(f"Enter the date day first, {_DATE_EXAMPLE}.")


def format_date(value: date) -> str:
    """Day first with 4-digit year, 31/03/2025, as UK forms expect."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_long_date(value: date) -> str:
    """The date written out for documents: 31 March 2025 (English month names, any locale)."""
    return f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year}"


def format_short_date(value: date) -> str:
    """The date written short for labels and lists: 3 Dec 2026 (English month names)."""
    return f"{value.day} {_MONTH_NAMES[value.month - 1][:3]} {value.year}"


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
# Deadlines: a date and time in the UK

#: UK time: GMT in winter, BST (GMT+1) in summer. Deadlines are stored in UTC and shown in it.
UK: Final = ZoneInfo("Europe/London")
#: A deadline given as a day alone means the end of that UK day.
END_OF_DAY: Final = time(23, 59, 59)
_DATETIME_EXAMPLE: Final = "such as 15/03/2027 12:00, 15/3/27 5pm or 2027-03-15 12:00"
_ZONES: Final[dict[str, timedelta]] = {
    "gmt": timedelta(0), "utc": timedelta(0), "z": timedelta(0), "bst": timedelta(hours=1),
}  # fmt: skip
_ISO_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?",
    re.ASCII | re.IGNORECASE,
)
_TIME_AT_END = re.compile(
    r"(?:^|[\sT,]|\bat\b)\s*"
    r"(?P<time>(?P<hour>[0-9]{1,2})(?:[:.](?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?)?"
    r"\s*(?P<half>[ap]\.?m\.?)?|noon|midday|midnight)"
    r"\s*(?P<zone>gmt|bst|utc|z|[+-][0-9]{2}:?[0-9]{2})?$",
    re.ASCII | re.IGNORECASE,
)


@dataclass(frozen=True)
class Moment:
    """A point in time read from what someone typed.

    `at` is in UTC; `all_day` means a day was given alone (`at` is the end of that UK day);
    `note` explains a choice BidKit made, such as which of two 01:30s it took.
    """

    at: datetime
    all_day: bool = False
    note: str = ""


def _read_clock(match: re.Match[str]) -> time:
    """The time of day in a `_TIME_AT_END` match, refusing impossible or ambiguous times."""
    word = match.group("time").lower()
    if word in {"noon", "midday"}:
        return time(12, 0)
    if word == "midnight":
        raise ValueError(
            "Midnight is ambiguous: enter 00:00 for the start of the day, or the date alone "
            "for the end of it (23:59:59)."
        )
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    second = int(match.group("second") or 0)
    half = (match.group("half") or "").replace(".", "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{match.group('time')} is not a time; with am or pm use 1 to 12.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match.group("minute") is None:
        # A bare number after a date ("15/03/2027 12") is more likely a slip than a time.
        raise ValueError(f"Give the time with minutes or am/pm, {_DATETIME_EXAMPLE}.")
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{match.group('time')} is not a time of day; use 00:00 to 23:59.")
    return time(hour, minute, second)


def _exists_in_uk(wall: datetime) -> bool:
    """Whether this wall-clock time happens in the UK (not skipped when the clocks go forward)."""
    there_and_back = wall.replace(tzinfo=UK).astimezone(UTC).astimezone(UK)
    return there_and_back.replace(tzinfo=None) == wall


def _is_twice_in_uk(wall: datetime) -> bool:
    """Whether this wall-clock time happens twice (the hour repeated when the clocks go back)."""
    first = wall.replace(tzinfo=UK, fold=0).utcoffset()
    second = wall.replace(tzinfo=UK, fold=1).utcoffset()
    return first != second and _exists_in_uk(wall)


def _clock(value: datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _refuse_gap(wall: datetime) -> None:
    start = wall.replace(second=0)
    while not _exists_in_uk(start - timedelta(minutes=1)):
        start -= timedelta(minutes=1)
    # The first existing minute before the gap, converted forward, shows where the clocks land.
    before = (start - timedelta(minutes=1)).replace(tzinfo=UK)
    landing = (before.astimezone(UTC) + timedelta(minutes=1)).astimezone(UK)
    raise ValueError(
        f"{_clock(wall)} on {format_date(wall.date())} does not exist in the UK: the clocks go "
        f"forward at {_clock(start)} {before.tzname()} straight to {_clock(landing)} "
        f"{landing.tzname()}. Enter a time before {_clock(start)} or from {_clock(landing)}."
    )


def _with_zone(wall: datetime, zone: str) -> datetime:
    """Wall-clock time with the zone the user typed: GMT/BST must be the UK's on that date."""
    key = zone.lower()
    if key in _ZONES:
        offset = _ZONES[key]
    else:
        sign = -1 if key.startswith("-") else 1
        digits = key[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if abs(offset) >= timedelta(hours=24):
            raise ValueError(f"{zone} is not a time-zone offset; use one such as +01:00.")
    moment = wall.replace(tzinfo=timezone(offset))
    if key in {"gmt", "bst"}:
        local = moment.astimezone(UK)
        if local.replace(tzinfo=None) != wall or local.tzname() != key.upper():
            season = "British Summer Time (BST)" if key == "gmt" else "Greenwich Mean Time (GMT)"
            raise ValueError(
                f"On {format_date(wall.date())} the UK is on {season}, not {key.upper()}; "
                "leave the zone out to mean UK time."
            )
    return moment.astimezone(UTC)


def parse_datetime(text: str) -> Moment:
    """Read a deadline typed the UK way (see `_parse_moment`), within the accepted years."""
    try:
        moment = _parse_moment(text)
    except OverflowError:  # a year so far off that the time zone cannot be applied
        raise ValueError(
            f"That date is outside the years BidKit accepts ({FIRST_YEAR} to {LAST_YEAR})."
        ) from None
    check_moment_year(moment.at)
    return moment


def _parse_moment(text: str) -> Moment:
    """Read a deadline typed the UK way, in UK time unless a zone or offset is given.

    Accepts a UK or ISO date (see `parse_date`; a 2-digit year is this century) followed by a
    time (12:00, 12.00, 5pm, 5:30 pm, noon), optionally after "T", a comma or "at", and
    optionally a zone (GMT, BST, UTC, Z, +01:00). A date alone means the end of that UK day.
    A time skipped when the clocks go forward is refused with the reason; a time that happens
    twice when they go back is taken as the first (BST), and `note` says so.
    """
    value = " ".join(text.split())
    if not value:
        raise ValueError(f"Enter a date and time, {_DATETIME_EXAMPLE}.")
    if _ISO_MOMENT.fullmatch(value):  # what other programs write: 2027-03-15T12:00:00.000Z
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        if moment.tzinfo is not None:
            return Moment(moment.astimezone(UTC))
        return _uk_wall_time(moment.replace(microsecond=0), None)
    match = _TIME_AT_END.search(value)
    date_text = value[: match.start()].strip().rstrip(",").strip() if match else value
    if date_text.lower().endswith(" at"):
        date_text = date_text[:-3].strip()
    if match is None or not date_text:
        try:
            day = parse_date(value, short_year=True)
        except ValueError as exc:
            if str(exc).startswith("Enter"):  # nothing recognisable: show what is
                raise ValueError(
                    f"Enter the date day first and then the time, {_DATETIME_EXAMPLE}; a date "
                    "alone means the end of that day."
                ) from None
            raise
        end = datetime.combine(day, END_OF_DAY)
        return Moment(end.replace(tzinfo=UK).astimezone(UTC), all_day=True)
    day = parse_date(date_text, short_year=True)
    return _uk_wall_time(datetime.combine(day, _read_clock(match)), match.group("zone"))


def _uk_wall_time(wall: datetime, zone: str | None) -> Moment:
    """The moment a UK wall-clock time (with the zone typed, if any) stands for."""
    day = wall.date()
    if zone and zone.lower() not in {"gmt", "bst"}:
        return Moment(_with_zone(wall, zone))
    if not _exists_in_uk(wall):
        _refuse_gap(wall)
    if zone:
        return Moment(_with_zone(wall, zone))
    if _is_twice_in_uk(wall):
        first = wall.replace(tzinfo=UK, fold=0)
        second = wall.replace(tzinfo=UK, fold=1)
        note = (
            f"{_clock(wall)} happens twice on {format_date(day)} because the clocks go back; "
            f"BidKit took the first, {_clock(wall)} {first.tzname()}. Type "
            f"{_clock(wall)} {second.tzname()} for the second."
        )
        return Moment(first.astimezone(UTC), note=note)
    return Moment(wall.replace(tzinfo=UK).astimezone(UTC))


def uk_wall_time(moment: datetime) -> datetime:
    """A stored moment as UK local time (a naive UTC value is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UK)


def format_datetime(
    moment: datetime, *, all_day: bool = False, day_only_text: str = "", seconds: bool = False
) -> str:
    """A moment in UK time, day first: 15/03/2027 12:00 (12:00:05 with `seconds`, for moments
    a minute apart or less, such as backups).

    For a day given alone (`all_day`) the date, followed by `day_only_text` if given (such as
    "end of day"). A time that happens twice in the UK carries its zone, 01:30 BST, so the
    text reads back to the same moment.
    """
    local = uk_wall_time(moment)
    if all_day:
        return f"{format_date(local.date())} {day_only_text}".strip()
    clock = f"{_clock(local)}:{local.second:02d}" if seconds else _clock(local)
    text = f"{format_date(local.date())} {clock}"
    if _is_twice_in_uk(local.replace(tzinfo=None)):
        text += f" {local.tzname()}"
    return text


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
        raise ValueError(
            f"That number is larger than BidKit accepts ({format_number(MAXIMUM_COUNT - 1)})."
        )
    return count


def format_number(value: int | Decimal) -> str:
    """A number with thousands separators: 1,250; a fraction keeps its digits: 1,250.5."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("Only a finite number can be shown.")
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value.normalize():,f}"
    return f"{value:,}"


def format_count(count: int, singular: str, plural: str | None = None) -> str:
    """How many of something: "1 item", "2 items", "1,250 people" (pass irregular plurals)."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{format_number(count)} {noun}"
