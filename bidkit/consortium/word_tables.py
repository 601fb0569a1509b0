"""Table questions in the partner's Word form: a real Word table to fill, read back as rows.

A table of up to `GRID_COLUMNS` columns is a grid (a header row of column titles, then rows to
fill; a partner may add rows in Word). A wider one would not be readable on A4, so it becomes
one block per entry ("Entry 1", then a row per column with the title beside the cell to fill).
Cells are written and read in the forms' stored shapes (ISO dates, pounds with two decimals,
whole numbers, "yes"/"no"), read and parsed as on the answer page (`bidkit.forms.table_cells`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bidkit.errors import InputRefused
from bidkit.forms.table_cells import cell_text, parse_cell

GRID_COLUMNS = 5
TEXT_WIDTH_CM = 17.0  # A4 with 2 cm margins
_DEFAULT_ENTRIES = 3
_MAX_ENTRIES = 10


def entry_count(held_rows: int, max_rows: int | None) -> int:
    """How many rows (or entries) to offer: what is held and room for more, within the limit."""
    wanted = max(_DEFAULT_ENTRIES, held_rows + 2)
    return max(min(wanted, max_rows or _MAX_ENTRIES), held_rows)


def add_table_question(document: Any, entry: Mapping[str, Any], shade: Any) -> dict[str, Any]:
    """Write one table question's Word table after its heading; returns its layout record."""
    from docx.shared import Cm, Pt

    columns = [(str(c[0]), str(c[1]), str(c[2]) if len(c) > 2 else "short_text")
               for c in entry.get("columns", [])]  # fmt: skip
    held = entry.get("value")
    rows = [r for r in held if isinstance(r, dict)] if isinstance(held, list) else []
    count = entry_count(len(rows), entry.get("max_rows"))
    grid = len(columns) <= GRID_COLUMNS
    if grid:
        table = document.add_table(rows=1 + count, cols=len(columns))
        table.style = "Table Grid"
        width = Cm(TEXT_WIDTH_CM / len(columns))
        for cell, (_cid, title, _kind) in zip(table.rows[0].cells, columns, strict=True):
            cell.text = title
            run = cell.paragraphs[0].runs[0]
            run.bold, run.font.size = True, Pt(9)
        for index in range(count):
            values = rows[index] if index < len(rows) else {}
            for cell, (cid, _title, kind) in zip(table.rows[1 + index].cells, columns, strict=True):
                cell.text = cell_text(kind, values.get(cid))
                shade(cell)
        for row in table.rows:
            for cell in row.cells:
                cell.width = width
    else:
        table = document.add_table(rows=count * (len(columns) + 1), cols=2)
        table.style = "Table Grid"
        for index in range(count):
            values = rows[index] if index < len(rows) else {}
            base = index * (len(columns) + 1)
            head = table.rows[base].cells
            merged = head[0].merge(head[1])
            merged.text = f"Entry {index + 1}"
            merged.paragraphs[0].runs[0].bold = True
            for offset, (cid, title, kind) in enumerate(columns, start=1):
                cells = table.rows[base + offset].cells
                cells[0].text = title
                cells[1].text = cell_text(kind, values.get(cid))
                shade(cells[1])
        for row in table.rows:
            for cell, width in zip(row.cells, (Cm(5.5), Cm(11.5)), strict=False):
                cell.width = width
    table.autofit = False
    return {
        "question": str(entry["id"]),
        "number": str(entry.get("number") or entry.get("text", ""))[:60],
        "layout": "grid" if grid else "entries",
        "columns": [[cid, kind, title] for cid, title, kind in columns],
    }


def read_table(name: str, table: Any, record: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The rows a partner filled in one table question (None: nothing filled)."""
    number = str(record.get("number", ""))
    columns: Sequence[tuple[str, str]] = [(str(c[0]), str(c[1])) for c in record["columns"]]
    titles = {str(c[0]): str(c[2]) for c in record["columns"]}
    raw: list[list[str]] = []
    if record["layout"] == "grid":
        for row in table.rows[1:]:
            texts = [c.text for c in row.cells]
            if len(texts) != len(columns):
                raise _reshaped(name, number)
            raw.append(texts)
    else:
        block = len(columns) + 1
        if len(table.rows) % block:
            raise _reshaped(name, number)
        for start in range(0, len(table.rows), block):
            cells = [table.rows[start + offset].cells for offset in range(1, block)]
            if any(len(c) < 2 for c in cells):
                raise _reshaped(name, number)
            raw.append([c[-1].text for c in cells])
    result = []
    for position, texts in enumerate(raw, start=1):
        if not any(t.strip() for t in texts):
            continue
        parsed: dict[str, Any] = {}
        for (cid, kind), text in zip(columns, texts, strict=True):
            try:
                parsed[cid] = parse_cell(kind, text[:20_000])
            except ValueError as exc:
                raise InputRefused(
                    f"“{name}” was not imported: in {number}, row {position}, "
                    f"“{text.strip()[:40]}” under {titles[cid]} cannot be read ({exc}). "
                    "Correct it in the form and import it again."
                ) from None
        result.append(parsed)
    return result or None


def _reshaped(name: str, number: str) -> InputRefused:
    return InputRefused(
        f"“{name}” was not imported: the table for {number} was changed in shape (columns "
        "or an entry's lines added or removed). Fill in the form's tables as they were made."
    )
