"""The go/no-go checklist: ten questions a small team can answer in a few minutes.

Each answer is "yes" (2 points), "partly" (1) or "no" (0). The result is GO at 75% or more,
REVIEW from 50%, NO-GO below that, and NO-GO whatever the score when a deal-breaker question
is answered "no" (for example: we cannot meet the minimum requirements). Until every question
is answered there is no result. The answers and the result are kept on the bid as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

ANSWER_POINTS = {"yes": 2, "partly": 1, "no": 0}
GO_AT = 0.75
REVIEW_AT = 0.5


class Verdict(StrEnum):
    GO = "go"
    REVIEW = "review"
    NO_GO = "no_go"

    @property
    def label(self) -> str:
        return {"go": "GO", "review": "REVIEW", "no_go": "NO-GO"}[self.value]


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    hint: str
    #: A "no" means NO-GO whatever the score.
    deal_breaker: bool = False


QUESTIONS: tuple[Question, ...] = (
    Question("mission", "Does the contract fit our mission and the people we serve?",
             "Would we want to do this work even if it were not paid?"),
    Question("requirements", "Can we meet the minimum requirements?",
             "Turnover, insurance levels, accreditations, registrations (for example CQC).",
             deal_breaker=True),
    Question("capacity", "Do we have the people and time to write the bid?",
             "Who writes, who checks, who signs; other bids due at the same time."),
    Question("deadline", "Is the deadline realistic for the work the bid needs?",
             "Count the working days left, not the calendar days."),
    Question("delivery", "Could we deliver the service from the start date if we won?",
             "Staff, premises, systems, TUPE transfers, mobilisation time."),
    Question("value", "Does the value cover the full cost of delivery, overheads included?",
             "Check the price per hour or per person against our real costs."),
    Question("risk", "Can we carry the payment risk?",
             "Payment by results, payment in arrears, volumes not guaranteed, penalties."),
    Question("partners", "Do we have the partners we need, or can we deliver alone?",
             "Consortium members or subcontractors agreed and willing to sign."),
    Question("evidence", "Do we have evidence of doing this kind of work well?",
             "Case studies, outcome figures, references from similar contracts."),
    Question("chance", "Is our chance of winning worth the effort?",
             "Do we know the buyer; is there an incumbent; how many will bid?"),
)  # fmt: skip
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)


@dataclass(frozen=True)
class ChecklistResult:
    answers: dict[str, str] = field(default_factory=dict)
    note: str = ""
    answered: int = 0
    score: float | None = None  # 0..1 when every question is answered
    verdict: Verdict | None = None
    #: The deal-breaker questions answered "no".
    blockers: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.answered == len(QUESTIONS)


def assess(answers: Mapping[str, str], note: str = "") -> ChecklistResult:
    """Score the answers; unknown keys and values are ignored."""
    kept = {k: v for k, v in answers.items() if k in QUESTION_KEYS and v in ANSWER_POINTS}
    blockers = tuple(q.key for q in QUESTIONS if q.deal_breaker and kept.get(q.key) == "no")
    if len(kept) < len(QUESTIONS):
        return ChecklistResult(kept, note, len(kept), None, None, blockers)
    score = sum(ANSWER_POINTS[v] for v in kept.values()) / (2 * len(QUESTIONS))
    if blockers or score < REVIEW_AT:
        verdict = Verdict.NO_GO
    elif score >= GO_AT:
        verdict = Verdict.GO
    else:
        verdict = Verdict.REVIEW
    return ChecklistResult(kept, note, len(kept), round(score, 4), verdict, blockers)


def to_json(result: ChecklistResult, decided_on: str = "") -> str:
    return json.dumps(
        {
            "answers": result.answers,
            "note": result.note,
            "score": result.score,
            "result": result.verdict.value if result.verdict else None,
            "decided_on": decided_on,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def from_json(raw: str) -> ChecklistResult:
    """The stored checklist; damaged JSON reads as an empty checklist."""
    try:
        data: Any = json.loads(raw or "{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    answers = data.get("answers")
    note = data.get("note")
    return assess(
        answers if isinstance(answers, dict) else {}, note if isinstance(note, str) else ""
    )
