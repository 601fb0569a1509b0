"""Wide and long tables: one block per row when a grid cannot fit, widths that follow the
content, rows that never split, header rows that repeat, and no word ever broken inside."""

from __future__ import annotations

import io
import re
import zipfile

from pypdf import PdfReader

from bidkit.export.docx_writer import write_docx
from bidkit.export.ir import Cover, Document, Properties, QuestionBlock, SectionBlock, Table
from bidkit.export.pdf_writer import write_pdf
from bidkit.export.table_layout import MAX_GRID_COLUMNS, column_needs, fits_as_grid, grid_widths
from tests.export.sample import NOW

REFEREES = (
    "Organisation", "Referee's name", "Referee's position", "Email", "Telephone",
    "Service provided", "Contract value", "Start date", "End date",
)  # fmt: skip
ROW = (
    "Manchester City Council", "Sarah Bennett", "Commissioning Manager, Adult Social Care",
    "s.bennett@council.example", "0161 496 0310",
    "Home care and reablement for around 140 older adults a week in four north Manchester "
    "wards, delivered by neighbourhood teams of eight to ten carers.",
    "£1,380,000.00", "25 October 2023", "19 October 2027",
)  # fmt: skip
NARROW = (("Name", "Role", "In post since"),
          (("Margaret Doyle", "Chair of the board", "17 September 2014"),
           ("Gareth Lloyd", "Director (elected staff member)", "1 July 2021")))  # fmt: skip


def document_with(*tables: Table) -> Document:
    question = QuestionBlock("P1", "Give two or three referees", tables)
    section = SectionBlock("P", "References", 1, (question,))
    cover = Cover("Bid", "Form (v1)", "Buyer", "REF-1", "Riverside CIC", (), "31 March 2026")
    props = Properties("Bid – Form", "Riverside CIC", "Response", "REF-1", NOW)
    return Document(cover, props, (section,))


def pdf_text(document: Document) -> str:
    out = io.BytesIO()
    write_pdf(document, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_a_nine_column_table_becomes_one_block_per_row() -> None:
    table = Table.arranged(REFEREES, (ROW, ROW))
    assert len(REFEREES) > MAX_GRID_COLUMNS and table.records
    caption, pairs = table.records_of()[0]
    assert caption == "1. Manchester City Council"
    assert ("Contract value", "£1,380,000.00") in pairs
    assert len(table.widths) == 2 and table.widths[0] < table.widths[1]


def test_a_narrow_table_stays_a_grid_with_widths_that_follow_the_content() -> None:
    header, rows = NARROW
    table = Table.arranged(header, rows)
    assert not table.records
    assert abs(sum(table.widths) - 1) < 0.01
    # The role column, with the longest text, gets the most room; none gets less than it needs.
    assert table.widths[1] == max(table.widths)
    assert table.widths != grid_widths(("a", "b", "c"), (("x", "y", "z"),))


def test_a_grid_whose_longest_words_cannot_sit_side_by_side_is_not_a_grid() -> None:
    long_words = ("x" * 30, "y" * 30, "z" * 30)
    assert not fits_as_grid(("A", "B", "C"), (long_words,))
    least = [need[0] for need in column_needs(("A", "B"), (("Manchester", "£1,380,000.00"),))]
    assert least[0] >= len("Manchester") and least[1] >= len("£1,380,000.00")


def test_no_word_is_broken_in_the_pdf() -> None:
    header, rows = NARROW
    text = pdf_text(document_with(Table.arranged(REFEREES, (ROW,)), Table.arranged(header, rows)))
    words = set(re.findall(r"\S+", text))
    for expected in ("Manchester", "£1,380,000.00", "s.bennett@council.example",
                     "reablement", "Commissioning", "(elected"):  # fmt: skip
        assert expected in words, expected
    assert "Organisation:" not in text  # the caption names the row by its first cell
    assert "1. Manchester City Council" in text


def test_word_rows_never_split_headers_repeat_and_widths_follow_content() -> None:
    header, rows = NARROW
    out = io.BytesIO()
    write_docx(document_with(Table.arranged(header, rows), Table.arranged(REFEREES, (ROW,))), out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        xml = package.read("word/document.xml").decode()
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)
    assert len(tables) == 2  # the grid, and one block for the single referee
    for table in tables:
        rows_xml = re.findall(r"<w:tr[ >].*?</w:tr>", table, flags=re.S)
        assert all('<w:cantSplit w:val="true"/>' in row for row in rows_xml)
        assert '<w:tblLayout w:type="fixed"/>' in table
    assert '<w:tblHeader w:val="true"/>' in tables[0]
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', tables[0])]
    assert len(set(widths)) == 3 and widths[1] == max(widths)
    assert "1. Manchester City Council" in xml and "£1,380,000.00" in xml
