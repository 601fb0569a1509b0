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
