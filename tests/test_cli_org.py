"""`bidkit org ...`: listing, showing, exporting and importing profiles from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from profile_factory import make_full_profile

from bidkit.cli import main
from bidkit.profile.document import SCHEMA
from bidkit.store.workspace import Workspace


@pytest.fixture
def org_id(workspace_dir: Path) -> int:
    with Workspace.open(workspace_dir) as ws:
        return make_full_profile(ws)


def _run(workspace_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(workspace_dir), *args])


def test_list_json_has_the_documented_keys(
    org_id: int, workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("bidkit.ops.organisations")
    capsys.readouterr()
    assert _run(workspace_dir, "org", "list", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(row) for row in rows] == [{"id", "name", "legal_form", "completeness", "own"}]
    assert rows[0]["id"] == org_id and rows[0]["own"] is True
    assert rows[0]["name"] == "Riverside Community Care CIC"
    assert 0 <= rows[0]["completeness"] <= 1


def test_show_prints_the_whole_profile(
    org_id: int, workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _run(workspace_dir, "org", "show", str(org_id), "--json") == 0
    profile = json.loads(capsys.readouterr().out)
    assert profile["id"] == org_id and profile["own"] is True
    assert profile["legal_name"] == "Riverside Community Care CIC"
    assert profile["financial_years"][0]["turnover"] == "1234567.89"
    assert profile["policies"][0]["file_name"] == "edi-policy-2025.pdf"
    assert profile["logo"]["name"] == "riverside-logo.png"


def test_show_unknown_id_is_refused(
    org_id: int, workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _run(workspace_dir, "org", "show", "999", "--json") == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "bidkit: There is no organisation with id 999. Run 'bidkit org list' to see the ids.\n"
    )


def test_export_then_import_adds_a_new_organisation(
    org_id: int, workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "riverside.json"
    capsys.readouterr()
    assert _run(workspace_dir, "org", "export", str(org_id), "-o", str(target)) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == SCHEMA

    assert _run(workspace_dir, "org", "import", str(target), "--own", "--json") == 0
    first = json.loads(capsys.readouterr().out)
    assert first == {"id": first["id"], "name": "Riverside Community Care CIC"}
    assert first["id"] != org_id

    assert _run(workspace_dir, "org", "import", str(target), "--json") == 0
    second = json.loads(capsys.readouterr().out)
    assert second["id"] not in (org_id, first["id"])

    assert _run(workspace_dir, "org", "show", str(second["id"]), "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["own"] is False and shown["legal_name"] == "Riverside Community Care CIC"


def test_import_without_json_prints_a_sentence(
    org_id: int, workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "riverside.json"
    assert _run(workspace_dir, "org", "export", str(org_id), "-o", str(target)) == 0
    capsys.readouterr()
    assert _run(workspace_dir, "org", "import", str(target)) == 0
    assert capsys.readouterr().out.startswith("Imported Riverside Community Care CIC (id ")


def test_export_to_a_missing_folder_is_refused(
    org_id: int, workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "profile.json"
    capsys.readouterr()
    assert _run(workspace_dir, "org", "export", str(org_id), "-o", str(target)) == 3
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("bidkit: The folder ") and "does not exist" in err
    assert not target.parent.exists()


def test_export_unknown_id_is_refused_and_writes_nothing(
    org_id: int, workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "profile.json"
    assert _run(workspace_dir, "org", "export", "999", "-o", str(target)) == 3
    assert "no organisation with id 999" in capsys.readouterr().err
    assert list(tmp_path.glob("*.json")) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["org"],
        ["org", "show", "one"],
        ["org", "export", "1"],
        ["org", "import"],
        ["org", "import", "profile.json", "--mine"],
    ],
)
def test_wrong_usage_exits_2(
    argv: list[str], workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _run(workspace_dir, *argv)
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "bidkit: " in err and "Traceback" not in err
