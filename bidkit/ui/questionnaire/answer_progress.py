"""The page's progress figure and Missing list, from the questionnaire rules.

The figure counts what the compliance report counts (`bidkit.forms.rules`): required answers
given, for the lead and for each member and subcontractor ("Riverside 140/140 · Greenway
31/48"). Pre-fill coverage is where answers came from, not progress, so it is not in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from bidkit.forms.rules import AnswerRules, Gap, OrgProgress, Participant, key_for
from bidkit.forms.schema import Form


def _tr(text: str) -> str:
    return QCoreApplication.translate("Progress", text)


@dataclass(frozen=True)
class Progress:
    organisations: tuple[OrgProgress, ...]
    #: For a bid without organisations: required answers given, and required.
    answered: int
    required: int
    #: Each required answer not given, in form order, with the organisation that owes it.
    gaps: tuple[Gap, ...]
    #: Question id -> names of the organisations that still owe an answer to it (for questions
    #: more than one organisation answers).
    owing: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, form: Form, snapshot: Any) -> Progress:
        participants = [Participant(*p) for p in snapshot.participants]
        values = {key: view.value for key, view in snapshot.answers.items()}
        rules = AnswerRules(form, values, participants)
        misses: dict[tuple[str, int], tuple[str, str]] = {}
        for miss in getattr(snapshot.coverage, "missing", ()):
            try:
                question = form.question(miss.question_id)
            except KeyError:
                continue
            misses[(miss.question_id, key_for(question, miss.org_id))] = (miss.reason, miss.target)
        gaps = tuple(rules.gaps(misses=misses))
        owing: dict[str, list[str]] = {}
        for gap in gaps:
            if len(rules.keys(gap.question)) > 1:
                owing.setdefault(gap.question.id, []).append(gap.organisation)
        answered = required = 0
        if not participants:
            for question, key in rules.asked():
                if question.mandatory:
                    required += 1
                    answered += rules.is_answered(question, key)
        return cls(
            tuple(rules.progress()),
            answered,
            required,
            gaps,
            {k: tuple(v) for k, v in owing.items()},
        )

    def summary(self) -> str:
        """ "Riverside Care CIC 140/140 · Greenway Trust 31/48", or "12/40" for a bid alone."""
        if not self.organisations:
            return _tr("Required answers: {answered}/{required}").format(
                answered=self.answered, required=self.required
            )
        figures = " · ".join(f"{p.name} {p.answered}/{p.required}" for p in self.organisations)
        return _tr("Required answers: {figures}").format(figures=figures)

    def gaps_of(self, question_id: str) -> Sequence[Gap]:
        return [g for g in self.gaps if g.question.id == question_id]
