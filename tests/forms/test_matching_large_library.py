"""Pre-fill over a large generated library picks what a pass over every item picks.

The index (`matching.LibraryIndex`) scores only the items a question could be asking about;
this checks that no pick is lost or changed by it, on a library of thousands of items whose
titles and tags mix the subjects tender questions name, near spellings of them ("mobilization",
"safe guarding", "equality" beside "quality"), the kinds of item, expired items and generic
tags.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bidkit.forms.catalog import get_form, shipped_forms
from bidkit.forms.matching import (
    INSERT_AT,
    LibraryIndex,
    match_every_item,
    match_library,
    question_context,
)
from bidkit.forms.prefill import EvidenceCandidate, prefill_form
from bidkit.forms.rules import Participant
from bidkit.forms.schema import AnswerType, Form, LibraryBinding, Question

TODAY = date(2026, 12, 3)
WORDS = """safeguarding safe-guarding training volunteers outcomes reablement hospital discharge
older people carers befriending wellbeing mental health community partnership contract
delivery quality equality assurance policy procedure staff recruitment supervision diversity
inclusion social value environment carbon local suppliers apprenticeships employment skills
young people families housing advice debt welfare isolation transport referral assessment
monitoring evaluation impact evidence feedback complaints governance trustees finance audit
insurance risk data protection gdpr personal information security business continuity
mobilisation mobilization implementation transition tupe transfer workforce leadership
cyber essentials plus certificate modern slavery trafficking performance kpis person-centred
independence home from hospital health safety organisation accounts steel""".split()
KINDS = ["answer", "case_study", "statistic", "testimonial", "policy", "certificate", "other"]
FORM_WORDS = ["", "", "Case study:", "Our approach to", "Summary of", "Policy on", "Plan for"]


def generated_library(count: int, seed: int = 13) -> list[EvidenceCandidate]:
    rng = random.Random(seed)
    items = []
    for n in range(count):
        words = " ".join(rng.choices(WORDS, k=rng.randint(1, 4)))
        title = f"{rng.choice(FORM_WORDS)} {words}".strip().capitalize()
        if rng.random() < 0.2:
            title += f": {' '.join(rng.choices(WORDS, k=2))}"
        tags = tuple(
            dict.fromkeys(rng.choices([*WORDS, "policy", "evidence"], k=rng.randint(0, 4)))
        )
        expires = TODAY + timedelta(days=rng.choice([-30, 200])) if rng.random() < 0.1 else None
        items.append(
            EvidenceCandidate(
                id=n + 1,
                title=title,
                body=f"Body of item {n + 1}.",
                tags=tags,
                expires_on=expires,
                updated_at=datetime(2026, 1, 1, tzinfo=UTC),
                kind=KINDS[n % len(KINDS)],
            )
        )
    return items


def matched_questions() -> list[tuple[Form, Question]]:
    """The questions pre-fill matches against the library: bound to it, or written answers."""
    return [
        (form, q)
        for form in shipped_forms()
        for q in form.questions()
        if isinstance(q.bind, LibraryBinding) or (q.bind is None and q.type is AnswerType.LONG_TEXT)
    ]


@pytest.fixture(scope="module")
def library() -> list[EvidenceCandidate]:
    return generated_library(4000)


def test_every_pick_equals_the_pass_over_every_item(library: list[EvidenceCandidate]) -> None:
    index = LibraryIndex(library)
    differ, close = [], 0
    for form, question in matched_questions():
        context = question_context(form, question)
        indexed = match_library(question, context, index, TODAY)
        everything = match_every_item(question, context, library, TODAY)
        # Every item that could be inserted, or stop an insert as a near tie, is scored.
        near = [s for s in indexed.suggestions if s.confidence >= INSERT_AT - 0.02]
        near_all = [s for s in everything.suggestions if s.confidence >= INSERT_AT - 0.02]
        close += bool(near_all)
        if indexed.best != everything.best or near != near_all:
            differ.append((form.id, question.id, indexed.best, everything.best))
    assert differ == []
    assert close >= 10  # the generated library really holds items near many questions


def test_prefill_over_the_library_picks_the_full_pass_items(
    library: list[EvidenceCandidate],
) -> None:
    lead = Participant(1, "Greenway Community Care", "lead")
    for form_id in ("council-care-support-pqq", "uk-sq-ppn-03-23"):
        form = get_form(form_id)
        picked = {
            c.question.id: c.source_ref
            for c in prefill_form(form, [lead], {}, library, TODAY)
            if c.source_kind == "evidence" and c.found
        }
        expected = {}
        for question in form.questions():
            if not (
                isinstance(question.bind, LibraryBinding)
                or (question.bind is None and question.type is AnswerType.LONG_TEXT)
            ):
                continue
            best = match_every_item(question, question_context(form, question), library, TODAY).best
            if best is not None:
                expected[question.id] = f"evidence:{best.item_id}@1"
        assert picked == expected


def test_a_retitled_item_is_read_again(library: list[EvidenceCandidate]) -> None:
    """The words kept between indexes follow the library: an item given a new title is
    matched on it at the next pre-fill."""
    form = get_form("council-care-support-pqq")
    question = form.question("sg_arrangements")
    context = question_context(form, question)
    small = library[:300]
    before = match_library(question, context, LibraryIndex(small), TODAY)
    retitled = [
        replace(item, title="Safeguarding adults: our approach", tags=("safeguarding",),
                expires_on=None, version=2, kind="answer") if item.id == 8 else item
        for item in small
    ]  # fmt: skip
    after = match_library(question, context, LibraryIndex(retitled), TODAY)
    assert 8 not in {s.item_id for s in before.suggestions}
    assert 8 in {s.item_id for s in after.suggestions}
    assert after == match_every_item(question, context, retitled, TODAY)
