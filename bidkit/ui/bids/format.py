"""How bid values look on screen: UK dates and times, money, statuses."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime

UK = ZoneInfo("Europe/London")
END_OF_DAY = time(23, 59, 59)
SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def show_moment(moment: datetime | None, all_day: bool = False) -> str:
    """'17/02/2020 end of day' or '11/05/2017 14:30' in UK time; '' for None."""
    if moment is None:
        return ""
    local = moment.astimezone(UK)
    if all_day:
        return local.strftime("%d/%m/%Y") + " end of day"
    return local.strftime("%d/%m/%Y %H:%M")


def show_day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def show_money(value: Decimal | None, currency: str) -> str:
    if value is None:
        return ""
    symbol = SYMBOLS.get(currency.upper())
    whole = value == value.to_integral_value()
    amount = f"{value:,.0f}" if whole else f"{value:,.2f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def remaining(moment: datetime, now: datetime | None = None) -> str:
    """'in 3 days', 'in 5 hours', '2 days ago'."""
    now = now or datetime.now(UTC)
    delta = moment - now
    past = delta < timedelta(0)
    delta = abs(delta)
    if delta < timedelta(hours=1):
        text = "less than an hour"
    elif delta < timedelta(days=1):
        hours = int(delta.total_seconds() // 3600)
        text = f"{hours} hour{'s' if hours != 1 else ''}"
    else:
        text = f"{delta.days} day{'s' if delta.days != 1 else ''}"
    return f"{text} ago" if past else f"in {text}"


def to_qdatetime(moment: datetime | None) -> QDateTime:
    """A UTC moment as the UK wall-clock time in a QDateTime (no time zone games in Qt)."""
    local = (moment or datetime.now(UTC)).astimezone(UK)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime, all_day: bool) -> datetime:
    """UK wall-clock time from an editor as UTC; all day means the end of that day."""
    day = value.date()
    clock = value.time()
    wall = END_OF_DAY if all_day else time(clock.hour(), clock.minute())
    return datetime.combine(date(day.year(), day.month(), day.day()), wall, tzinfo=UK).astimezone(
        UTC
    )


def to_qdate(day: date | None) -> QDate:
    day = day or date.today()
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
