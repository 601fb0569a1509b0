"""Column types shared by the table classes."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Dialect, String, TypeDecorator

PENNY = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """A Decimal amount in pounds, rounded to whole pence."""
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


class Money(TypeDecorator[Decimal]):
    """Pounds and pence as `Decimal`, stored as whole pence in an integer column (never float)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int(to_money(value) * 100)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(PENNY)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored as ISO 8601 text in UTC, read back timezone-aware."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(str(value)).astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)
