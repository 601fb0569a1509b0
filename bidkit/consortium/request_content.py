"""What a request pack asks of one partner, and what a reply pack gives back, as JSON values.

A partner owes every question of the bid's questionnaires that it answers for itself (each
member's, or each member's and subcontractor's); questions the lead answers once for the bid
never leave the lead's workspace. Whether a question is asked of the partner still depends on
its own answers, so the whole set goes out and the partner's own BidKit applies the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bidkit.forms.rules import AnswerRules, Participant, has_content
from bidkit.forms.schema import Form, Question


def owed_questions(form: Form, rules: AnswerRules, partner: Participant) -> list[Question]:
    """The questions of `form` that `partner` answers for itself, in form order."""
    return [q for q in form.questions() if partner.org_id in rules.keys(q)]


def question_entry(question: Question, held: Any) -> dict[str, Any]:
    """One question as the request carries it: wording, help, limit, type and what is held."""
    return {
        "id": question.id,
        "number": question.number,
        "text": question.text,
        "help": question.help,
        "type": question.type.value,
        "mandatory": question.mandatory,
        "limit": question.limit.describe() if question.limit else "",
        "options": [[o.id, o.text] for o in question.options],
        "columns": [[c.id, c.title, c.type.value] for c in question.columns],
        "max_rows": question.max_rows,
        "section": " / ".join(question.section_path),
        "value": held if has_content(question, held) else None,
    }


def request_form(form: Form, rules: AnswerRules, partner: Participant) -> dict[str, Any]:
    questions = owed_questions(form, rules, partner)
    return {
        "form_id": form.id,
        "form_version": form.version,
        "title": form.title,
        "questions": [question_entry(q, rules.value(q, partner.org_id)) for q in questions],
    }


def reply_form(
    form: Form, question_ids: Iterable[str], values: Mapping[str, Any]
) -> dict[str, Any]:
    """The partner's answers to the questions it was asked (only those with content)."""
    answers = []
    for question_id in question_ids:
        try:
            question = form.question(question_id)
        except KeyError:
            continue
        value = values.get(question_id)
        if has_content(question, value):
            answers.append({"question_id": question_id, "value": value})
    return {"form_id": form.id, "form_version": form.version, "answers": answers}
