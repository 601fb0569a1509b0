"""Dates and times as UK buyers mean them.

Deadlines are stored in UTC and shown in UK time (GMT, or BST in summer). A deadline given as a
date without a time means the end of that day in the UK. Reading and showing them is done by
`bidkit.profile.values`, the one place for values; this module adapts it for the bids code.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bidkit.errors import InputRefused
from bidkit.profile.values import END_OF_DAY, UK, Moment, format_datetime, parse_datetime

__all__ = ["END_OF_DAY", "UK", "parse_deadline", "read_deadline", "show_uk", "uk_time"]


def uk_time(day: date, hour: int, minute: int = 0) -> datetime:
    """`hour:minute` on `day` in UK time, as a UTC datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=UK).astimezone(UTC)


def read_deadline(text: str) -> Moment:
    """A deadline as typed (15/03/2027 12:00, 2027-03-15T12:00+01:00, a date alone...).

    Refuses unreadable text, or a UK time skipped when the clocks go forward, with
    `InputRefused` saying what a right value looks like.
    """
    try:
        return parse_datetime(text)
    except ValueError as exc:
        raise InputRefused(f"'{text.strip()}' is not a deadline BidKit can use. {exc}") from None


def parse_deadline(text: str) -> datetime:
    """A deadline as typed, as a UTC datetime (see `read_deadline`)."""
    return read_deadline(text).at


def show_uk(moment: datetime) -> str:
    """A UTC moment as UK local text: "31/03/2026 12:00"."""
    return format_datetime(moment)
