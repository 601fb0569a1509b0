"""Which dates fall within the user's warning periods now (default 7 days and 1 day).

Pure: the window checks at start and every 15 minutes, and announces each date once per
warning period; the command line lists the same dates with `bidkit deadlines`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bidkit.profile.values import format_count


@dataclass(frozen=True)
class DueDate:
    """A date that matters on an open bid."""

    bid_id: int
    kind: str  # "deadline" for the submission deadline, else a KeyDateKind value
    label: str  # "Submission deadline", "Clarification questions close", ...
    title: str  # the bid's title
    due: datetime  # UTC
    all_day: bool = False
    key_date_id: int | None = None


@dataclass(frozen=True)
class Reminder:
    date: DueDate
    #: The smallest warning period (in days) the date falls within.
    period: int
    remaining: timedelta

    @property
    def key(self) -> tuple[int, str, int | None, int]:
        """Identifies the announcement, so each period is announced once."""
        return (self.date.bid_id, self.date.kind, self.date.key_date_id, self.period)

    @property
    def days_left(self) -> int:
        return max(0, self.remaining.days)


def due_within(dates: Iterable[DueDate], now: datetime, days: int | None) -> list[DueDate]:
    """Dates not yet passed, due within `days` (all future dates if None), soonest first."""
    horizon = None
    if days is not None:
        try:
            horizon = now + timedelta(days=days)
        except OverflowError:  # more days than a calendar holds: no limit
            horizon = None
    chosen = [d for d in dates if d.due >= now and (horizon is None or d.due <= horizon)]
    return sorted(chosen, key=lambda d: (d.due, d.bid_id, d.kind))


def reminders_due(
    dates: Iterable[DueDate], now: datetime, warning_days: Sequence[int] = (7, 1)
) -> list[Reminder]:
    """Dates within the largest warning period, each with the smallest period it falls in."""
    periods = sorted({d for d in warning_days if d > 0})
    if not periods:
        return []
    found = []
    for date in due_within(dates, now, periods[-1]):
        remaining = date.due - now
        period = next(p for p in periods if remaining <= timedelta(days=p))
        found.append(Reminder(date, period, remaining))
    return found


def describe_remaining(remaining: timedelta) -> str:
    """ "in 3 days", "tomorrow"-style wording for a banner: "in 5 hours", "in 2 days"."""
    hours = int(remaining.total_seconds() // 3600)
    if hours < 1:
        return "within the hour"
    if hours < 24:
        return f"in {format_count(hours, 'hour')}"
    return f"in {format_count(remaining.days, 'day')}"
