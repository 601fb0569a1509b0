"""The document model: order, numbering, UK formats, options and draft state."""

from __future__ import annotations

from bidkit.export.build import ExportOptions, build_document, is_draft
from bidkit.export.formatting import text_blocks, uk_date, uk_money, uk_number
from bidkit.export.ir import BulletList, Document, Paragraph, ParagraphRole, Table
from tests.export.sample import NOW, content


def build(**options: object) -> Document:
    return build_document(content(), ExportOptions(**options), NOW)  # type: ignore[arg-type]


def test_uk_formats() -> None:
    assert uk_money("1234.5") == "£1,234.50"
    assert uk_money("-20") == "-£20.00"
    assert uk_money("a lot") == "a lot"
    assert uk_date("2026-03-31") == "31 March 2026"
    assert uk_date("2026-03-01T10:00:00") == "1 March 2026"
    assert uk_date("next spring") == "next spring"
    assert uk_number("12000") == "12,000"


def test_text_becomes_paragraphs_and_bullets() -> None:
    blocks = text_blocks("One **bold** and *italic*.\n\n- first\n- second\nAfter")
    assert isinstance(blocks[0], Paragraph)
    assert [(r.text, r.bold, r.italic) for r in blocks[0].runs] == [
        ("One ", False, False), ("bold", True, False), (" and ", False, False),
        ("italic", False, True), (".", False, False),
    ]  # fmt: skip
    assert isinstance(blocks[1], BulletList)
    assert [item[0].text for item in blocks[1].items] == ["first", "second"]
    assert isinstance(blocks[2], Paragraph) and blocks[2].text == "After"


def test_sections_and_questions_keep_the_forms_numbering() -> None:
    document = build()
    assert [s.heading for s in document.all_sections()] == [
        "1 Supplier information", "2 Quality", "2.8 Cymraeg", "3 Declaration",
    ]  # fmt: skip
    numbers = [q.number for s in document.all_sections() for q in s.questions]
    # 2.4 is asked only when 2.3 is "yes": it is left out, as the buyer's portal would.
    assert numbers == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.5",
                       "2.6", "2.7", "2.8.1", "3.1"]  # fmt: skip


def test_member_questions_have_one_answer_per_member() -> None:
    first = build().sections[0].questions[0]
    members = [b.text for b in first.blocks if isinstance(b, Paragraph)
               and b.role is ParagraphRole.MEMBER]  # fmt: skip
    assert members == ["Riverside Community Care CIC", "Cwmni Cydweithredol Glan-yr-Afon Cyf"]


def test_a_bid_without_partners_does_not_name_the_lead_on_every_answer() -> None:
    single = content(members=content().members[:1])
    document = build_document(single, ExportOptions(), NOW)
    first = document.sections[0].questions[0]
    assert all(getattr(b, "role", None) is not ParagraphRole.MEMBER for b in first.blocks)


def test_answers_are_rendered_by_type() -> None:
    sections = {s.number: s for s in build().all_sections()}
    supplier = {q.number: q for q in sections["1"].questions}
    assert supplier["1.3"].blocks[0].text == "£1,234,567.50"  # type: ignore[union-attr]
    assert supplier["1.2"].blocks[0].text == "17 September 2014"  # type: ignore[union-attr]
    quality = {q.number: q for q in sections["2"].questions}
    table = quality["2.5"].blocks[0]
    assert isinstance(table, Table)
    assert table.header == ("Client", "Value", "Start")
    assert table.rows[0] == ("Trafford Council", "£250,000.00", "1 April 2024")
    assert quality["2.7"].blocks[0].text == "Not answered."  # type: ignore[union-attr]
    declaration = sections["3"].questions[0].blocks
    signed = [b for b in declaration if isinstance(b, Table)]
    assert ("Signed by", "Siân Pritchard") in signed[1].rows
    assert ("Date", "29 March 2026") in signed[1].rows


def test_options_choose_sections_and_omit_question_text() -> None:
    document = build(sections=frozenset({"2"}), include_question_text=False)
    assert [s.number for s in document.sections] == ["2"]
    assert all(q.text is None for s in document.all_sections() for q in s.questions)
    # A declaration's wording is what is signed: it stays even without question text.
    signed = build(sections=frozenset({"3"}), include_question_text=False)
    assert signed.sections[0].questions[0].text == "I declare that the answers are true."


def test_draft_until_every_answer_is_ready() -> None:
    assert not is_draft(content(ready=True), ExportOptions())
    assert is_draft(content(ready=False), ExportOptions())
    unanswered = content(answers={k: v for k, v in content().answers.items()
                                  if k != ("turnover", 0)})  # fmt: skip
    assert is_draft(unanswered, ExportOptions())
    assert not is_draft(unanswered, ExportOptions(sections=frozenset({"2", "3"})))


def test_cover_properties_and_evidence() -> None:
    document = build()
    assert document.cover.buyer == "Trafford Council"
    assert document.cover.date == "31 March 2026"
    assert document.properties.author == "Riverside Community Care CIC"
    assert document.header == "TC-ASC-0457 · Carers Support Service"
    assert document.colour == "#1A5F7A"
    assert [e.title for e in document.evidence] == ["Safeguarding policy 2025"]
    assert document.evidence[0].used_in == ("2.6",)
    assert not document.evidence[0].expired


def test_a_bid_question_follows_the_leads_answer_to_a_member_question() -> None:
    # 1.2(a)(iii) is answered once for the bid, and asked when the lead answers 1.2(a)(i)
    # (which every member answers for itself) "yes": it must not be dropped from the export.
    from bidkit.export.source import AnswerRecord
    from bidkit.forms.catalog import get_form
    from bidkit.forms.rules import Participant

    form = get_form("uk-sq-ppn-03-23")
    members = (
        Participant(1, "Riverside Community Care CIC", "lead"),
        Participant(2, "Northside", "member"),
    )
    answers = {
        ("group_lead", 1): AnswerRecord("yes", ready=True),
        ("group_lead", 2): AnswerRecord("no", ready=True),
        ("group_structure", 0): AnswerRecord("Riverside leads the group.", ready=True),
    }
    bid = content(form=form, members=members, answers=answers, evidence={})
    document = build_document(bid, ExportOptions(sections=frozenset({"Part 1"})), NOW)
    numbers = [q.number for s in document.all_sections() for q in s.questions]
    assert "1.2(a)(iii)" in numbers
    (asked,) = [q for s in document.all_sections() for q in s.questions
                if q.number == "1.2(a)(iii)"]  # fmt: skip
    texts = [b.text for b in asked.blocks if isinstance(b, Paragraph)]
    assert texts == ["Riverside leads the group."]
