"""Table and library-item questions in the partner's Word form: real Word tables written and
read back into the table-answer shape, with the same merge, preview and conflicts."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from bidkit.consortium.word_form import answer_cells, build_word_form, table_answers
from bidkit.errors import InputRefused
from bidkit.forms.catalog import get_form
from bidkit.ops import pack_merge
from bidkit.ops.questionnaires import read_questionnaire, set_answer
from bidkit.ops.word_forms import export_word_form, import_word_form, preview_word_form
from tests.consortium.exchange import Exchange, database_hash, open_exchange

IDENTITY = {
    "exchange_id": "e" * 32,
    "sequence": 1,
    "partner": "Greenway",
    "title": "Welfare advice",
    "buyer": "Council",
    "lead": "Riverside",
    "deadline": "29/12/2026",
}
GRID = {
    "id": "insurance_schedule",
    "number": "8.1(f)",
    "text": "List your insurance.",
    "help": "",
    "type": "table",
    "mandatory": True,
    "limit": "",
    "options": [],
    "columns": [
        ["type", "Type of insurance", "short_text"],
        ["cover", "Cover for each claim", "money"],
        ["renewal", "Renewal date", "date"],
    ],
    "max_rows": None,
    "section": "8 / 8.1",
    "value": [{"type": "Public liability", "cover": "5000000.00", "renewal": "2027-03-31"}],
}
LIBRARY = {
    "id": "safeguarding_case",
    "number": "9.2",
    "text": "Describe a safeguarding case you handled.",
    "help": "",
    "type": "evidence",
    "mandatory": True,
    "limit": "",
    "options": [],
    "columns": [],
    "section": "9",
    "value": None,
}


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)


def _build(*entries: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    content = {"forms": [{"form_id": "f", "title": "Form", "questions": list(entries)}]}
    data, layout = build_word_form(IDENTITY, content)
    return docx.Document(io.BytesIO(data)), layout


def test_a_narrow_table_is_a_grid_on_a4_and_reads_back_with_added_rows() -> None:
    document, layout = _build(GRID)
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    grid = document.tables[-1]
    assert [c.text for c in grid.rows[0].cells] == [
        "Type of insurance",
        "Cover for each claim",
        "Renewal date",
    ]
    assert [c.text for c in grid.rows[1].cells] == [
        "Public liability",
        "£5,000,000.00",
        "31/03/2027",
    ]
    assert len(grid.rows) == 1 + 3  # the held row and room for two more
    grid.rows[2].cells[0].text = "Employer's liability"
    grid.rows[2].cells[1].text = "£10m" if False else "10,000,000"
    grid.rows[2].cells[2].text = "1 April 2027"
    added = grid.add_row().cells  # a partner may add rows in Word
    added[0].text, added[1].text = "Professional indemnity", "£2,000,000"
    rows = table_answers("filled.docx", document, layout)["f"]["insurance_schedule"]
    assert rows == [
        {"type": "Public liability", "cover": "5000000.00", "renewal": "2027-03-31"},
        {"type": "Employer's liability", "cover": "10000000.00", "renewal": "2027-04-01"},
        {"type": "Professional indemnity", "cover": "2000000.00", "renewal": None},
    ]


def test_an_unreadable_cell_is_refused_naming_where() -> None:
    document, layout = _build(GRID)
    document.tables[-1].rows[2].cells[2].text = "next spring"
    with pytest.raises(InputRefused, match=r"in 8.1\(f\), row 2, “next spring” under Renewal"):
        table_answers("filled.docx", document, layout)


def test_a_library_item_question_is_a_text_cell_with_a_note() -> None:
    document, layout = _build(LIBRARY)
    row = document.tables[0].rows[1]
    assert row.cells[0].text == "9.2"
    assert "name the document you send with this form" in row.cells[1].text
    row.cells[2].paragraphs[0].text = "In 2025 we supported a client who..."
    cells = answer_cells("filled.docx", document, layout)
    assert cells["f"]["9.2"] == "In 2025 we supported a client who..."


def _psc_table(document: Any) -> Any:
    return next(t for t in document.tables if t.rows[0].cells[0].text == "Entry 1")


def _fill_psc(path: Path, target: Path) -> None:
    """A partner fills the first entry of the PSC details table in Word (python-docx)."""
    document = docx.Document(str(path))
    table = _psc_table(document)
    values = {
        "Name": "Alex Morgan",
        "Date of birth": "05/1980",
        "Nationality": "British",
    }
    for row in table.rows[1:8]:
        title = row.cells[0].text
        if title in values:
            row.cells[1].text = values[title]
        elif title.startswith("Date they became"):
            row.cells[1].text = "6 April 2016"
    document.save(str(target))


def test_wide_table_round_trip_through_the_merge_preview_and_conflicts(
    exchange: Exchange,
) -> None:
    ex = exchange
    form_path = ex.folder / "greenway.docx"
    export_word_form(ex.lead, ex.bid_id, ex.greenway_id, form_path)
    document = docx.Document(str(form_path))
    psc = _psc_table(document)
    question = get_form("uk-sq-ppn-03-23").question("psc_details")
    assert len(psc.rows) == 3 * (len(question.columns) + 1)  # three entries, one per block
    filled = ex.folder / "filled.docx"
    _fill_psc(form_path, filled)
    with pytest.raises(InputRefused, match="“05/1980” under Date of birth"):
        preview_word_form(ex.lead, filled, ex.bid_id, ex.greenway_id)
    fixed = docx.Document(str(filled))
    for row in _psc_table(fixed).rows:
        if row.cells[0].text == "Date of birth":
            row.cells[1].text = "14/05/1980"
            break
    fixed.save(str(filled))
    # The lead edits the table after sending: the partner's differs, so it is a conflict.
    snap = read_questionnaire(ex.lead, ex.bid_id)
    mine = [{"name": "Someone else"}]
    set_answer(ex.lead, snap.bid_form_id, "psc_details", ex.greenway_id, mine)
    preview = preview_word_form(ex.lead, filled, ex.bid_id, ex.greenway_id)
    item = next(i for i in preview.items if i.question.id == "psc_details")
    theirs = [
        {
            "name": "Alex Morgan",
            "date_of_birth": "1980-05-14",
            "nationality": "British",
            "residence": None,
            "service_address": None,
            "since": "2016-04-06",
            "conditions": None,
        }
    ]
    assert item.outcome.value == "conflict" and item.theirs == _keys_like(question, theirs)
    record = import_word_form(ex.lead, filled, ex.bid_id, ex.greenway_id).created or 0
    conflict = next(
        c for c in pack_merge.open_conflicts(ex.lead, ex.bid_id) if c.question_id == "psc_details"
    )
    pack_merge.resolve_conflict(ex.lead, conflict.id, "theirs")
    taken = read_questionnaire(ex.lead, ex.bid_id).answer("psc_details", ex.greenway_id)
    assert taken.value == item.theirs and "Word form" in taken.source_label
    before = database_hash(ex.lead)
    assert import_word_form(ex.lead, filled, ex.bid_id, ex.greenway_id).created is None
    assert database_hash(ex.lead) == before
    assert record


def _keys_like(question: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The expected rows keyed by the form's own column ids, in column order."""
    ids = [c.id for c in question.columns]
    values = [list(r.values()) for r in rows]
    return [dict(zip(ids, v, strict=True)) for v in values]


def test_a_word_reply_says_it_is_unsigned_and_whom_to_check_with(exchange: Exchange) -> None:
    from bidkit.ops import consortium

    ex = exchange
    consortium.update_partner(
        ex.lead, ex.bid_id, ex.greenway_id, {"contact_email": "sam@greenway.coop"}
    )
    form_path = ex.folder / "greenway.docx"
    export_word_form(ex.lead, ex.bid_id, ex.greenway_id, form_path)
    preview = preview_word_form(ex.lead, form_path, ex.bid_id, ex.greenway_id)
    assert preview.trust == "word_form" and not preview.signed
    assert preview.trust_text.startswith(
        "Unsigned Word reply — check it came from sam@greenway.coop (Greenway"
    )
    consortium.update_partner(ex.lead, ex.bid_id, ex.greenway_id, {"contact_email": ""})
    text = preview_word_form(ex.lead, form_path, ex.bid_id, ex.greenway_id).trust_text
    assert text.startswith("Unsigned Word reply — check it came from ")
