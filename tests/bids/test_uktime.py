"""Deadlines in UK time: summer time, end-of-day dates, offsets."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bidkit.bids.uktime import parse_deadline, read_deadline, show_uk, uk_time
from bidkit.errors import InputRefused


def test_uk_time_follows_british_summer_time() -> None:
    assert uk_time(date(2025, 1, 15), 12) == datetime(2025, 1, 15, 12, tzinfo=UTC)
    assert uk_time(date(2025, 7, 15), 12) == datetime(2025, 7, 15, 11, tzinfo=UTC)
    # Summer time starts at 01:00 UTC on the last Sunday of March: noon that day is BST.
    assert uk_time(date(2025, 3, 30), 12) == datetime(2025, 3, 30, 11, tzinfo=UTC)
    # ... and ends at 01:00 UTC on the last Sunday of October: noon that day is GMT.
    assert uk_time(date(2025, 10, 26), 12) == datetime(2025, 10, 26, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-31", datetime(2026, 1, 31, 23, 59, 59, tzinfo=UTC)),  # end of the day, GMT
        ("2026-06-30", datetime(2026, 6, 30, 22, 59, 59, tzinfo=UTC)),  # end of the day, BST
        ("2026-06-30T12:00", datetime(2026, 6, 30, 11, 0, tzinfo=UTC)),  # UK local time
        ("2026-06-30T12:00:00Z", datetime(2026, 6, 30, 12, 0, tzinfo=UTC)),
        ("2026-06-30T12:00+01:00", datetime(2026, 6, 30, 11, 0, tzinfo=UTC)),
    ],
)
def test_parse_deadline(text: str, expected: datetime) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/01/2026", datetime(2026, 1, 31, 23, 59, 59, tzinfo=UTC)),  # UK order, end of day
        ("15/03/2027 12:00", datetime(2027, 3, 15, 12, 0, tzinfo=UTC)),
        ("15/6/27 5pm", datetime(2027, 6, 15, 16, 0, tzinfo=UTC)),
    ],
)
def test_deadline_typed_the_uk_way(text: str, expected: datetime) -> None:
    assert parse_deadline(text) == expected


def test_a_day_alone_is_an_all_day_deadline() -> None:
    assert read_deadline("15/3/27").all_day
    assert not read_deadline("15/3/27 09:00").all_day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("tomorrow", "15/03/2027 12:00"),
        ("", "15/03/2027 12:00"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("28/03/2027 01:30", "clocks go forward"),
    ],
)
def test_unusable_deadline_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(InputRefused, match=reason):
        parse_deadline(text)


def test_show_uk() -> None:
    assert show_uk(datetime(2026, 6, 30, 11, 0, tzinfo=UTC)) == "30/06/2026 12:00"
