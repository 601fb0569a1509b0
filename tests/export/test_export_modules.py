"""A module or section in which nothing is asked is not in what the buyer receives.

For every shipped form: no exported section is empty, the exported sections are exactly those
in which the questionnaire rules ask a buyer's question, and the numbers stay the form's own.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest

from bidkit.export.build import ExportOptions, build_document
from bidkit.export.docx_writer import write_docx
from bidkit.export.ir import Document, SectionBlock
from bidkit.export.pdf_writer import write_pdf
from bidkit.export.source import AnswerRecord, BidContent
from bidkit.forms.catalog import shipped_forms
from bidkit.forms.rules import BID_KEY, Participant
from bidkit.forms.schema import Form, Section
from tests.export.sample import NOW

LEAD = Participant(1, "Riverside Community Care CIC", "lead")
FORMS = {form.id: form for form in shipped_forms()}


def bid(form: Form, answers: dict[str, object] | None = None) -> BidContent:
    records = {(qid, BID_KEY): AnswerRecord(value) for qid, value in (answers or {}).items()}
    return BidContent(1, "Carers Support Service", "Trafford Council", "TC-1", form, (LEAD,),
                      records)  # fmt: skip


def set_up_answers(form: Form, value: str) -> dict[str, object]:
    return {q.id: value for q in form.questions() if q.internal}


def asks_something(content: BidContent, section: Section) -> bool:
    rules = content.rules
    return any(
        rules.is_asked(question, key)
        for question in section.all_questions()
        if question.for_buyer
        for key in rules.keys(question)
    )


def form_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from form_sections(section.sections)


def has_questions(block: SectionBlock) -> bool:
    return bool(block.questions) or any(has_questions(child) for child in block.sections)


def headings(document: Document) -> list[str]:
    return [s.heading for s in document.all_sections()]


@pytest.mark.parametrize("form_id", sorted(FORMS))
@pytest.mark.parametrize("set_up", [None, "no", "yes"])
def test_only_sections_that_ask_something_are_exported(form_id: str, set_up: str | None) -> None:
    form = FORMS[form_id]
    content = bid(form, set_up_answers(form, set_up) if set_up else None)
    document = build_document(content, ExportOptions(), NOW)
    assert all(has_questions(block) for block in document.all_sections())
    expected = [
        (s.number, s.title) for s in form_sections(form.sections) if asks_something(content, s)
    ]
    assert [(s.number, s.title) for s in document.all_sections()] == expected
    # Leaving a module out renumbers nothing: every number printed is the form's own.
    numbers = {q.number for q in form.questions()}
    assert {q.number for s in document.all_sections() for q in s.questions} <= numbers


#: The PSQ's modules a buyer may or may not ask for (B15 is the declaration).
MODULES = {f"B{n}" for n in range(7, 15)}


def psq_modules(document: Document) -> list[str]:
    return [s.number for s in document.all_sections() if s.number in MODULES]


def test_a_module_the_buyer_does_not_ask_for_has_no_heading() -> None:
    form = FORMS["uk-pa2023-cdp-psq"]
    unanswered = build_document(bid(form), ExportOptions(), NOW)
    assert psq_modules(unanswered) == []
    only_b7 = {**set_up_answers(form, "no"), "ms_module": "yes"}
    document = build_document(bid(form, only_b7), ExportOptions(), NOW)
    assert psq_modules(document) == ["B7"]
    b7 = next(s for s in document.all_sections() if s.number == "B7")
    assert [q.number for q in b7.questions] == ["B7.1", "B7.2", "B7.6"]
    assert "B7 Modern slavery" in [heading for heading, _ in document.contents()]
    assert "B8 Carbon reduction plan" not in [heading for heading, _ in document.contents()]


def test_word_and_pdf_leave_the_module_out_of_the_page_and_the_contents() -> None:
    form = FORMS["uk-pa2023-cdp-psq"]
    content = bid(form, {**set_up_answers(form, "no"), "ms_module": "yes"})
    document = build_document(content, ExportOptions(), NOW)
    out = io.BytesIO()
    write_docx(document, out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "Modern slavery" in xml
    assert "Carbon reduction plan" not in xml and "Steel" not in xml
    pdf = io.BytesIO()
    write_pdf(document, pdf)
    from pypdf import PdfReader

    text = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "Modern slavery" in text
    assert "Carbon reduction plan" not in text
