"""Bid dates as an iCalendar (RFC 5545) file that Outlook, Google Calendar and Thunderbird read.

What real clients need (see the project's data-formats notes):
- one VEVENT per UID, and UIDs that stay the same between exports, so importing the file again
  updates the events instead of adding copies;
- DTSTAMP on every event; timed events in Europe/London with its VTIMEZONE block (Outlook is an
  hour out without it);
- a deadline given as a day is an all-day event: DTSTART;VALUE=DATE and an exclusive DTEND of
  the next day;
- reminders as VALARM with negative triggers (default 7 days and 1 day before).

The icalendar library is imported here only, when a calendar is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bidkit.bids.uktime import UK
from bidkit.profile.values import format_count
from bidkit.store.atomic import write_bytes_atomic

PRODID = "-//BidKit//Bid deadlines//EN"
#: How long a timed event lasts in the calendar (a deadline is a moment; clients want a span).
TIMED_EVENT_LENGTH = timedelta(minutes=30)


@dataclass(frozen=True)
class CalendarEntry:
    """One date of one bid."""

    #: Stable id: the same bid and date give the same UID in every export.
    uid: str
    summary: str
    due: datetime  # UTC
    all_day: bool = False
    description: str = ""
    url: str = ""
    last_modified: datetime | None = None


def event_day(entry: CalendarEntry) -> date:
    """The UK calendar day an entry falls on."""
    return entry.due.astimezone(UK).date()


def build_calendar(
    entries: Iterable[CalendarEntry],
    *,
    reminder_days: Sequence[int] = (7, 1),
    now: datetime | None = None,
    name: str = "BidKit deadlines",
) -> bytes:
    """The calendar as bytes (CRLF line endings, lines folded at 75 octets)."""
    from icalendar import Alarm, Calendar, Event

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    listed = list(entries)
    if any(not e.all_day for e in listed):
        calendar.add_component(_london_timezone())
    seen: set[str] = set()
    for entry in sorted(listed, key=lambda e: (e.due, e.uid)):
        if entry.uid in seen:
            continue
        seen.add(entry.uid)
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        if entry.last_modified is not None:
            event.add("last-modified", entry.last_modified.astimezone(UTC).replace(microsecond=0))
        event.add("summary", entry.summary)
        if entry.all_day:
            day = event_day(entry)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            start = entry.due.astimezone(UK).replace(microsecond=0)
            event.add("dtstart", start)
            event.add("dtend", start + TIMED_EVENT_LENGTH)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        for days in sorted(set(reminder_days), reverse=True):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{entry.summary} in {format_count(days, 'day')}")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _london_timezone() -> Any:
    """Europe/London as a compact VTIMEZONE (UK rules since 1996: last Sundays of March and
    October at 01:00 UTC), placed before the events as Outlook expects."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

    zone = Timezone()
    zone.add("tzid", "Europe/London")
    zone.add("x-lic-location", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("tzoffsetfrom", timedelta(hours=0))
    summer.add("tzoffsetto", timedelta(hours=1))
    summer.add("dtstart", datetime(1970, 3, 29, 1, 0))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(hours=0))
    winter.add("dtstart", datetime(1970, 10, 25, 2, 0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def write_calendar(
    target: Path,
    entries: Iterable[CalendarEntry],
    *,
    reminder_days: Sequence[int] = (7, 1),
    now: datetime | None = None,
) -> int:
    """Write the calendar atomically; returns the number of events."""
    listed = list(entries)
    data = build_calendar(listed, reminder_days=reminder_days, now=now)
    write_bytes_atomic(target, data)
    return len({e.uid for e in listed})
