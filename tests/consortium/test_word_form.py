"""Partners without BidKit: the request as a Word form, filled in any word processor and merged
back with the same checks and provenance; hostile Word files refused as the library refuses them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from bidkit.errors import InputRefused
from bidkit.ops import pack_merge
from bidkit.ops.questionnaires import read_questionnaire
from bidkit.ops.word_forms import export_word_form, import_word_form, preview_word_form
from tests.consortium.exchange import Exchange, database_hash, open_exchange
from tests.library.docx_corpus import hostile_corpus


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)


def _form(ex: Exchange) -> Path:
    path = ex.folder / "greenway.docx"
    export_word_form(ex.lead, ex.bid_id, ex.greenway_id, path)
    return path


def _section_tables(document: Any) -> list[Any]:
    """The tables of questions (not the tables that table questions are answered in)."""
    return [
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells] == ["No.", "Question", "Your answer"]
    ]


def _fill(path: Path, target: Path, text: str = "Typed in Word") -> tuple[str, str]:
    """Fill the first empty text cell and tick Yes in the first yes/no; returns their numbers."""
    document = docx.Document(str(path))
    typed = ticked = ""
    for table in _section_tables(document):
        for row in table.rows[1:]:
            cell = row.cells[2]
            if not typed and not cell.text.strip():
                cell.paragraphs[0].text = text
                typed = row.cells[0].text
            elif not ticked and cell.text == "☐ Yes   ☐ No":
                cell.paragraphs[0].text = "X Yes   ☐ No"
                ticked = row.cells[0].text
    document.save(str(target))
    return typed, ticked


def test_word_form_is_a_table_per_section_with_tick_boxes(exchange: Exchange) -> None:
    document = docx.Document(str(_form(exchange)))
    sections = _section_tables(document)
    assert sections and len(document.tables) == len(sections) + 1  # + the PSC details table
    answers = [row.cells[2].text for t in sections for row in t.rows[1:]]
    assert any(a.startswith("☐ Yes   ☐ No") for a in answers)
    assert document.core_properties.identifier.startswith("bidkit-word-form:")


def test_filled_form_merges_with_provenance_and_reimport_changes_nothing(
    exchange: Exchange,
) -> None:
    ex = exchange
    filled = ex.folder / "filled.docx"
    typed, ticked = _fill(_form(ex), filled)
    assert typed and ticked
    preview = preview_word_form(ex.lead, filled, ex.bid_id, ex.greenway_id)
    assert preview.counts["add"] >= 1 and preview.trust == "word_form"
    record = import_word_form(ex.lead, filled, ex.bid_id, ex.greenway_id).created or 0
    snap = read_questionnaire(ex.lead, ex.bid_id)
    taken = [a for a in snap.answers.values() if a.source_ref == f"pack:{record}"]
    assert any(a.value == "Typed in Word" for a in taken)
    assert all("Word form" in a.source_label for a in taken)
    assert any(a.value == "yes" for a in taken)
    again = import_word_form(ex.lead, filled, ex.bid_id, ex.greenway_id)
    assert again.created is None
    pack_merge.undo_import(ex.lead, record)


def test_wrong_partner_foreign_or_reshaped_forms_are_refused(exchange: Exchange) -> None:
    ex = exchange
    form = _form(ex)
    before = database_hash(ex.lead)
    with pytest.raises(InputRefused, match="made for Greenway"):
        import_word_form(ex.lead, form, ex.bid_id, 2)
    plain = ex.folder / "plain.docx"
    docx.Document().save(str(plain))
    with pytest.raises(InputRefused, match="not a BidKit partner form"):
        import_word_form(ex.lead, plain, ex.bid_id, ex.greenway_id)
    reshaped = ex.folder / "reshaped.docx"
    document = docx.Document(str(form))
    document.tables[0]._element.getparent().remove(document.tables[0]._element)
    document.save(str(reshaped))
    with pytest.raises(InputRefused, match="without adding or removing tables"):
        import_word_form(ex.lead, reshaped, ex.bid_id, ex.greenway_id)
    assert database_hash(ex.lead) == before


@pytest.mark.parametrize("case", ["xxe", "billion-laughs", "doctype-utf16"])
def test_hostile_word_files_get_the_library_refusals(exchange: Exchange, case: str) -> None:
    data, expected = hostile_corpus()[case]
    path = exchange.folder / f"{case}.docx"
    path.write_bytes(data)
    before = database_hash(exchange.lead)
    with pytest.raises(InputRefused, match=expected):
        import_word_form(exchange.lead, path, exchange.bid_id, exchange.greenway_id)
    assert database_hash(exchange.lead) == before


def test_zip_slip_word_file_is_refused(exchange: Exchange) -> None:
    form = _form(exchange)
    buffer = io.BytesIO()
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("../../evil.xml", b"<x/>")
    bad = exchange.folder / "slip.docx"
    bad.write_bytes(buffer.getvalue())
    with pytest.raises(InputRefused):
        import_word_form(exchange.lead, bad, exchange.bid_id, exchange.greenway_id)


def test_cli_word_form_round_trip(exchange: Exchange, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from bidkit.cli import main

    ex = exchange
    root = str(ex.lead.root)
    ex.lead.close()
    form, filled = ex.folder / "cli.docx", ex.folder / "cli-filled.docx"
    assert (
        main(
            [
                "--data-dir",
                root,
                "pack",
                "export",
                str(ex.bid_id),
                "--partner",
                str(ex.greenway_id),
                "--format",
                "docx",
                "-o",
                str(form),
                "--json",
            ]
        )
        == 0
    )
    capsys.readouterr()
    _fill(form, filled)
    assert (
        main(
            [
                "--data-dir",
                root,
                "pack",
                "import",
                str(filled),
                "--bid",
                str(ex.bid_id),
                "--partner",
                str(ex.greenway_id),
                "--json",
            ]
        )
        == 0
    )
    merged = json.loads(capsys.readouterr().out)
    assert merged["kind"] == "reply" and merged["answers_added"] >= 2
    assert main(["--data-dir", root, "pack", "import", str(filled), "--json"]) == 3
    assert "--bid BID_ID --partner ORG_ID" in capsys.readouterr().err
