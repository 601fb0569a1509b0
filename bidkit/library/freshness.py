"""Stale and expiring evidence: what should not go into a bid without a second look.

An item is *stale* once its review date has passed. It is *expiring* when its expiry date (a
certificate's or policy's end date) is within `EXPIRING_DAYS` of today, or already past, when it
is *expired*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

EXPIRING_DAYS = 60


@dataclass(frozen=True)
class Freshness:
    stale: bool
    expiring: bool
    expired: bool

    @property
    def flagged(self) -> bool:
        return self.stale or self.expiring

    def describe(self, review_on: date | None, expires_on: date | None) -> str:
        """A short plain-English flag, or "" when the item is current."""
        parts: list[str] = []
        if self.expired and expires_on is not None:
            parts.append(f"expired {expires_on:%d %b %Y}")
        elif self.expiring and expires_on is not None:
            parts.append(f"expires {expires_on:%d %b %Y}")
        if self.stale and review_on is not None:
            parts.append(f"review was due {review_on:%d %b %Y}")
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]


def is_stale(review_on: date | None, today: date) -> bool:
    return review_on is not None and review_on < today


def is_expired(expires_on: date | None, today: date) -> bool:
    return expires_on is not None and expires_on < today


def is_expiring(expires_on: date | None, today: date, days: int = EXPIRING_DAYS) -> bool:
    return expires_on is not None and expires_on <= expiring_cutoff(today, days)


def expiring_cutoff(today: date, days: int = EXPIRING_DAYS) -> date:
    return today + timedelta(days=days)


#: An item without review or expiry dates (most items): nothing to flag.
_NO_DATES = Freshness(stale=False, expiring=False, expired=False)


def freshness(
    review_on: date | None, expires_on: date | None, today: date, days: int = EXPIRING_DAYS
) -> Freshness:
    if review_on is None and expires_on is None:
        return _NO_DATES
    return Freshness(
        stale=is_stale(review_on, today),
        expiring=is_expiring(expires_on, today, days),
        expired=is_expired(expires_on, today),
    )
