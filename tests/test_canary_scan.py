"""The canary scan sees into PDFs: a canary in a compressed PDF is found, and then real
exports hold none (secrets never; an erased person's name no longer)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from bidkit.cli import main
from bidkit.ops.demo import seed_demo
from bidkit.ops.personal_data import erase_person
from bidkit.ops.questionnaires import read_questionnaire, set_answer
from bidkit.store.workspace import Workspace
from tests import canary_scan
from tests.canary_scan import canary_hits, pdf_streams

CANARY = "canary-pdf-4e71-b0d9-secret"
PERSON = "Daniel Okafor"


def _compressed_pdf(text: str, width: float = A4[0]) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=(width, A4[1]), pageCompression=1)
    style = getSampleStyleSheet()["BodyText"]
    doc.build([Paragraph(text, style)])
    return out.getvalue()


@pytest.mark.parametrize("pdftotext", [True, False], ids=["with pdftotext", "inflate only"])
def test_a_canary_inside_a_compressed_pdf_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdftotext: bool
) -> None:
    if not pdftotext:
        monkeypatch.setattr(canary_scan.shutil, "which", lambda _name: None)
    folder = tmp_path / "out"
    folder.mkdir()
    plain = _compressed_pdf(f"Our reference is {CANARY} for this bid.")
    assert CANARY.encode() not in plain  # a plain byte search would miss it
    assert pdf_streams(plain)  # the content streams were inflated
    (folder / "plain.pdf").write_bytes(plain)
    # Broken across lines (a narrow column), next to characters PDF strings escape.
    narrow = _compressed_pdf(f"(see) {CANARY.replace('-', '- ')} \\", width=200)
    (folder / "narrow.pdf").write_bytes(narrow)
    assert canary_hits([CANARY], folder) == [f"narrow.pdf: {CANARY}", f"plain.pdf: {CANARY}"]


def test_a_canary_in_an_answer_is_found_in_bidkits_own_pdf_then_not_once_removed(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    out = tmp_path / "out"
    out.mkdir()
    with Workspace.open(workspace_dir) as ws:
        snapshot = read_questionnaire(ws, 1, None)
        own = snapshot.answer("org_activities", 1)
        assert own is not None
        member = own.member_org_id
        set_answer(ws, snapshot.bid_form_id, "org_activities", member,
                   f"We run day services. Our code name is {CANARY}, kept quiet.")  # fmt: skip
    assert main(["export", "1", "--format", "pdf", "-o", str(out / "seeded.pdf")]) == 0
    assert CANARY.encode() not in (out / "seeded.pdf").read_bytes()
    assert canary_hits([CANARY], out) == [f"seeded.pdf: {CANARY}"]
    with Workspace.open(workspace_dir) as ws:
        set_answer(ws, snapshot.bid_form_id, "org_activities", member, "We run day services.")
    (out / "seeded.pdf").unlink()
    assert main(["export", "1", "--format", "pdf", "-o", str(out / "clean.pdf")]) == 0
    capsys.readouterr()
    assert canary_hits([CANARY], out) == []


def test_an_erased_person_is_in_no_export_pdf_or_word(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    before, after = tmp_path / "before", tmp_path / "after"
    for folder in (before, after):
        folder.mkdir()

    def export_all(folder: Path) -> None:
        for bid in ("1", "2"):
            for fmt in ("pdf", "docx"):
                target = folder / f"bid{bid}.{fmt}"
                assert main(["export", bid, "--format", fmt, "-o", str(target)]) == 0
        assert main(["org", "export", "1", "-o", str(folder / "org.json")]) == 0

    export_all(before)
    assert any(h.endswith(".pdf: " + PERSON) for h in canary_hits([PERSON], before))
    with Workspace.open(workspace_dir) as ws:
        erase_person(ws, PERSON, erase_from_backups=True)
    export_all(after)
    capsys.readouterr()
    assert canary_hits([PERSON, "Okafor"], after) == []
