"""A buyer's questionnaire as a BidKit form, answered like the shipped ones.

Each detected question becomes a `schema.Question` (profile binding from `facts`, or none, in
which case pre-fill's library matching may answer a written question), so `prefill_form` gives
the answers with their provenance and the same "nothing recorded" reasons. `answer_text` turns
a stored answer into the words that go into the buyer's file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rapidfuzz import fuzz, process

from bidkit.buyer_forms.facts import match_fact
from bidkit.buyer_forms.structure import BuyerForm, BuyerQuestion
from bidkit.forms.prefill import EvidenceCandidate, prefill_form
from bidkit.forms.rules import Participant
from bidkit.forms.schema import AnswerType, Form, Option, Question, Section
from bidkit.profile.completeness import ProfileData
from bidkit.profile.values import format_date, format_money, format_number

#: Types the schema takes as they are; a buyer's list of choices is answered in words and the
#: nearest option ticked when writing back (their options are not BidKit's).
_AS_WORDS = {AnswerType.SINGLE_CHOICE: AnswerType.SHORT_TEXT}


@dataclass(frozen=True)
class BuyerAnswer:
    """One answer for the buyer's file: the stored value and where it came from."""

    question_id: str
    value: Any
    source_kind: str  # "profile", "evidence", "typed"
    source_ref: str = ""
    source_label: str = ""


def as_form(buyer: BuyerForm, form_id: str) -> Form:
    """The buyer's questions as a form: one section per heading, in document order."""
    sections: dict[str, list[Question]] = {}
    for question in buyer.questions:
        sections.setdefault(question.section or buyer.title, []).append(_question(question))
    return Form(
        id=form_id,
        title=buyer.title,
        version="buyer",
        regime="buyer",
        source="buyer's own Word questionnaire",
        sections=tuple(
            Section(number=str(i), title=title, questions=tuple(questions))
            for i, (title, questions) in enumerate(sections.items(), start=1)
        ),
    )


def _question(question: BuyerQuestion) -> Question:
    kind = _AS_WORDS.get(question.type, question.type)
    options: tuple[Option, ...] = ()
    if kind is AnswerType.SINGLE_CHOICE:
        options = tuple(Option(_slug(o), o) for o in question.options)
    return Question(
        id=question.id,
        number=question.ref or question.id.removeprefix("q"),
        text=question.text,
        type=kind,
        mandatory=question.fillable,
        limit=question.limit,
        options=options,
        bind=match_fact(question, question.declaration),
        help=f"In the buyer's document: {question.place.describe()}",
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_") or "option"


def prefill_buyer_form(  # noqa: PLR0917 - the pre-fill inputs, as prefill_form takes them
    buyer: BuyerForm,
    form_id: str,
    lead: Participant,
    profile: ProfileData,
    evidence: Sequence[EvidenceCandidate],
    today: date | None = None,
) -> dict[str, BuyerAnswer]:
    """The answers pre-fill finds, by question id (signature boxes never get one)."""
    form = as_form(buyer, form_id)
    fillable = {q.id for q in buyer.questions if q.fillable}
    found: dict[str, BuyerAnswer] = {}
    for item in prefill_form(form, [lead], {lead.org_id: profile}, evidence, today):
        if item.found and item.question.id in fillable:
            found[item.question.id] = BuyerAnswer(
                item.question.id, item.value, item.source_kind, item.source_ref, item.source_label
            )
    return found


def reusable_ids(buyer: BuyerForm, form_id: str) -> set[str]:
    """Questions with a profile fact: those pre-fill should answer (coverage's denominator)."""
    form = as_form(buyer, form_id)
    return {q.id for q in form.questions() if q.bind is not None}


# -- words for the buyer's file -------------------------------------------------------------------
def answer_text(question: BuyerQuestion, value: Any) -> str | None:
    """The answer as the buyer should read it; None when there is nothing to write."""
    if value is None or value == "":
        return None
    kind = question.type
    if isinstance(value, Mapping):
        if "evidence_id" in value:
            return f"See attached: {value.get('title', '')}"
        if "answer" in value:
            details = str(value.get("details") or "").strip()
            answer = "Yes" if value["answer"] == "yes" else "No"
            return f"{answer}. {details}" if details else answer
        if "name" in value:
            return str(value.get("name") or "") or None
        return None
    text = str(value)
    if kind is AnswerType.YES_NO or text in ("yes", "no"):
        return {"yes": "Yes", "no": "No"}.get(text, text)
    if kind is AnswerType.MONEY:
        try:
            return format_money(Decimal(text), drop_zero_pence=True)
        except InvalidOperation:
            return text
    if kind is AnswerType.NUMBER:
        try:
            return format_number(int(text))
        except ValueError:
            return text
    if kind is AnswerType.DATE and re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return format_date(date.fromisoformat(text))
    return text


def choose_option(options: Sequence[str], answer: str) -> str | None:
    """The buyer's option an answer means ("Yes" → "Yes"; "Community interest company (CIC)"
    → "Community Interest Company"), or None when none is close enough to be sure."""
    if not options:
        return None
    exact = next((o for o in options if o.casefold() == answer.casefold()), None)
    if exact is not None:
        return exact
    best = process.extractOne(answer, list(options), scorer=fuzz.token_set_ratio)
    if best is None or best[1] < 80:
        return None
    return str(best[0])


def dump_answers(answers: Mapping[str, BuyerAnswer]) -> str:
    return json.dumps(
        {key: [a.value, a.source_kind, a.source_ref, a.source_label] for key, a in answers.items()},
        ensure_ascii=False,
    )


def load_answers(text: str) -> dict[str, BuyerAnswer]:
    data = json.loads(text or "{}")
    return {key: BuyerAnswer(key, *row) for key, row in data.items()}
