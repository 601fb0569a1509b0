"""How bid values look on screen: UK dates and times, money, time remaining.

The text itself comes from `bidkit.profile.values`, the one place that reads and shows values;
these wrappers add what the bid screens need (empty text for a missing value).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate

from bidkit.profile.values import (
    END_OF_DAY,
    UK,
    format_count,
    format_date,
    format_datetime,
    format_money,
)

__all__ = ["END_OF_DAY", "UK", "remaining", "show_day", "show_moment", "show_money"]


def show_moment(moment: datetime | None, all_day: bool = False) -> str:
    """'17/02/2020 end of day' or '11/05/2017 14:30' in UK time; '' for None."""
    if moment is None:
        return ""
    return format_datetime(moment, all_day=all_day, day_only_text="end of day")


def show_day(day: date | None) -> str:
    return format_date(day) if day else ""


def show_money(value: Decimal | None, currency: str) -> str:
    """An estimate or contract value: £450,000, or £450,000.50 when it has pence."""
    if value is None or not value.is_finite():
        return ""
    return format_money(value, currency=currency, drop_zero_pence=True)


def remaining(moment: datetime, now: datetime | None = None) -> str:
    """'in 3 days', 'in 5 hours', '2 days ago'."""
    now = now or datetime.now(UTC)
    delta = moment - now
    past = delta < timedelta(0)
    delta = abs(delta)
    if delta < timedelta(hours=1):
        text = "less than an hour"
    elif delta < timedelta(days=1):
        text = format_count(int(delta.total_seconds() // 3600), "hour")
    else:
        text = format_count(delta.days, "day")
    return f"{text} ago" if past else f"in {text}"


def to_qdate(day: date | None) -> QDate:
    day = day or date.today()
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
