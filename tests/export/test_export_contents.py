"""Contents with page numbers in both formats, and answers over their limit."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from bidkit.export.build import ExportOptions, build_document
from bidkit.export.docx_writer import write_docx
from bidkit.export.pdf_writer import contents_pages, write_pdf
from bidkit.export.pipeline import AnswersOverLimit, export_content
from bidkit.export.source import AnswerRecord
from tests.export.sample import NOW, answers, content

TOO_LONG = " ".join(["word"] * 75)  # question 2.1 allows 60 words


def test_pdf_contents_give_the_page_each_heading_is_on() -> None:
    document = build_document(content(), ExportOptions(), NOW)
    out = io.BytesIO()
    pages = write_pdf(document, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    texts = [page.extract_text() or "" for page in reader.pages]
    entries = document.contents()
    assert len(pages) == len(entries)
    for (heading, _level), page in zip(entries, pages, strict=True):
        assert heading in texts[page - 1], (heading, page)
        assert heading in texts[1]
    # The contents page prints the same numbers, each after its dotted leader.
    printed = [int(n) for n in re.findall(r"(?:\.\s+)+(\d+)\s", texts[1])]
    assert printed == list(pages)


def test_word_contents_carry_the_page_numbers_without_asking_to_update() -> None:
    document = build_document(content(), ExportOptions(), NOW)
    pages = contents_pages(document)
    out = io.BytesIO()
    write_docx(document, out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        xml = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
    found = re.findall(r"PAGEREF (_TocBidKit\d+) \\h .*?<w:t>(\d+)</w:t>", xml, flags=re.S)
    assert [int(page) for _, page in found] == list(pages)
    for name, _ in found:  # every entry points at a bookmark on its heading
        assert f'w:name="{name}"' in xml
        assert f'w:anchor="{name}"' in xml
    assert "w:dirty" not in xml and "updateFields" not in settings


def with_long_answer(ready: bool) -> dict[tuple[str, int], AnswerRecord]:
    given = dict(answers(ready))
    given[("approach", 0)] = AnswerRecord(TOO_LONG, ready=ready)
    return given


def test_a_draft_marks_an_answer_over_its_limit() -> None:
    document = build_document(content(False, answers=with_long_answer(False)), ExportOptions(),
                              NOW)  # fmt: skip
    assert document.draft and document.over_limit == ("2.1",)
    out = io.BytesIO()
    write_pdf(document, out)
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert "Over the limit: 75 words (the buyer allows 60 words)" in re.sub(r"\s+", " ", text)


def test_a_final_export_over_the_limit_is_refused_unless_confirmed(tmp_path: Path) -> None:
    bid = content(True, answers=with_long_answer(True))
    target = tmp_path / "bid.pdf"
    with pytest.raises(AnswersOverLimit, match=r"1 answer is over the buyer's limit \(2\.1\)"):
        export_content(bid, "pdf", target, now=NOW)
    assert not target.exists()
    result = export_content(bid, "pdf", target, ExportOptions(allow_over_limit=True), now=NOW)
    assert not result.draft and target.exists()
    text = " ".join(p.extract_text() or "" for p in PdfReader(target).pages)
    assert "Over the limit" not in text  # a confirmed final copy carries no draft marks


def test_word_pages_are_estimated_with_words_measurements() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from bidkit.export.pdf_writer import _styles
    from bidkit.export.word_pagination import EMPTY_LINE, WORD_FONT, line, word_styles

    styles = word_styles(_styles("#000000"))
    # Carlito has Calibri's widths: Word's 11 pt text is set at 11 pt in it.
    assert styles["body"].fontName == WORD_FONT and styles["body"].fontSize == 11
    assert stringWidth("Riverside Community Care CIC", WORD_FONT, 11) == pytest.approx(
        135.2, abs=0.1
    )
    # Lines in whole twips: 1.15 x Calibri's 1.22 em, 15.45 pt at 11 pt.
    assert styles["body"].leading == line(11) == EMPTY_LINE == 15.45
    assert styles["body"].spaceShrinkage == 0  # Word never squeezes spaces to fit a word
    assert styles["h1"].spaceBefore == 24
    # A long answer fills Word pages differently (taller lines, narrower letters): the Word
    # contents follow Word's pages, not the PDF's.
    given = dict(answers(True))
    given[("approach", 0)] = AnswerRecord("\n\n".join([" ".join(["word"] * 55)] * 60), True)
    document = build_document(content(answers=given), ExportOptions(), NOW)
    word_pages = contents_pages(document)
    pdf_pages = write_pdf(document, io.BytesIO())
    assert len(word_pages) == len(pdf_pages) == len(document.contents())
    assert word_pages[-1] != pdf_pages[-1]
