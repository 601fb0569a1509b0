"""The .ics export read back by icalendar and vobject: UIDs, all-day events, DST, alarms."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from bidkit.bids.calendar import CalendarEntry, build_calendar, write_calendar
from bidkit.bids.uktime import parse_deadline, uk_time

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _entries() -> list[CalendarEntry]:
    return [
        CalendarEntry("bid1-deadline-x@bidkit", "Submission deadline: Summer bid",
                      uk_time(date(2026, 7, 1), 12), description="Buyer: Leeds; ref. A,B"),
        CalendarEntry("bid2-deadline-x@bidkit", "Submission deadline: Winter bid",
                      uk_time(date(2026, 1, 15), 12)),
        CalendarEntry("bid3-deadline-x@bidkit", "Submission deadline: Day-only bid",
                      parse_deadline("2026-03-29"), all_day=True),
    ]  # fmt: skip


def test_icalendar_reads_times_in_london_and_all_day_events() -> None:
    data = build_calendar(_entries(), now=NOW)
    assert b"\r\n" in data and b"BEGIN:VTIMEZONE" in data
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    summer = events["bid1-deadline-x@bidkit"].decoded("DTSTART")
    assert summer.astimezone(UTC) == datetime(2026, 7, 1, 11, 0, tzinfo=UTC)  # BST
    winter = events["bid2-deadline-x@bidkit"].decoded("DTSTART")
    assert winter.astimezone(UTC) == datetime(2026, 1, 15, 12, 0, tzinfo=UTC)  # GMT
    day = events["bid3-deadline-x@bidkit"]
    # The day the clocks change: still that day, all day, with an exclusive end.
    assert day.decoded("DTSTART") == date(2026, 3, 29)
    assert day.decoded("DTEND") == date(2026, 3, 30)
    for event in events.values():
        assert event.decoded("DTSTAMP") == NOW
        triggers = sorted(a.decoded("TRIGGER") for a in event.walk("VALARM"))
        assert triggers == [timedelta(days=-7), timedelta(days=-1)]


def test_vobject_reads_the_same_calendar() -> None:
    data = build_calendar(_entries(), now=NOW).decode("utf-8")
    calendar = vobject.readOne(data)
    events = {e.uid.value: e for e in calendar.vevent_list}
    assert len(events) == 3
    summer = events["bid1-deadline-x@bidkit"].dtstart.value
    assert summer.utcoffset() == timedelta(hours=1)
    assert summer.astimezone(UTC) == datetime(2026, 7, 1, 11, 0, tzinfo=UTC)
    winter = events["bid2-deadline-x@bidkit"].dtstart.value
    assert winter.utcoffset() == timedelta(0)
    assert events["bid3-deadline-x@bidkit"].dtstart.value == date(2026, 3, 29)
    assert events["bid1-deadline-x@bidkit"].description.value == "Buyer: Leeds; ref. A,B"
    assert len(events["bid1-deadline-x@bidkit"].valarm_list) == 2


def test_one_event_per_uid_and_reminder_days_follow_the_settings() -> None:
    entries = [*_entries(), _entries()[0]]
    calendar = icalendar.Calendar.from_ical(build_calendar(entries, reminder_days=(14,), now=NOW))
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    assert [a.decoded("TRIGGER") for a in events[0].walk("VALARM")] == [timedelta(days=-14)]


def test_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.ics"
    assert write_calendar(target, _entries(), now=NOW) == 3
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.ics"]


@pytest.mark.parametrize("hour", [0, 1, 23])
def test_times_around_midnight_stay_on_their_uk_day(hour: int) -> None:
    entry = CalendarEntry("u@bidkit", "S", uk_time(date(2026, 10, 25), hour))
    event = icalendar.Calendar.from_ical(build_calendar([entry], now=NOW)).walk("VEVENT")[0]
    assert event.decoded("DTSTART").date() == date(2026, 10, 25)
    assert event.decoded("DTSTART").hour == hour
