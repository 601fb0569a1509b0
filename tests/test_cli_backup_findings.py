"""What a new user found in backups, restore and check: each refusal gives its true reason,
check advises per kind of problem, and backup works alongside an open window."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.cli_run import run

BUG = "something went wrong"


@pytest.fixture
def demo(workspace_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "--data-dir", str(workspace_dir), "demo")[0] == 0
    return workspace_dir


def _state(root: Path) -> bytes:
    return (root / "bidkit.sqlite3").read_bytes()


def test_restoring_a_file_that_is_no_backup_says_so_not_checksum(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n", encoding="utf-8")
    renamed = tmp_path / "notes.zip"
    renamed.write_text("# Notes\n", encoding="utf-8")
    ordinary = tmp_path / "photos.zip"
    with zipfile.ZipFile(ordinary, "w") as zf:
        zf.writestr("photo.txt", "not a photo")
    before = _state(demo)
    for path in (readme, renamed, ordinary):
        code, _out, err = run(capsys, "--data-dir", str(demo), "restore", str(path))
        assert code == 3 and err.count("\n") == 1 and BUG not in err
        assert f"{path.name} is not a BidKit backup" in err, err
        assert "checksum" not in err and "bidkit backups" in err
    assert _state(demo) == before


def test_a_changed_backup_is_called_changed_and_a_cut_one_cut_short(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.zip"
    assert run(capsys, "--data-dir", str(demo), "backup", "-o", str(good))[0] == 0
    data = bytearray(good.read_bytes())
    data[len(data) // 3] ^= 0x04
    changed = tmp_path / "changed.zip"
    changed.write_bytes(bytes(data))
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[: len(data) // 2])
    code, _out, err = run(capsys, "--data-dir", str(demo), "restore", str(changed))
    assert code == 3 and "changed or damaged since it was written" in err
    code, _out, err = run(capsys, "--data-dir", str(demo), "restore", str(cut))
    assert code == 3 and "cut short" in err and "checksum" not in err


def _break_two_files(demo: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(b"%PDF-1.4 first policy")
    b.write_bytes(b"%PDF-1.4 second policy")
    from bidkit.ops import evidence
    from bidkit.store.workspace import Workspace

    with Workspace.open(demo) as ws:
        evidence.attach_evidence_file(ws, 1, a)
        evidence.attach_evidence_file(ws, 2, b)
    stored = {p.read_bytes(): p for p in (demo / "files").rglob("*") if p.is_file()}
    stored[a.read_bytes()].unlink()
    stored[b.read_bytes()].write_bytes(b"%PDF-1.4 changed on disk")


def test_check_advises_attaching_missing_files_again_not_restoring(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--data-dir", str(demo), "backup")[0] == 0
    _break_two_files(demo, tmp_path)
    code, out, err = run(capsys, "--data-dir", str(demo), "check")
    assert code == 3 and err.count("\n") == 1 and BUG not in err
    assert "bidkit restore" not in err and "again where its record is" in err
    assert "Stored files: 1 missing, 1 damaged" in out
    assert "a.pdf (library item 1 '" in out and "is missing: attach it again" in out
    assert "b.pdf (library item 2 '" in out and "is damaged" in out

    code, out, err = run(capsys, "--data-dir", str(demo), "check", "--json")
    report = json.loads(out)
    assert code == 3 and "listed above" not in err and "listed above" not in out
    assert "a.pdf (library item 1" in err and "b.pdf (library item 2" in err
    assert report["files_checked"] is True
    assert report["files"]["missing"][0]["used_by"].startswith("library item 1 '")
    assert "attach it again" in report["advice"] and "restore" not in report["advice"]


def test_check_lists_file_problems_only_under_open_bids(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    _break_two_files(demo, tmp_path)
    con = sqlite3.connect(demo / "bidkit.sqlite3")
    with con:
        con.execute(
            "INSERT INTO evidence_usage (bid_id, evidence_id, question_id, version, used_at) "
            "SELECT id, 1, 'q', 1, '2026-12-01 10:00:00' FROM bid"
        )
        con.execute("UPDATE bid SET status = 'won' WHERE id = 1")
    con.close()
    code, out, _err = run(capsys, "--data-dir", str(demo), "check", "--json")
    bids = {b["bid_id"]: b for b in json.loads(out)["bids"]}
    assert code == 3
    assert 1 not in bids or not bids[1]["missing"]
    assert any("a.pdf" in m for b in bids.values() for m in b["missing"])


def test_check_of_an_unreadable_database_does_not_claim_files_were_checked(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--data-dir", str(demo), "backup")[0] == 0
    database = demo / "bidkit.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.write_bytes(b"this is not a database at all" * 200)
    code, out, err = run(capsys, "--data-dir", str(demo), "check")
    assert code == 3
    assert "Stored files: not checked" in out and "0 missing" not in out
    assert "bidkit restore" in err and "damaged" in err
    code, out, err = run(capsys, "--data-dir", str(demo), "check", "--json")
    assert json.loads(out)["files_checked"] is False and "listed above" not in err


def test_backup_works_while_the_window_holds_the_workspace(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bidkit.ops import organisations
    from bidkit.store.workspace import Workspace

    before = sorted(p.name for p in (demo / "backups").iterdir())
    with Workspace.open(demo, kind="window") as window_ws:
        organisations.create_organisation(window_ws, name="Written while backing up")
        for extra in ((), ("--read-only",)):
            code, out, err = run(capsys, "--data-dir", str(demo), *extra, "backup", "--json")
            assert code == 0, err
            taken = json.loads(out)
            assert "already open" not in err
            assert "Another BidKit has this workspace open" in taken["note"] or extra
            assert "left for the next backup to tidy" in taken["note"]
            code, _out, err = run(capsys, "--data-dir", str(demo), "restore", taken["file"],
                                  "--to", str(demo.parent / f"copy{len(extra)}"))  # fmt: skip
            assert code == 0, err
        code, out, _err = run(capsys, "--data-dir", str(demo.parent / "copy0"), "org", "list",
                              "--json")  # fmt: skip
        assert "Written while backing up" in out
    after = sorted(p.name for p in (demo / "backups").iterdir())
    assert len(after) == len(before) + 2


def test_backup_json_names_the_file_and_restore_names_its_undo(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(demo), "backup", "--json")
    assert code == 0, err
    taken = json.loads(out)
    assert set(taken) >= {"file", "size", "verified", "created", "reason", "note"}
    assert taken["verified"] is True and taken["reason"] == "manual"
    assert Path(taken["file"]).stat().st_size == taken["size"]
    assert taken["created"].startswith("20") and "T" in taken["created"]
    # The first backup of the day is the day's backup: no second, identical daily one.
    names = [p.name for p in (demo / "backups").iterdir()]
    assert names == [Path(taken["file"]).name]

    code, out, err = run(capsys, "--data-dir", str(demo), "restore", taken["file"], "--json")
    assert code == 0, err
    undo = json.loads(out)["undo_backup"]
    assert undo and "before-restore" in undo and Path(undo).is_file()
    code, out, err = run(capsys, "--data-dir", str(demo), "restore", taken["file"])
    assert code == 0, err
    assert "To undo this restore, restore 'Before a restore, " in out
    assert "bidkit restore " in out and "before-restore" in out


def test_backups_are_listed_to_the_second(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    for _ in range(2):
        assert run(capsys, "--data-dir", str(demo), "backup")[0] == 0
    _code, out, _err = run(capsys, "--data-dir", str(demo), "backups")
    stamps = re.findall(r"^\d\d/\d\d/\d{4} \d\d:\d\d:\d\d  Backed up by you", out, re.M)
    assert len(stamps) == 2


def test_export_of_a_form_not_attached_says_what_can_attach_one(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = str(tmp_path / "x.docx")
    code, _out, err = run(capsys, "--data-dir", str(demo), "export", "1", "--form", "999",
                          "--format", "docx", "-o", out_file)  # fmt: skip
    assert code == 3 and err.count("\n") == 1 and BUG not in err
    assert "bid new --form" not in err
    assert "Questionnaires page" in err and "bidkit forms import FILE.docx --bid 1" in err
    assert "(it has '" in err
    code, _out, err = run(capsys, "--data-dir", str(demo), "bid", "new", "--title", "T",
                          "--buyer", "B", "--deadline", "2027-03-31")  # fmt: skip
    assert code == 0
    code, out, _err = run(capsys, "--data-dir", str(demo), "bid", "list", "--json")
    new_id = max(b["id"] for b in json.loads(out))
    code, _out, err = run(capsys, "--data-dir", str(demo), "prefill", str(new_id))
    assert code == 3 and "bid new --form" not in err and "forms import" in err
