"""UK formats for answers, and light text formatting turned into document blocks.

Money is shown as £1,234.50 and dates as 31 March 2026 (the text comes from
`bidkit.profile.values`, the one place for values). Long answers are paragraphs separated by
blank lines, "- " (or "• ", "* ") bullet lines, **bold** and *italic*, as the answer editor
and the evidence library write them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from bidkit.export.ir import Block, BulletList, Paragraph, Run
from bidkit.profile.values import format_long_date, format_money, format_number

_BULLET = re.compile(r"^\s*[-•*–]\s+")
_INLINE = re.compile(r"\*\*(.+?)\*\*|(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


def uk_date(value: Any) -> str:
    """'2026-03-31' (or a date) -> '31 March 2026'; text that is not a date is kept as it is."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        text = value
        try:
            value = date.fromisoformat(text.strip()[:10])  # answers store dates as ISO
        except ValueError:
            return text
    if isinstance(value, date):
        return format_long_date(value)
    return "" if value is None else str(value)


def _stored_number(value: Any) -> Decimal | None:
    """A number as answers store it ("1234.5", "1,234.50", "£20"); None if it is not one."""
    try:
        number = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def uk_money(value: Any) -> str:
    """'1234.5' -> '£1,234.50'; '-20' -> '-£20.00'; text that is not an amount is kept."""
    if value is None or value == "":
        return ""
    amount = _stored_number(value)
    return str(value) if amount is None else format_money(amount)


def uk_number(value: Any) -> str:
    """'1250' -> '1,250'; text that is not a number is kept."""
    if value is None:
        return ""
    number = _stored_number(value) if not isinstance(value, bool) else None
    return str(value) if number is None else format_number(number)


def yes_no(value: Any) -> str:
    text = str(value).strip().casefold() if value is not None else ""
    return {"yes": "Yes", "no": "No", "true": "Yes", "false": "No"}.get(text, str(value or ""))


def inline_runs(text: str) -> tuple[Run, ...]:
    """Split **bold** and *italic* markers into runs; unmatched asterisks stay as text."""
    runs: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()]))
        if match.group(1) is not None:
            runs.append(Run(match.group(1), bold=True))
        else:
            runs.append(Run(match.group(2), italic=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return tuple(runs) or (Run(""),)


def text_blocks(text: str) -> list[Block]:
    """Paragraphs and bullet lists from an answer's text, in order."""
    blocks: list[Block] = []
    lines: list[str] = []
    bullets: list[tuple[Run, ...]] = []

    def flush_lines() -> None:
        if lines:
            blocks.append(Paragraph(inline_runs("\n".join(lines))))
            lines.clear()

    def flush_bullets() -> None:
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
            bullets.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush_lines()
            flush_bullets()
        elif _BULLET.match(line):
            flush_lines()
            bullets.append(inline_runs(_BULLET.sub("", line, count=1)))
        else:
            flush_bullets()
            lines.append(line.strip())
    flush_lines()
    flush_bullets()
    return blocks
