"""The submission package: Word and PDF plus every cited document, named as appendices,
written atomically as a .zip or a new folder."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from bidkit.errors import InputRefused
from bidkit.export.attachments import appendix_file_name
from bidkit.export.build import ExportCancelled
from bidkit.export.pipeline import export_content
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import export_bid
from bidkit.store.workspace import Workspace
from tests.export.sample import NOW, content

POLICY = b"%PDF-1.4 the safeguarding policy"
STORE = {"5" * 64: POLICY}
APPENDIX = "Appendix 1 – Safeguarding policy 2025.pdf"


def test_appendix_names_are_safe_and_numbered() -> None:
    assert appendix_file_name(3, "Safeguarding Adults Policy", "x.PDF", 0, 1) == (
        "Appendix 3 – Safeguarding Adults Policy.pdf"
    )
    assert appendix_file_name(2, 'Insurance: "EL/PL"', "s.docx", 1, 2) == (
        "Appendix 2 – Insurance EL PL (2).docx"
    )


def test_a_zip_package_holds_both_documents_and_the_appendix(tmp_path: Path) -> None:
    target = tmp_path / "bid.zip"
    result = export_content(content(), "package", target, now=NOW, read_stored=STORE.__getitem__)
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        assert package.read(APPENDIX) == POLICY
        word = docx.Document(io.BytesIO(package.read(names[0])))
        pdf = PdfReader(io.BytesIO(package.read(names[1])))
    assert names == list(result.files) and len(names) == 3
    assert names[0].startswith("Trafford Council - Carers Support Service")
    assert names[0].endswith(".docx") and names[1].endswith(".pdf")
    # The evidence list and the evidence answer name the file as it is sent.
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert APPENDIX in cells
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pdf.pages))
    assert text.count("Appendix 1 – Safeguarding policy 2025.pdf") == 2


def test_a_folder_package_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "package"
    export_content(content(), "package", target, now=NOW, read_stored=STORE.__getitem__)
    assert sorted(p.name for p in target.iterdir())[0] == APPENDIX
    # A folder with files in it is never written into.
    with pytest.raises(InputRefused, match="a folder with files in it"):
        export_content(content(), "package", target, now=NOW, read_stored=STORE.__getitem__)
    # A cancel part way leaves no folder and no temporary files.
    again = tmp_path / "again"
    calls = iter([False, False, False, False, True])
    with pytest.raises(ExportCancelled):
        export_content(content(), "package", again, now=NOW, read_stored=STORE.__getitem__,
                       cancelled=lambda: next(calls, True))  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"]


def test_a_missing_stored_file_refuses_the_package(tmp_path: Path) -> None:
    def lost(_sha: str) -> bytes:
        raise FileNotFoundError

    with pytest.raises(InputRefused, match="missing from BidKit's file store"):
        export_content(content(), "package", tmp_path / "p.zip", now=NOW, read_stored=lost)
    assert list(tmp_path.iterdir()) == []


def test_the_demo_bid_package_attaches_the_policies(workspace: Workspace, tmp_path: Path) -> None:
    seed_demo(workspace, force=False)
    result = export_bid(workspace, 1, "package", tmp_path / "bid1.zip", now=NOW)
    appendices = [name for name in result.files if name.startswith("Appendix")]
    assert "Appendix 3 – Safeguarding Adults Policy.pdf" in appendices
    # Library text pasted into answers is never an appendix.
    assert not any("Case study" in name or "Social value" in name for name in appendices)
    with zipfile.ZipFile(tmp_path / "bid1.zip") as package:
        assert package.read(appendices[0]).startswith(b"%PDF")
