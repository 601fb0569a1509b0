"""A real word processor opens the DOCX: LibreOffice converts it to PDF with the same text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from bidkit.export.build import ExportOptions, build_document
from bidkit.export.docx_writer import write_docx
from tests.export.sample import EXPECTED_IN_ORDER, NOW, WELSH, content

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_same_text(tmp_path: Path) -> None:
    source = tmp_path / "sample.docx"
    with source.open("wb") as out:
        write_docx(build_document(content(ready=False), ExportOptions(), NOW), out)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=90,
    )  # fmt: skip
    reader = PdfReader(io.BytesIO((tmp_path / "sample.pdf").read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))
    position = 0
    for needle in EXPECTED_IN_ORDER:
        found = text.find(re.sub(r"\s+", " ", needle), position)
        assert found >= 0, f"{needle!r} missing or out of order in LibreOffice's PDF"
        position = found + len(needle)
    assert WELSH in text
    assert f"Page 2 of {len(reader.pages)}" in text


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_copied_text_of_a_draft_has_no_watermark_letters(tmp_path: Path) -> None:
    """A reader copying a page of the Word file's PDF gets the answers, not "D R A F T"."""
    source = tmp_path / "draft.docx"
    document = build_document(content(ready=False), ExportOptions(), NOW)
    assert document.draft
    with source.open("wb") as out:
        write_docx(document, out)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=90,
    )  # fmt: skip
    reader = PdfReader(io.BytesIO((tmp_path / "draft.pdf").read_bytes()))
    for page in reader.pages[1:]:
        lines = [line.strip() for line in (page.extract_text() or "").splitlines()]
        assert "DRAFT" not in " ".join(lines)
        # No stray capital letters on lines of their own (the letters of a text watermark).
        assert not [line for line in lines if line in set("DRAFT")]
    assert any(image for page in reader.pages for image in page.images)
