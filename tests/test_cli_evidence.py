"""`bidkit evidence add|import|search`, and the hostile Word documents import must refuse.

Every hostile file is refused with exit code 3 and one line naming the file and the problem,
and the workspace (its records and its files folder) is exactly as it was before.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.library.docx_corpus import good_docx, hostile_corpus

CORPUS = hostile_corpus()


def state(root: Path) -> str:
    """A hash of every evidence record and of the files folder's contents."""
    digest = hashlib.sha256()
    database = root / "bidkit.sqlite3"
    candidates = [database] if database.exists() else sorted(root.glob("*.sqlite*"))
    with sqlite3.connect(candidates[0]) as connection:
        for table in ("evidence_item", "evidence_version", "evidence_file", "evidence_usage"):
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY id"):
                digest.update(repr(row).encode())
        digest.update(
            repr(connection.execute("SELECT count(*) FROM evidence_fts").fetchall()).encode()
        )
    files = root / "files"
    for path in sorted(files.rglob("*")) if files.exists() else []:
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def seeded(capsys: pytest.CaptureFixture[str], workspace_dir: Path, tmp_path: Path) -> Path:
    body = tmp_path / "body.txt"
    body.write_text("We train every volunteer in safeguarding each year.", encoding="utf-8")
    code, _, _ = run(
        capsys,
        "evidence",
        "add",
        "--title",
        "Safeguarding training",
        "--body-file",
        str(body),
        "--json",
    )
    assert code == 0
    return workspace_dir


def test_add_then_search_finds_the_item(
    seeded: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    body = tmp_path / "cert.txt"
    body.write_text("Cyber Essentials certificate for the whole organisation.", encoding="utf-8")
    code, out, _ = run(
        capsys,
        "evidence",
        "add",
        "--title",
        "Cyber Essentials",
        "--body-file",
        str(body),
        "--tag",
        "certificate",
        "--tag",
        "IT",
        "--expires",
        "2027-03-31",
        "--json",
    )
    assert code == 0
    new_id = json.loads(out)["id"]
    code, out, _ = run(capsys, "evidence", "search", "organization", "--json")
    assert code == 0
    hits = json.loads(out)
    assert [h["id"] for h in hits] == [new_id]
    assert set(hits[0]) == {"id", "title", "snippet", "score"}
    assert "organisation" in hits[0]["snippet"]
    code, out, _ = run(capsys, "evidence", "search", "volunteers", "--limit", "1", "--json")
    assert [h["title"] for h in json.loads(out)] == ["Safeguarding training"]


def test_add_refuses_a_bad_date_and_a_missing_body(
    seeded: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    body = tmp_path / "b.txt"
    body.write_text("Text", encoding="utf-8")
    code, out, err = run(
        capsys,
        "evidence",
        "add",
        "--title",
        "T",
        "--body-file",
        str(body),
        "--expires",
        "31/03/2027",
    )
    assert code == 3 and out == "" and "not a date" in err and err.count("\n") == 1
    code, _, err = run(
        capsys, "evidence", "add", "--title", "T", "--body-file", str(tmp_path / "missing.txt")
    )
    assert code == 3 and "cannot read" in err


def test_import_a_folder_splits_documents_at_headings(
    seeded: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "pack_one.docx").write_bytes(good_docx(sections=2))
    (folder / "pack-two.docx").write_bytes(good_docx(sections=3))
    (folder / "notes.txt").write_text("not Word", encoding="utf-8")
    (folder / "~$pack_one.docx").write_bytes(b"lock file")
    code, out, _ = run(capsys, "evidence", "import", str(folder), "--json")
    assert code == 0
    result = json.loads(out)
    # Each document: the opening paragraph (under its title) and one item per Heading 1.
    assert result["imported"] == 3 + 4
    assert result["skipped"] == 2
    code, out, _ = run(capsys, "evidence", "search", 'tag:"pack one"', "--json")
    assert len(json.loads(out)) == 3


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_word_documents_are_refused_and_change_nothing(
    name: str, seeded: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data, expected = CORPUS[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    before = state(seeded)
    code, out, err = run(capsys, "evidence", "import", str(path), "--json")
    assert code == 3, err
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"“{name}.docx”" in err and expected in err
    assert state(seeded) == before


def test_one_hostile_file_in_a_folder_means_nothing_is_imported(
    seeded: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-good.docx").write_bytes(good_docx())
    (folder / "b-macros.docx").write_bytes(CORPUS["vba-project"][0])
    (folder / "c-good.docx").write_bytes(good_docx())
    before = state(seeded)
    code, _, err = run(capsys, "evidence", "import", str(folder), "--json")
    assert code == 3 and "b-macros.docx" in err
    assert state(seeded) == before


def test_import_refuses_a_file_that_is_not_docx(
    seeded: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    code, _, err = run(capsys, "evidence", "import", str(path))
    assert code == 3 and "not a Word document (.docx)" in err


def test_import_summary_counts_one_item_and_one_document_in_the_singular(
    seeded: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Our policy on lone working.")
    path = tmp_path / "lone working.docx"
    document.save(str(path))
    code, out, _ = run(capsys, "evidence", "import", str(path))
    assert code == 0
    assert out.strip() == "Imported 1 item from 1 Word document."
