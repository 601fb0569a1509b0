"""The partner request as a Word form, for partners without BidKit, and reading it back.

One table per section: number, the question with its help and limit, and the answer cell to
fill (grey). Yes/no questions and choices are tick boxes (☐, ticked as ☒ or by typing X).
Table questions follow their section's table as real Word tables (`word_tables`); a question
answered from a library item gets a free-text cell with a note. Which exchange and request the
form belongs to is kept in the document's properties (identifier), and which table and row is
which question in the lead's own record, so the filled file merges like a reply pack.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from bidkit.consortium.word_tables import TEXT_WIDTH_CM, add_table_question, read_table
from bidkit.errors import InputRefused

MARKER = "bidkit-word-form"
UNTICKED, TICKED = "☐", "☒"
_TICK_MARKS = "☒☑■✓✔xX"
_ANSWER_SHADE = "EDEDED"
_NO_ANSWER = "(answer here)"
_LIBRARY_NOTE = (
    "Write the text, or name the document you send with this form (a policy, a certificate): "
    "the lead links it to the evidence the buyer asks for."
)


def _shade(cell: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), _ANSWER_SHADE)
    cell._tc.get_or_add_tcPr().append(shading)


def _widths(table: Any) -> None:
    """A narrow number column and room to write: Word and LibreOffice read the cell widths."""
    from docx.shared import Cm

    table.autofit = False
    widths = (Cm(2.2), Cm(7.6), Cm(TEXT_WIDTH_CM - 9.8))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _boxes(options: list[tuple[str, str]], chosen: set[str]) -> str:
    return "   ".join(f"{TICKED if oid in chosen else UNTICKED} {text}" for oid, text in options)


def _answer_text(entry: Mapping[str, Any]) -> str:
    """What goes in the answer cell: the held value, or tick boxes to fill."""
    kind, value = entry["type"], entry.get("value")
    yes_no = [("yes", "Yes"), ("no", "No")]
    options = [(str(o[0]), str(o[1])) for o in entry.get("options", [])]
    if kind == "yes_no":
        return _boxes(yes_no, {str(value)})
    if kind == "yes_no_details":
        data = value if isinstance(value, dict) else {}
        details = str(data.get("details") or "")
        return _boxes(yes_no, {str(data.get("answer"))}) + f"\nDetails: {details}"
    if kind == "single_choice":
        return "\n".join(_boxes([o], {str(value)}) for o in options)
    if kind == "multiple_choice":
        chosen = {str(v) for v in value} if isinstance(value, list) else set()
        return "\n".join(_boxes([o], chosen) for o in options)
    if kind == "declaration":
        data = value if isinstance(value, dict) else {}
        agreed = TICKED if data.get("agreed") is True else UNTICKED
        return f"{agreed} I agree\nName: {data.get('name') or ''}\nDate: {data.get('date') or ''}"
    if kind == "evidence" and isinstance(value, dict):
        return str(value.get("text") or value.get("title") or "")
    return "" if value is None else str(value)


def _a4(document: Any) -> None:
    """A4 with 2 cm margins: the page the tables' widths are made for."""
    from docx.shared import Cm

    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def _notes(entry: Mapping[str, Any]) -> str:
    notes = [str(entry.get("help") or "")]
    if entry.get("limit"):
        notes.append(f"Limit: {entry['limit']}.")
    if not entry.get("mandatory", True):
        notes.append("Optional.")
    if entry["type"] == "evidence":
        notes.append(_LIBRARY_NOTE)
    return " ".join(n for n in notes if n)


def _table_heading(document: Any, entry: Mapping[str, Any]) -> None:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(10)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(f"{entry['number']} ".lstrip()).bold = True
    paragraph.add_run(str(entry["text"])).bold = True
    note = " ".join(
        n
        for n in (_notes(entry), "Fill in the table below; leave rows you do not need empty.")
        if n
    )
    run = paragraph.add_run("\n" + note)
    run.italic, run.font.size = True, Pt(9)


def _section_table(
    document: Any, entries: list[Mapping[str, Any]], numbers: dict[str, str]
) -> None:
    """A section's questions: number, question with its notes, and the grey answer cell."""
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("No.", "Question", "Your answer"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for entry in entries:
        cells = table.add_row().cells
        cells[0].text = str(entry["number"])
        cells[1].text = str(entry["text"])
        note = _notes(entry)
        if note:
            run = cells[1].add_paragraph().add_run(note)
            run.italic = True
            run.font.size = Pt(9)
        cells[2].text = _answer_text(entry)
        _shade(cells[2])
        numbers[str(entry["number"])] = str(entry["id"])
    _widths(table)


def build_word_form(
    identity: Mapping[str, Any], content: Mapping[str, Any]
) -> tuple[bytes, dict[str, Any]]:
    """The request as a .docx, and its layout (which table is which section, which row number
    is which question) for the lead's record; the file itself names only its request.

    `identity` holds exchange_id, sequence, partner, title, buyer, lead and deadline (text).
    """
    import docx

    document = docx.Document()
    _a4(document)
    document.add_heading(f"Partner questionnaire: {identity['title']}", level=0)
    intro = (
        f"{identity['lead']} leads this bid to {identity['buyer']} and asks "
        f"{identity['partner']} to answer the questions below by {identity['deadline']}. "
        "Type in the grey answer cells. For yes/no questions and choices, replace ☐ with ☒ "
        "(or type X in front of your choice). Please do not change the first two columns or "
        "add or remove tables (you may add rows to a table), then send the saved file back."
    )
    document.add_paragraph(intro)
    if identity.get("documents"):
        names = ", ".join(str(n) for n in identity["documents"])
        document.add_paragraph(
            f"Sent with this form (by e-mail, a Word form cannot hold them): {names}."
        )
    if content.get("summary"):
        document.add_paragraph(str(content["summary"]))
    tables: list[list[Any]] = []
    questions: dict[str, dict[str, str]] = {}
    for form in content["forms"]:
        sections: dict[str, list[Mapping[str, Any]]] = {}
        for entry in form["questions"]:
            sections.setdefault(entry.get("section") or form["title"], []).append(entry)
        questions[form["form_id"]] = {}
        for section, entries in sections.items():
            document.add_heading(f"{form['title']}: {section}", level=1)
            rows = [e for e in entries if e["type"] != "table"]
            if rows:
                _section_table(document, rows, questions[form["form_id"]])
                tables.append([form["form_id"], section])
            for entry in (e for e in entries if e["type"] == "table"):
                _table_heading(document, entry)
                tables.append(
                    [form["form_id"], section, add_table_question(document, entry, _shade)]
                )
    properties = document.core_properties
    properties.author = properties.last_modified_by = str(identity["lead"])
    properties.title = f"Partner questionnaire: {identity['title']}"
    properties.identifier = f"{MARKER}:{identity['exchange_id']}:{identity['sequence']}"
    properties.comments = f"Partner form made by BidKit for {identity['partner']}"[:250]
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), {"tables": tables, "questions": questions}


# -- reading a filled form -----------------------------------------------------------------------
def _ticked(text: str, label: str) -> bool:
    match = re.search(rf"([{_TICK_MARKS}☐\[\]\s]*)\s*{re.escape(label)}\b", text)
    if match is None:
        return False
    return any(mark in match.group(1) for mark in _TICK_MARKS)


def _after(text: str, label: str) -> str:
    match = re.search(rf"^{label}:[ \t]*(.*)$", text, re.MULTILINE)
    return match.group(1).strip() if match else ""


def read_answer(kind: str, options: list[tuple[str, str]], text: str) -> Any:
    """The answer written in one answer cell, in the shape of its question type."""
    text = text.replace(_NO_ANSWER, "").strip()
    if kind in ("yes_no", "yes_no_details"):
        first_line = text.splitlines()[0] if text else ""
        answer = "yes" if _ticked(first_line, "Yes") else "no" if _ticked(first_line, "No") else ""
        if kind == "yes_no":
            return answer or None
        return {"answer": answer, "details": _after(text, "Details")}
    if kind in ("single_choice", "multiple_choice"):
        chosen = [oid for oid, label in options if _ticked(text, label)]
        if kind == "single_choice":
            return chosen[0] if chosen else None
        return chosen
    if kind == "declaration":
        return {
            "agreed": _ticked(text, "I agree"),
            "name": _after(text, "Name"),
            "date": _after(text, "Date"),
        }
    return text or None


def read_word_form(name: str, data: bytes) -> tuple[str, int, Any]:
    """(exchange id, request sequence, the python-docx document) of a filled form.

    `data` must already have passed the library's Word safety checks.
    """
    import docx

    document = docx.Document(io.BytesIO(data))
    marker, _, rest = (document.core_properties.identifier or "").partition(":")
    exchange_id, _, sequence = rest.partition(":")
    if marker != MARKER or not exchange_id or not sequence.isdigit():
        raise InputRefused(
            f"“{name}” was not imported: it is not a BidKit partner form (its properties do "
            "not name a request). Import the form BidKit made, filled in."
        )
    return exchange_id, int(sequence), document


def answer_cells(name: str, document: Any, layout: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """{form id: {question number: answer cell text}}, following the layout BidKit recorded."""
    tables = list(layout.get("tables", []))
    if len(document.tables) != len(tables):
        raise InputRefused(
            f"“{name}” was not imported: it has {len(document.tables)} tables where the form "
            f"had {len(tables)}. Fill in the form without adding or removing tables."
        )
    cells: dict[str, dict[str, str]] = {}
    for table, entry in zip(document.tables, layout.get("tables", []), strict=True):
        if len(entry) > 2:  # a table question's own table: read by `table_answers`
            continue
        form_id = str(entry[0])
        for row in table.rows[1:]:
            if len(row.cells) < 3:
                continue
            number = row.cells[0].text.strip()
            answer = "\n".join(p.text for p in row.cells[2].paragraphs).strip()
            cells.setdefault(form_id, {})[number] = answer[:200_000]
    return cells


def table_answers(name: str, document: Any, layout: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{form id: {question id: rows or None}} from the table questions' own tables."""
    found: dict[str, dict[str, Any]] = {}
    for table, entry in zip(document.tables, layout.get("tables", []), strict=True):
        if len(entry) > 2:
            record = entry[2]
            found.setdefault(str(entry[0]), {})[str(record["question"])] = read_table(
                name, table, record
            )
    return found
