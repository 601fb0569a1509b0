"""Merging a partner's answers into the lead's, per question and per member, as plain values.

Three values decide each answer: what the lead sent or last took from this partner (the base),
what the lead holds now (mine) and what the partner replied (theirs). Theirs is taken when the
lead has not edited the answer since (mine equals the base, or mine is empty); when both sides
changed it differently it is a conflict for the lead to settle, never an overwrite. A blank
reply never erases what the lead holds; an answer equal to mine changes nothing, so importing
the same pack twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bidkit.errors import InputRefused
from bidkit.forms.rules import has_content
from bidkit.forms.schema import TEXT_TYPES, AnswerType, Question

MAX_TEXT = 200_000
MAX_DEPTH = 4


class Outcome(StrEnum):
    ADD = "add"
    CHANGE = "change"
    CONFLICT = "conflict"
    SAME = "same"


@dataclass(frozen=True)
class MergeItem:
    """One incoming answer and what merging it does."""

    bid_form_id: int
    question: Question
    member_key: int
    outcome: Outcome
    mine: Any
    theirs: Any


def _depth_ok(value: Any, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        return len(value) <= MAX_TEXT
    if isinstance(value, dict):
        return all(isinstance(k, str) and _depth_ok(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return len(value) <= 1000 and all(_depth_ok(v, depth + 1) for v in value)
    return value is None or isinstance(value, bool | int | float)


def value_problem(question: Question, value: Any) -> str:
    """Why `value` cannot be an answer to `question` ("" when its shape is right)."""
    if not _depth_ok(value):
        return "is too large or too deeply nested"
    if value is None:
        return ""
    kind = question.type
    if kind in TEXT_TYPES - {AnswerType.YES_NO_DETAILS} or kind in (
        AnswerType.DATE,
        AnswerType.MONEY,
        AnswerType.NUMBER,
        AnswerType.SINGLE_CHOICE,
    ):
        ok = isinstance(value, str | int | float) and not isinstance(value, bool)
    elif kind is AnswerType.YES_NO:
        ok = value in ("yes", "no", "")
    elif kind in (AnswerType.YES_NO_DETAILS, AnswerType.DECLARATION):
        ok = isinstance(value, dict)
    elif kind is AnswerType.TABLE:
        ok = isinstance(value, list) and all(isinstance(row, dict) for row in value)
    elif kind is AnswerType.MULTIPLE_CHOICE:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:  # evidence: a chosen item's text or reference
        ok = isinstance(value, dict | str)
    return "" if ok else f"is not a {kind.value.replace('_', ' ')} answer"


def check_value(file_name: str, question: Question, value: Any) -> None:
    problem = value_problem(question, value)
    if problem:
        raise InputRefused(
            f"“{file_name}” was not imported: the answer to {question.number} {problem}. "
            "Ask the partner to export the reply again from BidKit."
        )


def decide(question: Question, base: Any, mine: Any, theirs: Any) -> Outcome:
    """What merging `theirs` does, given the `base` the partner worked from and `mine` now.

    `base` is None when the lead sent nothing for this answer.
    """
    if theirs == mine or not has_content(question, theirs):
        return Outcome.SAME
    if not has_content(question, mine):
        return Outcome.ADD
    if mine == base:
        return Outcome.CHANGE
    return Outcome.CONFLICT


def plan_merge(
    incoming: list[tuple[int, Question, int, Any]],
    current: Mapping[tuple[int, str, int], Any],
    base: Mapping[tuple[int, str, int], Any],
    seen: Mapping[tuple[int, str, int], Any] | None = None,
) -> list[MergeItem]:
    """Each incoming (bid form id, question, member key, value) with its outcome.

    `seen` holds what the partner sent last time: an answer they have not changed since was
    already settled (taken, or kept by the lead in a conflict), so it changes nothing now.
    """
    plan: list[MergeItem] = []
    for bid_form_id, question, key, theirs in incoming:
        where = (bid_form_id, question.id, key)
        mine = current.get(where)
        if seen is not None and where in seen and seen[where] == theirs:
            outcome = Outcome.SAME
        else:
            outcome = decide(question, base.get(where), mine, theirs)
        plan.append(MergeItem(bid_form_id, question, key, outcome, mine, theirs))
    return plan


def counts(plan: list[MergeItem]) -> dict[str, int]:
    return {o.value: sum(1 for item in plan if item.outcome is o) for o in Outcome}
