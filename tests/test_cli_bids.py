"""`bidkit notice import`, `deadlines`, `calendar export`, `bid new` and `bid list`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bidkit.cli import main
from tests.bids.samples import sample

BIRMINGHAM = "cf_ocds-b5fd17raw-e15aeca8-e49f-4ec6-82f0-d1392da45bec.json"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_notice_import_json_and_reimport(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(sample(BIRMINGHAM))
    [row] = _json(capsys, "notice", "import", source, "--json")  # type: ignore[misc]
    assert set(row) >= {"bid_id", "ocid", "title", "buyer", "deadline", "value", "currency",
                        "cpv", "lots"}  # fmt: skip
    assert row["buyer"] == "Birmingham City Council"
    assert row["value"] is None and row["currency"] == "GBP"
    assert len(row["cpv"]) == 18 and row["lots"] == []
    assert row["deadline"].startswith("2020-04-23")
    [again] = _json(capsys, "notice", "import", source, "--json")  # type: ignore[misc]
    assert again["bid_id"] == row["bid_id"]
    bids = _json(capsys, "bid", "list", "--json")
    assert isinstance(bids, list) and len(bids) == 1
    assert set(bids[0]) == {"id", "title", "buyer", "status", "deadline", "lead_org_id"}


def test_refused_notice_exits_3_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    assert main(["notice", "import", str(bad), "--json"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "releases" in captured.err


def test_deadlines_and_calendar_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    capsys.readouterr()
    rows = _json(capsys, "deadlines", "--days", "30", "--json")
    assert isinstance(rows, list) and rows
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)
    assert set(rows[0]) >= {"bid_id", "kind", "due", "title"}
    week = _json(capsys, "deadlines", "--days", "7", "--json")
    assert isinstance(week, list) and len(week) < len(rows)
    target = tmp_path / "out.ics"
    assert main(["calendar", "export", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert main(["deadlines", "--days", "-1"]) == 3


def test_bid_new_takes_reference_and_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "list", "--json"]) == 0
    capsys.readouterr()
    from bidkit.ops.organisations import create_organisation
    from bidkit.paths import resolve_workspace_dir
    from bidkit.store.workspace import Workspace

    with Workspace.open(resolve_workspace_dir(None)) as ws:
        create_organisation(ws, name="Riverside", own=True)
    created = _json(capsys, "bid", "new", "--title", "T", "--buyer", "B", "--deadline",
                    "2026-09-01", "--reference", "R-1", "--value", "12000", "--json")  # fmt: skip
    assert isinstance(created, dict) and created["id"]
    assert main(["bid", "new", "--title", "T", "--buyer", "B", "--deadline", "2026-09-01",
                 "--value", "much"]) == 3  # fmt: skip


def test_deadlines_with_a_huge_number_of_days_lists_everything(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == 0
    capsys.readouterr()
    every = _json(capsys, "deadlines", "--json")
    assert _json(capsys, "deadlines", "--days", "99999999999999999999", "--json") == every
    assert main(["deadlines", "--days", "0"]) == 0


def test_notice_without_a_buyer_is_reported_without_empty_brackets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "no-buyer.json"
    source.write_text(json.dumps({"releases": [{"ocid": "ocds-x-9", "tender": {"title": "T"}}]}))
    assert main(["notice", "import", str(source)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("added: T")


def test_notice_import_says_what_kind_of_notice_and_lists_the_interest_deadline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    notices = Path(__file__).parent / "samples" / "notices"
    [award] = _json(capsys, "notice", "import", str(sample(BIRMINGHAM)), "--json")  # type: ignore[misc]
    assert award["notice_type"] == "award" and award["record"] is True
    assert award["warnings"][0].startswith("This is an award notice")
    [tender] = _json(  # type: ignore[misc]
        capsys, "notice", "import", str(notices / "two_stage_tender.json"), "--json"
    )
    assert tender["notice_type"] == "tender" and tender["record"] is False
    assert [lot["value"] for lot in tender["lots"]] == [750000.5, 499999.5]
    rows = _json(capsys, "deadlines", "--json")
    assert isinstance(rows, list)
    kinds = [(r["bid_id"], r["kind"]) for r in rows]
    assert (tender["bid_id"], "expression_of_interest") in kinds
    assert all(bid_id != award["bid_id"] for bid_id, _ in kinds), "a record has no deadlines"
    assert main(["notice", "import", str(notices / "planning_notice.json")]) == 0
    assert "added as a record (planning notice)" in capsys.readouterr().out
