"""A partner's profile facts in a reply (insurance, turnover, accreditations), field by field.

Each fact has a stable key ("insurance:public_liability.cover", "turnover:2025-03-31",
"accreditation:Cyber Essentials.expires_on"), a label a lead can read and a plain string value
(money as a decimal string, dates as ISO dates), so the lead's copy of the partner's profile
can be compared with the reply and updated one accepted field at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from bidkit.model.enums import InsuranceType
from bidkit.profile.values import format_date, format_money
from bidkit.store.queries import ProfileData

INSURANCE_FIELDS = ("cover", "insurer", "expires_on")
ACCREDITATION_FIELDS = ("awarding_body", "expires_on")


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value).strip()


def _insurance_label(kind: str) -> str:
    try:
        return InsuranceType(kind).label
    except ValueError:
        return kind.replace("_", " ").capitalize()


def facts_of(profile: ProfileData) -> list[dict[str, str]]:
    """The facts a reply offers from one organisation's profile."""
    facts: list[dict[str, str]] = []
    for row in profile.rows("insurance"):
        kind = str(row.get("insurance_type") or "")
        for name in INSURANCE_FIELDS:
            facts.append(
                {
                    "key": f"insurance:{kind}.{name}",
                    "label": f"{_insurance_label(kind)}: {name.replace('_', ' ')}",
                    "value": _plain(row.get(name)),
                }
            )
    for row in profile.rows("financial_years"):
        if row.get("year_end") is None:
            continue
        year_end = _plain(row.get("year_end"))
        facts.append(
            {
                "key": f"turnover:{year_end}",
                "label": f"Turnover, year ending {format_date(row['year_end'])}",
                "value": _plain(row.get("turnover")),
            }
        )
    for row in profile.rows("accreditations"):
        name = str(row.get("name") or "").strip()
        if not name:
            continue
        for field in ACCREDITATION_FIELDS:
            facts.append(
                {
                    "key": f"accreditation:{name}.{field}",
                    "label": f"{name}: {field.replace('_', ' ')}",
                    "value": _plain(row.get(field)),
                }
            )
    return [f for f in facts if f["value"]]


def display(key: str, value: str) -> str:
    """A fact's value as the lead reads it (money with £, dates as 3 Dec 2026)."""
    if not value:
        return "—"
    try:
        if key.endswith(".cover") or key.startswith("turnover:"):
            return format_money(Decimal(value), drop_zero_pence=True)
        if key.endswith(".expires_on"):
            return format_date(date.fromisoformat(value))
    except (ArithmeticError, ValueError):
        return value
    return value


def parse_key(key: str) -> tuple[str, str, str] | None:
    """("insurance", type, field), ("turnover", year end, "turnover") or ("accreditation",
    name, field); None for a key BidKit does not offer."""
    kind, _, rest = key.partition(":")
    if kind == "turnover":
        try:
            date.fromisoformat(rest)
        except ValueError:
            return None
        return kind, rest, "turnover"
    subject, _, name = rest.rpartition(".")
    if kind == "insurance" and name in INSURANCE_FIELDS and subject:
        return kind, subject, name
    if kind == "accreditation" and name in ACCREDITATION_FIELDS and 0 < len(subject) <= 200:
        return kind, subject, name
    return None


def parse_value(key: str, text: str) -> Any:
    """The typed value of an offered fact; ValueError when it is not one."""
    if key.endswith(".cover") or key.startswith("turnover:"):
        amount = Decimal(text)
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
            raise ValueError(text)
        return amount
    if key.endswith(".expires_on"):
        return date.fromisoformat(text)
    return text.strip()[:300]


def well_formed(key: str, value: str) -> bool:
    if parse_key(key) is None:
        return False
    try:
        parse_value(key, value)
    except (ArithmeticError, ValueError):
        return False
    return True


def diff_facts(mine: Iterable[Mapping[str, str]], offered: Iterable[Any]) -> list[dict[str, str]]:
    """The offered facts that differ from the lead's copy: key, label, mine, theirs."""
    held = {f["key"]: f["value"] for f in mine}
    changes = []
    for fact in offered:
        if not isinstance(fact, dict):
            continue
        key, value = str(fact.get("key", "")), str(fact.get("value", ""))[:500]
        if not well_formed(key, value) or held.get(key, "") == value:
            continue
        changes.append(
            {
                "key": key,
                "label": str(fact.get("label", key))[:200],
                "mine": held.get(key, ""),
                "theirs": value,
            }
        )
    return changes
