"""Table answers' cells as a person edits them: on the answer page and in a partner's Word form.

Stored cells keep the forms' shapes (ISO dates, pounds with two decimals, whole numbers,
"yes"/"no"); people read and type them the UK way (31/03/2025, £1,250.00, Yes). Both places
that let someone edit a table use these two functions, so a cell typed in either reads back
the same. (Documents print cells their own way: `bidkit.export.formatting`.)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from bidkit.forms.schema import AnswerType
from bidkit.profile.values import format_date, format_money, parse_count, parse_date, parse_money

#: What a person may type for yes or no; "x" is a ticked box in a Word form.
_YES_NO = {"yes": "yes", "y": "yes", "x": "yes", "no": "no", "n": "no"}


def cell_text(kind: AnswerType | str, value: Any) -> str:
    """A stored cell as a person reads it: 31/03/2025, £1,250.00, Yes."""
    if value is None or value == "":
        return ""
    try:
        if kind == AnswerType.DATE:
            return format_date(date.fromisoformat(str(value)))
        if kind == AnswerType.MONEY:
            return format_money(Decimal(str(value)))
    except (ValueError, InvalidOperation, ArithmeticError):
        return str(value)
    if kind == AnswerType.YES_NO:
        return {"yes": "Yes", "no": "No"}.get(str(value), str(value))
    return str(value)


def parse_cell(kind: AnswerType | str, text: str) -> Any:
    """What a person typed, as the stored cell value (None for an empty cell); ValueError
    says what is wrong, for the caller to show with the column's name."""
    stripped = text.strip()
    if not stripped:
        return None
    if kind == AnswerType.DATE:
        return parse_date(stripped).isoformat()
    if kind == AnswerType.MONEY:
        return f"{parse_money(stripped):.2f}"
    if kind == AnswerType.NUMBER:
        return str(parse_count(stripped.removesuffix("%").strip()))
    if kind == AnswerType.YES_NO:
        answer = _YES_NO.get(stripped.casefold())
        if answer is None:
            raise ValueError("answer Yes or No")
        return answer
    return text.rstrip() if kind == AnswerType.LONG_TEXT else stripped
