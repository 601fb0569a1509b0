"""Subject access ("everything about this person") and erasure ("erase this person")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bidkit.cli import main
from bidkit.errors import InputRefused, NotFound
from bidkit.ops.demo import seed_demo
from bidkit.ops.personal_data import erase_person, export_person, find_person
from bidkit.store.workspace import Workspace

PERSON = "Daniel Okafor"
EMAIL = "daniel.okafor@riversidecare.example"


@pytest.fixture
def demo(workspace_dir: Path) -> Path:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    return workspace_dir


def _raw_hits(root: Path, text: str) -> list[str]:
    needle = text.encode()
    return [p.name for p in root.glob("bidkit.sqlite3*") if needle in p.read_bytes()]


def test_export_lists_every_record_that_mentions_the_person(demo: Path, tmp_path: Path) -> None:
    with Workspace.open(demo) as ws:
        report = export_person(ws, PERSON, tmp_path / "dan.json")
    data = json.loads((tmp_path / "dan.json").read_text(encoding="utf-8"))
    assert data["person"] == PERSON and len(data["records"]) == len(report.mentions) > 5
    places = {r["table"] for r in data["records"]}
    assert {"key_person", "answer", "bid_task"} <= places
    text = (tmp_path / "dan.txt").read_text(encoding="utf-8")
    assert text.startswith(f"Everything BidKit holds about {PERSON}")


def test_erase_removes_the_person_everywhere_and_leaves_no_bytes(demo: Path) -> None:
    with Workspace.open(demo) as ws:
        ws.backup("manual")
        others_before = len(find_person(ws, "Margaret Doyle").mentions)
        changes = erase_person(ws, PERSON, EMAIL)
        assert "1 backups still hold them" in changes.note
        assert find_person(ws, PERSON).mentions == []
        assert find_person(ws, "okafor").mentions == []
        assert len(find_person(ws, "Margaret Doyle").mentions) == others_before
        from bidkit.ops.evidence import search_library

        assert search_library(ws, "Okafor", limit=5, as_you_type=False) == []
    assert _raw_hits(demo, PERSON) == [] and _raw_hits(demo, "okafor") == []
    with Workspace.open(demo) as ws:
        changes = erase_person(ws, PERSON, erase_from_backups=True)
        assert "1 backups that held them were deleted" in changes.note
        assert list(ws.paths.backups.glob("*.zip")) == []


def test_erase_refuses_a_short_or_absent_name_and_changes_nothing(demo: Path) -> None:
    before = (demo / "bidkit.sqlite3").read_bytes()
    with Workspace.open(demo) as ws:
        with pytest.raises(InputRefused, match="full name"):
            erase_person(ws, "Da")
        with pytest.raises(NotFound, match="nothing was changed"):
            erase_person(ws, "Nobody Of That Name")
    assert (demo / "bidkit.sqlite3").read_bytes() == before


def test_cli_person_commands(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["person", "export", PERSON, "-o", str(tmp_path / "p.json")]) == 0
    assert main(["person", "erase", PERSON]) == 3
    assert "--yes" in capsys.readouterr().err
    assert main(["person", "erase", PERSON, "--yes"]) == 0
    assert "Erased Daniel Okafor" in capsys.readouterr().out
    capsys.readouterr()
    # Erased: nothing mentions them any more, so there is nothing to export.
    assert main(["person", "export", PERSON, "-o", str(tmp_path / "q.json")]) == 3
    assert "No record mentions Daniel Okafor" in capsys.readouterr().err
    assert not (tmp_path / "q.json").exists()
