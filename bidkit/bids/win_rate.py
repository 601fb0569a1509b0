"""The share of decided bids that were won, overall and year by year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class WinRate:
    label: str
    won: int
    lost: int

    @property
    def decided(self) -> int:
        return self.won + self.lost

    @property
    def rate(self) -> float | None:
        return self.won / self.decided if self.decided else None


def win_rates(outcomes: Iterable[tuple[date | None, bool]], today: date) -> list[WinRate]:
    """Overall, the last 12 months, then each calendar year (newest first).

    `outcomes` are (date decided, won). Outcomes without a date count only in the total.
    """
    listed = list(outcomes)
    total = WinRate("All time", sum(w for _, w in listed), sum(not w for _, w in listed))
    year_ago = (
        today.replace(year=today.year - 1)
        if not (today.month == 2 and today.day == 29)
        else today.replace(year=today.year - 1, day=28)
    )
    recent = [(d, w) for d, w in listed if d is not None and d > year_ago]
    rows = [total, WinRate("Last 12 months", sum(w for _, w in recent),
                           sum(not w for _, w in recent))]  # fmt: skip
    years = sorted({d.year for d, _ in listed if d is not None}, reverse=True)
    for year in years:
        in_year = [w for d, w in listed if d is not None and d.year == year]
        rows.append(WinRate(str(year), sum(in_year), len(in_year) - sum(in_year)))
    return rows
