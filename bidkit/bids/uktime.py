"""Dates and times as UK buyers mean them.

Deadlines are stored in UTC and shown in UK time (GMT, or BST in summer). A deadline given as a
date without a time means the end of that day in the UK.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bidkit.errors import InputRefused

UK = ZoneInfo("Europe/London")
END_OF_DAY = time(23, 59, 59)


def uk_time(day: date, hour: int, minute: int = 0) -> datetime:
    """`hour:minute` on `day` in UK time, as a UTC datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=UK).astimezone(UTC)


def parse_deadline(text: str) -> datetime:
    """An ISO 8601 date or date-time as a UTC datetime.

    With an offset or "Z" it is taken as given; without one it is UK local time; a date alone
    is the end of that day in the UK.
    """
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), END_OF_DAY, tzinfo=UK).astimezone(
                UTC
            )
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputRefused(
            f"'{text}' is not a date BidKit understands. Give it as 2026-03-31 (end of that "
            "day) or 2026-03-31T12:00 (UK time), or with an offset like 2026-03-31T12:00+01:00."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UK)
    return moment.astimezone(UTC)


def show_uk(moment: datetime) -> str:
    """A UTC moment as UK local text: "31/03/2026 12:00"."""
    return moment.astimezone(UK).strftime("%d/%m/%Y %H:%M")
