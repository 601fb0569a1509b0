"""How profile values read on screen, how typed text becomes a value, and what is wrong.

Shared by the form editors, the row tables and the cell delegate; no widgets here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from bidkit.profile.catalogue import FieldSpec
from bidkit.profile.validation import (
    CHECKS,
    format_date,
    format_money,
    parse_count,
    parse_date,
    parse_money,
    validate_amount,
    validate_not_future,
)


def display_text(spec: FieldSpec, value: Any) -> str:
    """How a stored value reads on screen (also used by the row tables)."""
    if value is None or value == "":
        return ""
    if spec.kind == "date" and isinstance(value, date):
        return format_date(value)
    if spec.kind == "money" and isinstance(value, Decimal | int):
        return format_money(Decimal(value))
    if spec.kind == "count" and isinstance(value, int):
        return f"{value:,}"
    if spec.kind == "choice":
        return spec.choice_label(str(value))
    if spec.kind in ("bool", "yesno"):
        yes = QCoreApplication.translate("FieldEditor", "Yes")
        return yes if value else QCoreApplication.translate("FieldEditor", "No")
    return str(value)


def value_problem(spec: FieldSpec, value: Any) -> str | None:
    """A reason a readable value is still not right (saved anyway, so nothing is lost)."""
    if spec.check and isinstance(value, str) and value.strip():
        return CHECKS[spec.check](value)
    if spec.kind == "date" and spec.past_only and isinstance(value, date):
        return validate_not_future(value, spec.label.lower())
    return None


def parse_text(spec: FieldSpec, text: str) -> Any:
    """Turn typed text into the field's value; raises ValueError with a message to show."""
    stripped = text.strip()
    if spec.kind in ("text", "file"):
        return stripped
    if spec.kind == "multiline":
        return text.rstrip()
    if not stripped:
        return None
    if spec.kind == "date":
        return parse_date(stripped)
    if spec.kind == "count":
        return parse_count(stripped)
    if spec.kind == "money":
        amount = parse_money(stripped)
        problem = validate_amount(amount, allow_negative=spec.allow_negative, label=spec.label)
        if problem:
            raise ValueError(problem)
        return amount
    return stripped
