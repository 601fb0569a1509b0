"""`bidkit check | backup | backups | restore`, and the checks every writing command starts with."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.cli_run import run

BUG = "something went wrong"


@pytest.fixture
def demo(workspace_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "--data-dir", str(workspace_dir), "demo")[0] == 0
    return workspace_dir


def _damage(database: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    data = bytearray(database.read_bytes())
    middle = len(data) // 2
    for at in range(middle, middle + 4096):
        data[at] ^= 0x5A
    database.write_bytes(bytes(data))


def test_check_reports_a_sound_workspace_and_what_bids_rely_on(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(demo), "check", "--json")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["integrity"] == "ok"
    assert report["files"] == {"missing": [], "orphaned": [], "damaged": []}
    assert report["bids"] and all(b["expiring"] or b["missing"] for b in report["bids"])


def test_check_finds_missing_damaged_and_orphaned_files(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
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
    orphan = demo / "files" / ("ab" * 32)[:2] / ("ab" * 32)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"nobody uses me")
    code, out, err = run(capsys, "--data-dir", str(demo), "check", "--json")
    report = json.loads(out)
    assert code == 3 and err.count("\n") == 1 and BUG not in err
    assert [m["name"] for m in report["files"]["missing"]] == ["a.pdf"]
    assert [m["name"] for m in report["files"]["damaged"]] == ["b.pdf"]
    assert report["files"]["orphaned"] == ["ab" * 32]


def test_a_damaged_workspace_refuses_writing_and_names_the_newest_backup(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--data-dir", str(demo), "backup")[0] == 0
    database = demo / "bidkit.sqlite3"
    _damage(database)
    damaged = database.read_bytes()
    body = tmp_path / "body.txt"
    body.write_text("Text", encoding="utf-8")
    code, _out, err = run(
        capsys, "--data-dir", str(demo), "evidence", "add", "--title", "T", "--body-file", str(body)
    )
    assert code == 3 and err.count("\n") == 1 and BUG not in err
    assert "is damaged" in err and ".zip (taken " in err and "bidkit restore" in err
    assert database.read_bytes() == damaged  # nothing was written on the damaged file
    code, out, err = run(capsys, "--data-dir", str(demo), "check", "--json")
    assert code == 3 and json.loads(out)["integrity"] != "ok"
    assert "bidkit restore" in err

    code, out, err = run(capsys, "--data-dir", str(demo), "backups", "--json")
    listing = json.loads(out)
    manual = next(b for b in listing if b["reason"] == "manual")
    assert set(manual) >= {"file", "created", "reason", "size", "verified"}
    assert manual["verified"] is True
    code, out, err = run(capsys, "--data-dir", str(demo), "restore", manual["file"])
    assert code == 0, err
    assert run(capsys, "--data-dir", str(demo), "check")[0] == 0
    # The damaged database was kept aside, not thrown away.
    aside = list((demo / "backups").glob("damaged-*/bidkit.sqlite3"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    code, out, err = run(
        capsys, "--data-dir", str(demo), "evidence", "add", "--title", "T", "--body-file", str(body)
    )
    assert code == 0, err


def test_backup_to_a_file_and_refusals(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.zip"
    code, out, err = run(capsys, "--data-dir", str(demo), "backup", "-o", str(target))
    assert code == 0 and target.is_file() and "checked after writing" in out
    for bad, why in (
        (tmp_path, "is a folder"),
        (tmp_path / "copy.txt", ".zip"),
        (tmp_path / "nowhere" / "x.zip", "does not exist"),
    ):
        code, _out, err = run(capsys, "--data-dir", str(demo), "backup", "-o", str(bad))
        assert code == 3 and why in err and BUG not in err
    code, _out, err = run(capsys, "--data-dir", str(demo), "restore", str(tmp_path / "none.zip"))
    assert code == 3 and "no backup" in err
    code, _out, err = run(capsys, "--data-dir", str(demo), "restore", str(tmp_path))
    assert code == 3 and "not a backup file" in err
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    code, _out, err = run(capsys, "--data-dir", str(demo), "restore", str(fifo))
    assert code == 3 and "not a backup file" in err
    code, _out, err = run(
        capsys, "--data-dir", str(demo), "restore", str(target), "--to", str(demo)
    )
    assert code == 3 and "not an empty folder" in err
    elsewhere = tmp_path / "elsewhere"
    code, out, err = run(capsys, "--data-dir", str(demo), "restore", str(target), "--to",
                         str(elsewhere))  # fmt: skip
    assert code == 0, err
    code, out, _err = run(capsys, "--data-dir", str(elsewhere), "org", "list", "--json")
    assert len(json.loads(out)) == 3


def test_a_crash_leftover_is_removed_and_the_daily_backup_taken_once(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = demo / "backups"
    (backups / ".bidkit-20261201-101010-manual.zip.x1y2.tmp").write_bytes(b"PK half")
    (backups / "bidkit-old.partial").write_bytes(b"half")
    (demo / "files" / "ab").mkdir(parents=True, exist_ok=True)
    (demo / "files" / "ab" / ".abcdef.q1.tmp").write_bytes(b"half")
    for _ in range(2):
        assert run(capsys, "--data-dir", str(demo), "bid", "new", "--title", "T", "--buyer",
                   "B", "--deadline", "2027-03-31")[0] == 0  # fmt: skip
    names = sorted(p.name for p in backups.iterdir())
    assert [n for n in names if n.endswith("-daily.zip")] and len(names) == 1
    assert not list((demo / "files").rglob(".*.tmp"))
    # Reading commands write nothing, backups included.
    assert run(capsys, "--data-dir", str(demo), "bid", "list")[0] == 0
    assert sorted(p.name for p in backups.iterdir()) == names


def test_a_new_workspace_takes_no_daily_backup(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--data-dir", str(workspace_dir), "demo")[0] == 0
    assert list((workspace_dir / "backups").iterdir()) == []
    con = sqlite3.connect(workspace_dir / "bidkit.sqlite3")
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        con.close()
