"""Where each answer stands (empty, pre-filled, edited, over its limit, ready...), Qt-free.

The tree, the filters and the "next unanswered" keys all read the same statuses, worked out
from a loaded questionnaire: the form, the stored answers and who takes part in the bid.
Whether a question is asked and whether an answer counts are the questionnaire rules
(`bidkit.forms.rules`), the same ones the progress figure, the compliance report and the
export use; this module only adds the page's view of provenance and readiness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from bidkit.forms.limits import LimitCheck, check_limit
from bidkit.forms.rules import AnswerRules, Participant, is_answered, key_for, member_keys
from bidkit.forms.schema import AnsweredBy, AnswerType, Form, Question

__all__ = [
    "URGENCY",
    "AnswerLookup",
    "Participant",
    "Status",
    "answer_text",
    "is_empty",
    "limit_check",
    "members_for",
]


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


def members_for(question: Question, participants: Sequence[Participant]) -> list[int | None]:
    """The members a question is answered for: None once for the bid, else each org id."""
    return [key or None for key in member_keys(question, participants)]


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
    """Whether an answer still needs writing: the rules' "not answered"."""
    return not is_answered(question, value)


class AnswerLookup:
    """Reads a snapshot's answers by question and member, and says whether a question shows.

    Build a new one whenever the answers change: the rules it holds are worked out once.
    """

    def __init__(self, form: Form, answers: Mapping[tuple[str, int], Any],
                 participants: Sequence[Participant]) -> None:  # fmt: skip
        self.form = form
        self.answers = answers
        self.participants = tuple(Participant(*p) for p in participants)
        values = {key: getattr(view, "value", None) for key, view in answers.items()}
        self.rules = AnswerRules(form, values, self.participants)
        lead = self.rules.lead
        self.lead_id = lead.org_id if lead is not None else None

    def get(self, question_id: str, member: int | None) -> Any:
        """The AnswerView stored for (question, member), or None."""
        return self.answers.get((question_id, member or 0))

    def value(self, question_id: str, member: int | None) -> Any:
        view = self.get(question_id, member)
        return None if view is None else view.value

    def key(self, question: Question, member: int | None) -> int:
        """The member key of `member`'s answer (the lead's when `member` is None)."""
        if not member and question.answered_by is not AnsweredBy.LEAD:
            keys = self.rules.keys(question)
            member = self.lead_id if self.lead_id in keys else keys[0]
        return key_for(question, member)

    def visible(self, question: Question, member: int | None = None) -> bool:
        """Whether the question is asked of `member`, conditions followed up the chain."""
        return self.rules.is_asked(question, self.key(question, member))

    def member_status(self, question: Question, member: int | None) -> Status:
        if not self.visible(question, member):
            return Status.NOT_ASKED
        view = self.get(question.id, self.key(question, member))
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
