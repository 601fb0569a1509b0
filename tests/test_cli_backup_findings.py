"""What a new user found in backups, restore and check: each refusal gives its true reason,
check advises per kind of problem, and backup works alongside an open window."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from bidkit.cli import main

BUG = "something went wrong"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


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
