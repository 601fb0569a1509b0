"""`bidkit export BID --format docx|pdf -o FILE` (see the CLI contract in the design notes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bidkit.cli import main
from tests.cli_run import run


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo")
    assert code == 0, err


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_export_writes_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"bid.{fmt}"
    report = tmp_path / "report.json"
    code, out, err = run(capsys, "export", "2", "--format", fmt, "-o", str(target),
                         "--report", str(report), "--json")  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["path"] == str(target) and data["format"] == fmt
    assert data["draft"] is True and data["questions"] > 50
    assert set(data["problems"]) >= {"unanswered", "missing_partner_answer"}
    assert target.stat().st_size == data["bytes"]
    assert json.loads(report.read_text())["counts"] == data["problems"]


@pytest.mark.usefixtures("demo")
def test_one_section_without_question_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "part3.docx"
    code, out, err = run(capsys, "export", "2", "--format", "docx", "-o", str(target),
                         "--section", "Part 3", "--no-question-text")  # fmt: skip
    assert code == 0, err
    assert out.startswith(f"Wrote {target}")


@pytest.mark.usefixtures("demo")
def test_refusals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    code, _, err = run(capsys, "export", "99", "--format", "pdf", "-o", str(target))
    assert code == 3 and "no bid with id 99" in err and "Traceback" not in err
    code, _out, err = run(capsys, "export", "2", "--format", "pdf", "-o", str(target),
                         "--section", "Part 9")  # fmt: skip
    assert code == 3 and "no section Part 9" in err
    assert not target.exists()
    with pytest.raises(SystemExit) as usage:
        main(["export", "2", "--format", "odt", "-o", str(target)])
    assert usage.value.code == 2


@pytest.mark.usefixtures("demo")
def test_a_target_that_cannot_be_written_is_refused_not_a_fault(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A folder given as the file, and a file standing where a folder should be: the person's
    # input, so a plain refusal (exit 3), not "something went wrong inside BidKit".
    folder = tmp_path / "exports"
    folder.mkdir()
    code, _, err = run(capsys, "export", "2", "--format", "pdf", "-o", str(folder))
    assert code == 3 and f"cannot write {folder}" in err and "inside BidKit" not in err
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, _, err = run(capsys, "export", "2", "--format", "docx", "-o", str(blocker / "a.docx"))
    assert code == 3 and "cannot write" in err
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert list(folder.iterdir()) == []
    target = tmp_path / "bid.pdf"
    code, _, err = run(capsys, "export", "2", "--format", "pdf", "-o", str(target),
                       "--report", str(blocker / "report.txt"))  # fmt: skip
    assert code == 3 and f"Wrote {target}" in err and "cannot write the report" in err


def test_a_file_name_that_contradicts_the_format_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bidkit.cli import main

    target = tmp_path / "bid.pdf"
    code = main(["--data-dir", str(tmp_path / "ws"), "export", "1", "--format", "docx",
                 "-o", str(target)])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 3
    assert "bid.docx" in captured.err
    assert not target.exists()


@pytest.mark.usefixtures("demo")
def test_export_works_while_the_window_has_the_workspace_open(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, workspace_dir: Path
) -> None:
    from bidkit.paths import WorkspacePaths
    from bidkit.store.lock import WorkspaceLock

    target = tmp_path / "while-open.docx"
    with WorkspaceLock(WorkspacePaths(workspace_dir).lock, kind="window"):
        code, out, err = run(capsys, "export", "2", "--format", "docx", "-o", str(target),
                             "--json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["path"] == str(target) and target.stat().st_size > 0


@pytest.mark.usefixtures("demo")
def test_a_final_export_over_a_limit_needs_allow_over_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from bidkit.export import pipeline

    real = pipeline.build_document

    def final_with_long_answer(*args: object, **kwargs: object) -> object:
        # The demo bids are drafts: stand in a final one with an answer over its limit.
        return dataclasses.replace(real(*args, **kwargs), draft=False, over_limit=("C1",))  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build_document", final_with_long_answer)
    target = tmp_path / "final.pdf"
    code, _, err = run(capsys, "export", "1", "--format", "pdf", "-o", str(target))
    assert code == 3 and "over the buyer's limit (C1)" in err and "--allow-over-limit" in err
    assert not target.exists()
    code, _, err = run(capsys, "export", "1", "--format", "pdf", "-o", str(target),
                       "--allow-over-limit")  # fmt: skip
    assert code == 0, err
    assert target.exists()


@pytest.mark.usefixtures("demo")
def test_export_a_submission_package(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import zipfile

    target = tmp_path / "package.zip"
    code, out, err = run(capsys, "export", "1", "--format", "package", "-o", str(target),
                         "--json")  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == "package" and data["bytes"] == target.stat().st_size
    with zipfile.ZipFile(target) as package:
        assert package.namelist() == data["files"]
    assert "Appendix 3 – Safeguarding Adults Policy.pdf" in data["files"]
    code, _, err = run(capsys, "export", "1", "--format", "package", "-o", str(tmp_path / "x.pdf"))
    assert code == 3 and "x.zip" in err
