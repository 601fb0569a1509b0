"""Corrections to what BidKit found in a buyer's questionnaire: merge two questions, split one,
mark one as not a question, change an answer type or a limit.

Each is one operation (one transaction): the corrected structure is stored with the list of
corrections made (so they are kept and can be shown), answers to questions that no longer
exist are removed, and pre-fill runs again because a new type or wording can change the
answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlmodel import col, delete, select

from bidkit.buyer_forms.structure import BuyerForm, BuyerQuestion, dump_form, load_form
from bidkit.errors import InputRefused, NotFound
from bidkit.forms.schema import TEXT_TYPES, AnswerType, Limit
from bidkit.model.questionnaire import Answer, BidForm
from bidkit.ops.buyer_forms import register_buyer_forms
from bidkit.ops.changes import Changes
from bidkit.ops.questionnaires import QUESTIONNAIRE, reapply_in
from bidkit.store.workspace import Workspace


def _question(form: BuyerForm, question_id: str) -> BuyerQuestion:
    try:
        return form.question(question_id)
    except StopIteration:
        raise InputRefused(
            f"The buyer's questionnaire has no question '{question_id}' (it may have been "
            "merged or removed already)."
        ) from None


def _correct(
    ws: Workspace,
    form_id: str,
    record: dict[str, Any],
    change: Callable[[BuyerForm], BuyerForm],
) -> Changes:
    from bidkit.model.buyer_form import BuyerFormFile

    with ws.write() as session:
        row = session.exec(
            select(BuyerFormFile).where(col(BuyerFormFile.form_id) == form_id)
        ).first()
        if row is None:
            raise NotFound("That buyer's questionnaire is no longer in this workspace.")
        before = load_form(row.structure)
        after = change(before)
        row.structure = dump_form(after)
        row.corrections = json.dumps([*json.loads(row.corrections or "[]"), record])
        row.revision += 1
        session.add(row)
        session.flush()
        register_buyer_forms(session)
        gone = {q.id for q in before.questions} - {q.id for q in after.questions}
        bid_form = session.exec(select(BidForm).where(col(BidForm.form_id) == form_id)).first()
        if gone and bid_form is not None:
            session.exec(
                delete(Answer).where(
                    col(Answer.bid_form_id) == bid_form.id, col(Answer.question_id).in_(gone)
                )
            )
        reapply_in(session, [row.bid_id])
        bid_id = row.bid_id
    return Changes.of(QUESTIONNAIRE, bid_id, note="Correction kept")


def corrections_of(ws: Workspace, form_id: str) -> list[dict[str, Any]]:
    """The corrections made to a buyer's questionnaire, oldest first."""
    from bidkit.model.buyer_form import BuyerFormFile

    with ws.session() as session:
        row = session.exec(
            select(BuyerFormFile).where(col(BuyerFormFile.form_id) == form_id)
        ).first()
        return list(json.loads(row.corrections)) if row is not None else []


def _replace_question(form: BuyerForm, new: BuyerQuestion) -> BuyerForm:
    return replace(form, questions=tuple(new if q.id == new.id else q for q in form.questions))


def mark_not_a_question(ws: Workspace, form_id: str, question_id: str) -> Changes:
    def change(form: BuyerForm) -> BuyerForm:
        _question(form, question_id)
        return replace(form, questions=tuple(q for q in form.questions if q.id != question_id))

    return _correct(ws, form_id, {"action": "not_a_question", "question": question_id}, change)


def set_answer_type(ws: Workspace, form_id: str, question_id: str, answer_type: str) -> Changes:
    allowed = {t.value for t in AnswerType} - {"table", "multiple_choice"}
    if answer_type not in allowed:
        raise InputRefused(
            f"'{answer_type}' is not an answer type; use one of {', '.join(sorted(allowed))}."
        )

    def change(form: BuyerForm) -> BuyerForm:
        question = _question(form, question_id)
        return _replace_question(form, replace(question, type=AnswerType(answer_type)))

    record = {"action": "answer_type", "question": question_id, "type": answer_type}
    return _correct(ws, form_id, record, change)


def set_limit(
    ws: Workspace,
    form_id: str,
    question_id: str,
    *,
    words: int | None = None,
    characters: int | None = None,
) -> Changes:
    """A new word or character limit (neither: no limit)."""
    if words is not None and characters is not None:
        raise InputRefused("Give a word limit or a character limit, not both.")
    if any(v is not None and v <= 0 for v in (words, characters)):
        raise InputRefused("A limit must be a whole number above 0.")
    limit = Limit(words, characters) if words or characters else None

    def change(form: BuyerForm) -> BuyerForm:
        question = _question(form, question_id)
        if limit is not None and question.type not in TEXT_TYPES:
            raise InputRefused("Only written answers have word or character limits.")
        return _replace_question(form, replace(question, limit=limit))

    record = {"action": "limit", "question": question_id, "words": words, "characters": characters}
    return _correct(ws, form_id, record, change)


def merge_questions(ws: Workspace, form_id: str, first_id: str, second_id: str) -> Changes:
    """One question from two found apart: the first's wording and reference, followed by the
    second's, answered in the second's place (the answer space ends the question)."""

    def change(form: BuyerForm) -> BuyerForm:
        first, second = _question(form, first_id), _question(form, second_id)
        order = [q.id for q in form.questions]
        if order.index(second_id) != order.index(first_id) + 1:
            raise InputRefused("Only a question and the one right after it can be merged.")
        merged = replace(
            first,
            text=f"{first.text} {second.text}".strip(),
            place=second.place,
            limit=first.limit or second.limit,
            options=second.options,
            type=second.type,
            found_as=first.found_as or first.text,
        )
        kept = tuple(merged if q.id == first_id else q for q in form.questions if q.id != second_id)
        return replace(form, questions=kept)

    record = {"action": "merge", "question": first_id, "with": second_id}
    return _correct(ws, form_id, record, change)


def split_question(ws: Workspace, form_id: str, question_id: str, second_starts: str) -> Changes:
    """Two questions from one: the wording from `second_starts` on becomes a question of its
    own, answered in the same place after the first's answer."""

    def change(form: BuyerForm) -> BuyerForm:
        question = _question(form, question_id)
        at = question.text.find(second_starts) if second_starts.strip() else -1
        if at <= 0:
            raise InputRefused(
                "Choose where the second question starts: a part of the wording after its "
                "first word."
            )
        ids = [int(q.id.removeprefix("q")) for q in form.questions if q.id[1:].isdigit()]
        second = replace(
            question,
            id=f"q{max(ids, default=0) + 1}",
            ref="",
            text=question.text[at:].strip(),
            found_as=question.found_as or question.text,
        )
        first = replace(
            question, text=question.text[:at].strip(), found_as=question.found_as or question.text
        )
        questions: list[BuyerQuestion] = []
        for q in form.questions:
            questions.extend((first, second) if q.id == question_id else (q,))
        return replace(form, questions=tuple(questions))

    record = {"action": "split", "question": question_id, "at": second_starts}
    return _correct(ws, form_id, record, change)
