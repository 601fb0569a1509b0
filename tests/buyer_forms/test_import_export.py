"""Importing a buyer's Word questionnaire into a bid, reviewing it like a shipped one,
correcting what was found, and exporting the buyer's own file filled in."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from bidkit.buyer_forms.reader import W14, body_blocks, text_of
from bidkit.errors import InputRefused, NotFound
from bidkit.forms import catalog
from bidkit.ops import buyer_forms as buyer_ops
from bidkit.ops.buyer_corrections import (
    corrections_of,
    mark_not_a_question,
    merge_questions,
    set_answer_type,
    set_limit,
    split_question,
)
from bidkit.ops.buyer_forms import export_buyer_form, import_buyer_form, load_buyer_form
from bidkit.ops.demo import seed_demo
from bidkit.ops.questionnaires import forms_of_bid, read_questionnaire, set_answer
from bidkit.store.workspace import Workspace
from tests.cli_run import run

CORPUS = Path(__file__).parent / "corpus"
BID = 1


@pytest.fixture
def ws(workspace_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(workspace_dir)
    seed_demo(workspace, force=True)
    try:
        yield workspace
    finally:
        workspace.close()


def buyer_rows(workspace_dir: Path) -> int:
    con = sqlite3.connect(workspace_dir / "bidkit.sqlite3")
    try:
        return int(con.execute("SELECT count(*) FROM buyer_form").fetchone()[0])
    finally:
        con.close()


# -- the command line -----------------------------------------------------------------------------
def test_forms_import_and_export_buyer_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "demo")[0] == 0
    code, out, err = run(
        capsys, "forms", "import", str(CORPUS / "01-council-sq.docx"), "--bid", "1", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= {"form_id", "questions", "prefilled", "coverage", "limits"}
    assert data["questions"] == 14
    assert data["prefilled"] == 11 and 0.9 < data["coverage"] <= 1
    assert data["limits"] == [
        {"question": "q10", "ref": "", "text": data["limits"][0]["text"], "words": 500}
    ]
    target = tmp_path / "filled.docx"
    code, out, err = run(capsys, "export", "1", "--format", "buyer", "-o", str(target), "--json")
    assert code == 0, err
    assert json.loads(out)["placed"] == 11
    assert "Riverside Community Care CIC" in [text_of(c) for c in _cells(target)]


def test_a_hostile_file_is_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, workspace_dir: Path
) -> None:
    assert run(capsys, "demo")[0] == 0
    hostile = tmp_path / "questionnaire.docx"
    with zipfile.ZipFile(CORPUS / "01-council-sq.docx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    document = parts["word/document.xml"]
    parts["word/document.xml"] = document.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x "boom">]>', 1)
    with zipfile.ZipFile(hostile, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    code, out, err = run(capsys, "forms", "import", str(hostile), "--bid", "1")
    assert code == 3 and out == ""
    assert "questionnaire.docx" in err and "Traceback" not in err
    assert buyer_rows(workspace_dir) == 0


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "older binary Word"),
        ("notes.txt", b"hello", r"not a Word \(\.docx\) file"),
    ],
)
def test_files_that_are_not_word_documents_are_refused(
    ws: Workspace, tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputRefused, match=says):
        import_buyer_form(ws, path, BID)


def test_a_document_without_answer_spaces_is_refused(ws: Workspace, tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Thank you for your interest in this tender.")
    path = tmp_path / "letter.docx"
    document.save(str(path))
    with pytest.raises(InputRefused, match="found no questions"):
        import_buyer_form(ws, path, BID)


# -- attached like a shipped questionnaire --------------------------------------------------------
def test_the_imported_questionnaire_is_attached_to_the_bid(ws: Workspace) -> None:
    _, imported = import_buyer_form(ws, CORPUS / "03-ref-question-answer.docx", BID)
    assert imported.form_id in forms_of_bid(ws, BID)
    snapshot = read_questionnaire(ws, BID, imported.form_id)
    legal = snapshot.answer("q1", None)
    assert legal is not None and legal.value == "Riverside Community Care CIC"
    assert legal.source_kind == "profile" and legal.source_label == "Profile: Legal name"
    case = snapshot.answer("q9", None)
    assert case is not None and case.source_kind == "evidence"
    assert "% match" in case.source_label
    assert snapshot.answer("q4", None) is None  # a CIC has no charity number
    rules = snapshot.rules()
    form = catalog.get_form(imported.form_id)
    assert form.question("q9").limit is not None and form.question("q9").limit.words == 750
    assert rules.is_asked(form.question("q1"), 0)


def test_the_form_is_found_again_after_the_program_restarts(ws: Workspace) -> None:
    _, imported = import_buyer_form(ws, CORPUS / "02-trust-numbered-boxes.docx", BID)
    catalog._imported.clear()
    buyer_ops._registered.clear()
    snapshot = read_questionnaire(ws, BID, imported.form_id)
    assert snapshot.answer("q1", None) is not None


def test_the_writers_own_answer_is_exported_and_a_signature_never_filled(
    ws: Workspace, tmp_path: Path
) -> None:
    _, imported = import_buyer_form(ws, CORPUS / "01-council-sq.docx", BID)
    snapshot = read_questionnaire(ws, BID, imported.form_id)
    buyer = load_buyer_form(ws, BID, imported.form_id)
    tupe = buyer.questions[3]  # Registered charity number: left empty by pre-fill
    assert tupe.text == "Registered charity number"
    set_answer(ws, snapshot.bid_form_id, tupe.id, None, "Not applicable: we are a CIC")
    signature = next(q for q in buyer.questions if q.role == "signature")
    set_answer(ws, snapshot.bid_form_id, signature.id, None, "D Okafor")
    target = tmp_path / "out.docx"
    result = export_buyer_form(ws, BID, target, imported.form_id)
    texts = [text_of(c) for c in _cells(target)]
    assert "Not applicable: we are a CIC" in texts
    assert "D Okafor" not in texts
    assert signature.id not in [q for q, _ in result.skipped]


# -- writing back ---------------------------------------------------------------------------------
def test_everything_but_the_answers_is_left_as_the_buyer_made_it(
    ws: Workspace, tmp_path: Path
) -> None:
    source = CORPUS / "05-content-controls.docx"
    _, imported = import_buyer_form(ws, source, BID)
    target = tmp_path / "out.docx"
    export_buyer_form(ws, BID, target, imported.form_id)
    before, after = _parts(source), _parts(target)
    assert set(before) == set(after)
    for name in before:
        if name not in ("word/document.xml", "docProps/core.xml"):
            assert before[name] == after[name], name
    old = [text_of(b) for b in body_blocks(Document(str(source)).element.body)]
    new = [text_of(b) for b in body_blocks(Document(str(target)).element.body)]
    assert old[:2] == new[:2]  # the title and the instructions


def test_content_controls_are_filled_with_their_placeholder_state_cleared(
    ws: Workspace, tmp_path: Path
) -> None:
    _, imported = import_buyer_form(ws, CORPUS / "05-content-controls.docx", BID)
    target = tmp_path / "out.docx"
    export_buyer_form(ws, BID, target, imported.form_id)
    xml = _parts(target)["word/document.xml"].decode("utf-8")
    assert "Click or tap here to enter text." not in xml
    assert "showingPlcHdr" not in xml
    assert "PlaceholderText" not in xml
    body = Document(str(target)).element.body
    checked = [c.get(f"{W14}val") for c in body.iter(f"{W14}checked")]
    assert checked == ["1", "0"]  # "Yes" ticked for Cyber Essentials, "No" left
    assert "☒ Yes" in "".join(text_of(c) for c in _cells(target))


def test_a_dropdown_gets_the_buyers_own_option(ws: Workspace, tmp_path: Path) -> None:
    _, imported = import_buyer_form(ws, CORPUS / "11-mixed-small.docx", BID)
    target = tmp_path / "out.docx"
    export_buyer_form(ws, BID, target, imported.form_id)
    assert "Community Interest Company" in [text_of(c) for c in _cells(target)]


def test_the_export_refuses_a_name_that_is_not_docx(ws: Workspace, tmp_path: Path) -> None:
    import_buyer_form(ws, CORPUS / "01-council-sq.docx", BID)
    with pytest.raises(InputRefused, match=r"\.docx"):
        export_buyer_form(ws, BID, tmp_path / "out.pdf")


def test_a_bid_without_a_buyer_form_says_how_to_import_one(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="Import the buyer's Word file"):
        export_buyer_form(ws, BID, tmp_path / "out.docx")


# -- corrections ----------------------------------------------------------------------------------
def test_corrections_are_kept_and_change_what_is_asked(ws: Workspace, tmp_path: Path) -> None:
    _, imported = import_buyer_form(ws, CORPUS / "02-trust-numbered-boxes.docx", BID)
    form_id = imported.form_id
    set_limit(ws, form_id, "q1", words=250)
    set_answer_type(ws, form_id, "q4", "short_text")
    mark_not_a_question(ws, form_id, "q3")
    buyer = load_buyer_form(ws, BID, form_id)
    assert [q.id for q in buyer.questions] == ["q1", "q2", "q4"]
    assert buyer.question("q1").limit is not None and buyer.question("q1").limit.words == 250
    assert catalog.get_form(form_id).question("q1").limit.words == 250  # type: ignore[union-attr]
    assert [c["action"] for c in corrections_of(ws, form_id)] == [
        "limit",
        "answer_type",
        "not_a_question",
    ]
    with pytest.raises(InputRefused, match="no question 'q3'"):
        set_limit(ws, form_id, "q3", words=10)


def test_merge_and_split(ws: Workspace, tmp_path: Path) -> None:
    _, imported = import_buyer_form(ws, CORPUS / "06-stacked-boxes.docx", BID)
    form_id = imported.form_id
    split_question(ws, form_id, "q1", "(Maximum")
    buyer = load_buyer_form(ws, BID, form_id)
    assert [q.text[:9] for q in buyer.questions[:2]] == ["Describe ", "(Maximum "]
    assert buyer.questions[0].place == buyer.questions[1].place
    merge_questions(ws, form_id, "q1", buyer.questions[1].id)
    merged = load_buyer_form(ws, BID, form_id).questions[0]
    assert merged.text.endswith("(Maximum 500 words)") and merged.found_as
    with pytest.raises(InputRefused, match="right after"):
        merge_questions(ws, form_id, "q1", "q3")
    target = tmp_path / "out.docx"
    assert export_buyer_form(ws, BID, target, form_id).placed == 2


# -- helpers --------------------------------------------------------------------------------------
def _cells(path: Path) -> list[Any]:
    body = Document(str(path)).element.body
    return list(body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc"))


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_filled_file_opens_in_libreoffice(ws: Workspace, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _, imported = import_buyer_form(ws, CORPUS / "05-content-controls.docx", BID)
    target = tmp_path / "filled.docx"
    export_buyer_form(ws, BID, target, imported.form_id)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(target)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "filled.pdf").pages)
    assert "Riverside Community Care CIC" in text and "GB318462751" in text
    assert "Click or tap here" not in text
