"""Exporting a real bid from a workspace (the demo): what the window and CLI call."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from pypdf import PdfReader

from bidkit.ops.demo import seed_demo
from bidkit.ops.export import export_bid, load_content, preview_export
from bidkit.store.workspace import Workspace

NOW = datetime(2026, 3, 31, 9, 0, tzinfo=UTC)


def test_consortium_bid_exports_in_both_formats(workspace: Workspace, tmp_path: Path) -> None:
    seed_demo(workspace, force=False)
    content = load_content(workspace, 2)
    assert len(content.members) == 3  # the consortium bid: lead and two partners
    preview = preview_export(workspace, 2)
    assert preview.sections[0][0] == "Part 1"
    assert preview.file_stem.startswith("Salford City Council - Welfare Rights Advice")
    assert preview.draft and not preview.report.ok

    docx_path = tmp_path / "bid.docx"
    result = export_bid(workspace, 2, "docx", docx_path, now=NOW)
    assert result.draft and result.questions > 50
    word = docx.Document(str(docx_path))
    text = "\n".join(p.text for p in word.paragraphs)
    for member in content.members:
        assert member.name in text
    assert word.core_properties.author == content.organisation
    with zipfile.ZipFile(docx_path) as package:
        assert any(n.startswith("word/media/") for n in package.namelist())  # the logo

    pdf_path = tmp_path / "bid.pdf"
    export_bid(workspace, 2, "pdf", pdf_path, now=NOW)
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    assert reader.metadata is not None and reader.metadata.author == content.organisation
    pdf_text = " ".join((p.extract_text() or "") for p in reader.pages)
    assert "Welfare Rights Advice Consortium" in pdf_text


def test_nothing_from_another_bid_leaks(workspace: Workspace, tmp_path: Path) -> None:
    seed_demo(workspace, force=False)
    other = load_content(workspace, 3)
    export_bid(workspace, 1, "docx", tmp_path / "one.docx", now=NOW)
    with zipfile.ZipFile(tmp_path / "one.docx") as package:
        blob = b"".join(package.read(n) for n in package.namelist())
    assert other.title.encode() not in blob
    assert other.reference.encode() not in blob
