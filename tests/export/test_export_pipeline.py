"""Writing files: atomic replacement, failures and cancelling leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from bidkit.export import docx_writer
from bidkit.export.build import ExportCancelled
from bidkit.export.naming import export_file_name, safe_file_name
from bidkit.export.pipeline import ExportProgress, export_content
from tests.export.sample import NOW, TODAY, content


def test_export_writes_the_file_and_reports_progress(tmp_path: Path) -> None:
    progress = ExportProgress()
    seen: list[float] = []

    def report(fraction: float, message: str) -> None:
        progress.update(fraction, message)
        seen.append(fraction)

    target = tmp_path / "out.docx"
    result = export_content(content(), "docx", target, progress=report, now=NOW)
    assert target.is_file() and result.size == target.stat().st_size
    assert not result.draft
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert progress.state() == (1.0, "Done")
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_failing_writer_leaves_no_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    if fmt == "docx":
        monkeypatch.setattr(docx_writer, "_evidence", broken)
    else:
        from bidkit.export import pdf_writer

        monkeypatch.setattr(pdf_writer._Layout, "_table", broken)
    with pytest.raises(RuntimeError):
        export_content(content(), fmt, tmp_path / f"out.{fmt}", now=NOW)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_cancel_keeps_the_previous_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"the earlier export")
    progress = ExportProgress()
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        if calls > 2:
            progress.cancel()
        return progress.cancelled()

    with pytest.raises(ExportCancelled):
        export_content(content(), fmt, target, cancelled=cancelled, now=NOW)
    assert target.read_bytes() == b"the earlier export"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_file_names_are_safe_on_windows() -> None:
    name = export_file_name("Trafford Council", "Carers: Support / Service?", "PSQ", TODAY, "pdf")
    assert name == "Trafford Council - Carers Support Service - PSQ - 2026-03-31.pdf"
    assert safe_file_name("CON", ".docx") == "_CON.docx"
    assert safe_file_name("report. ", ".docx") == "report.docx"
    long = export_file_name("B" * 300, "bid", "form", TODAY, "docx")
    assert len(long) <= 130 and long.endswith(" - 2026-03-31.docx")
    assert export_file_name("", "", "", TODAY, "docx") == "2026-03-31.docx"
