"""Where each answer stands (empty, pre-filled, edited, over its limit, ready...), Qt-free.

The tree, the filters and the "next unanswered" keys all read the same statuses, worked out
from a loaded questionnaire: the form, the stored answers and who takes part in the bid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bidkit.forms.limits import LimitCheck, check_limit
from bidkit.forms.schema import AnsweredBy, AnswerType, Form, Question


class Status(StrEnum):
    EMPTY = "empty"
    PREFILLED = "prefilled"
    EDITED = "edited"
    ANSWERED = "answered"
    OVER_LIMIT = "over_limit"
    READY = "ready"
    SOURCE_CHANGED = "source_changed"
    NOT_ASKED = "not_asked"


#: The order in which statuses need the writer's attention.
URGENCY = (
    Status.SOURCE_CHANGED,
    Status.OVER_LIMIT,
    Status.EMPTY,
    Status.EDITED,
    Status.ANSWERED,
    Status.PREFILLED,
    Status.READY,
    Status.NOT_ASKED,
)


@dataclass(frozen=True)
class Participant:
    org_id: int
    name: str
    role: str  # "lead", "member" or "subcontractor"


def members_for(question: Question, participants: tuple[Participant, ...]) -> list[int | None]:
    """The member keys a question is answered for: None once for the bid, else each org id."""
    if question.answered_by is AnsweredBy.LEAD:
        return [None]
    wanted = {"lead", "member"}
    if question.answered_by is AnsweredBy.EVERY_MEMBER_AND_SUBCONTRACTOR:
        wanted.add("subcontractor")
    found: list[int | None] = [p.org_id for p in participants if p.role in wanted]
    return found or [None]


def answer_text(question: Question, value: Any) -> str | None:
    """The free text a word or character limit applies to, if the answer has any."""
    if question.type is AnswerType.YES_NO_DETAILS and isinstance(value, dict):
        return str(value.get("details") or "")
    if question.type in (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT) and isinstance(value, str):
        return value
    return None


def limit_check(question: Question, value: Any) -> LimitCheck | None:
    if question.limit is None:
        return None
    text = answer_text(question, value)
    return check_limit(text or "", question.limit)


def is_empty(question: Question, value: Any) -> bool:
    """Whether an answer still needs writing (a declaration counts once it is agreed)."""
    if value is None or value in ("", [], {}):
        return True
    if question.type is AnswerType.YES_NO_DETAILS and isinstance(value, dict):
        answer = value.get("answer")
        if answer not in ("yes", "no"):
            return True
        return answer == question.details_when and not str(value.get("details") or "").strip()
    if question.type is AnswerType.DECLARATION and isinstance(value, dict):
        return not value.get("agreed")
    if isinstance(value, str):
        return not value.strip()
    return False


class AnswerLookup:
    """Reads a snapshot's answers by question and member, and says whether a question shows."""

    def __init__(self, form: Form, answers: Mapping[tuple[str, int], Any],
                 participants: tuple[Participant, ...]) -> None:  # fmt: skip
        self.form = form
        self.answers = answers
        self.participants = participants
        lead = next((p.org_id for p in participants if p.role == "lead"), None)
        self.lead_id = lead

    def get(self, question_id: str, member: int | None) -> Any:
        """The AnswerView stored for (question, member), or None."""
        return self.answers.get((question_id, member or 0))

    def value(self, question_id: str, member: int | None) -> Any:
        view = self.get(question_id, member)
        return None if view is None else view.value

    def visible(self, question: Question, member: int | None = None) -> bool:
        condition = question.show_when
        if condition is None:
            return True
        try:
            other = self.form.question(condition.question)
        except KeyError:
            return True
        key = None if other.answered_by is AnsweredBy.LEAD else (member or self.lead_id)
        return condition.holds(self.value(other.id, key))

    def member_status(self, question: Question, member: int | None) -> Status:
        if not self.visible(question, member):
            return Status.NOT_ASKED
        view = self.get(question.id, member)
        value = None if view is None else view.value
        if view is not None and view.source_changed:
            return Status.SOURCE_CHANGED
        check = limit_check(question, value)
        if check is not None and check.over:
            return Status.OVER_LIMIT
        if view is None or is_empty(question, value):
            return Status.EMPTY
        if view.ready:
            return Status.READY
        if view.edited:
            return Status.EDITED
        if view.prefilled:
            return Status.PREFILLED
        return Status.ANSWERED

    def status(self, question: Question) -> Status:
        """The status that needs attention first, over every member answering."""
        found = [self.member_status(question, m) for m in members_for(question, self.participants)]
        for status in URGENCY:
            if status in found:
                return status
        return Status.EMPTY

    def from_profile(self, question: Question) -> bool:
        return any(
            (view := self.get(question.id, m)) is not None and view.source_kind == "profile"
            for m in members_for(question, self.participants)
        )

    def not_ready(self, question: Question) -> bool:
        return any(
            self.member_status(question, m) not in (Status.READY, Status.NOT_ASKED)
            for m in members_for(question, self.participants)
        )
