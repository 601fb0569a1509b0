"""`bidkit forms list`, `bid new|list` and `prefill` (see the CLI contract in the design notes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bidkit.cli import main
from tests.cli_run import run

FORM = "uk-sq-ppn-03-23"
SHIPPED = {
    "uk-sq-ppn-03-24", "uk-sq-ppn-03-23", "uk-pa2023-cdp-psq", "council-care-support-pqq",
}  # fmt: skip


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 3, (out, err)
    assert out == ""
    assert err.startswith("bidkit: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo")
    assert code == 0, err


def new_bid(capsys: pytest.CaptureFixture[str], *extra: str, deadline: str = "2027-01-31") -> int:
    data = run_json(
        capsys, "bid", "new", "--title", "Home care", "--buyer", "Leeds City Council",
        "--deadline", deadline, *extra,
    )  # fmt: skip
    assert set(data) == {"id"} and isinstance(data["id"], int)
    return int(data["id"])


def test_forms_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_json(capsys, "forms", "list")
    assert {r["id"] for r in rows} == SHIPPED
    for row in rows:
        assert set(row) == {"id", "title", "version", "sections", "questions"}
        assert row["sections"] >= 1 and row["questions"] >= 60


def test_forms_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "forms", "list")
    assert code == 0
    assert all(form_id in out for form_id in SHIPPED)


def test_bid_new_attaches_and_prefill_reports_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    demo(capsys)
    bid_id = new_bid(capsys, "--form", FORM)
    report = run_json(capsys, "prefill", str(bid_id))
    assert {"form", "questions", "reusable", "prefilled", "coverage", "missing"} <= set(report)
    assert report["form"] == FORM
    assert 0 < report["prefilled"] <= report["reusable"] <= report["questions"]
    assert report["coverage"] == round(report["prefilled"] / report["reusable"], 4)
    assert isinstance(report["missing"], list)
    assert all(isinstance(m, str) for m in report["missing"])
    # Missing lists every required answer not given, as the progress figures count them.
    (lead,) = report["progress"]
    assert set(lead) == {"org_id", "name", "role", "answered", "required"}
    assert lead["role"] == "lead" and 0 < lead["answered"] < lead["required"]
    assert len(report["missing"]) == lead["required"] - lead["answered"]


def test_prefill_text(capsys: pytest.CaptureFixture[str]) -> None:
    demo(capsys)
    bid_id = new_bid(capsys, "--form", FORM)
    code, out, _ = run(capsys, "prefill", str(bid_id))
    assert code == 0 and "reusable answers pre-filled" in out


def test_bid_list_is_sorted_by_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    demo(capsys)
    late = new_bid(capsys, deadline="2030-06-30")
    early = new_bid(capsys, deadline="2000-01-31T12:00")
    rows = run_json(capsys, "bid", "list")
    for row in rows:
        assert set(row) == {"id", "title", "buyer", "status", "deadline", "lead_org_id"}
    deadlines = [r["deadline"] for r in rows]
    assert None not in deadlines
    assert deadlines == sorted(deadlines)
    assert rows[0]["id"] == early and rows[-1]["id"] == late
    # A date alone is the end of that day in the UK (BST in June: 22:59:59 UTC).
    assert rows[-1]["deadline"].startswith("2030-06-30T22:59:59")
    own = {r["lead_org_id"] for r in rows}
    assert len(own) == 1 and None not in own


def test_bid_list_on_an_empty_workspace(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "bid", "list") == []


def test_unknown_form_id_is_refused_without_creating_a_bid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo(capsys)
    before = run_json(capsys, "bid", "list")
    err = refused(
        capsys, "bid", "new", "--title", "T", "--buyer", "B", "--deadline", "2027-01-31",
        "--form", "no-such-form",
    )  # fmt: skip
    assert "no-such-form" in err and "forms list" in err
    assert run_json(capsys, "bid", "list") == before


def test_an_unreadable_deadline_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    demo(capsys)
    err = refused(capsys, "bid", "new", "--title", "T", "--buyer", "B", "--deadline", "soon")
    assert "'soon' is not a deadline" in err and "15/03/2027 12:00" in err


def test_an_unknown_bid_id_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    demo(capsys)
    err = refused(capsys, "prefill", "999", "--json")
    assert "999" in err and "bid list" in err


def test_a_bid_without_a_questionnaire_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    demo(capsys)
    bid_id = new_bid(capsys)
    err = refused(capsys, "prefill", str(bid_id), "--json")
    assert "no questionnaire" in err and "forms import" in err and "Questionnaires page" in err


def test_no_own_organisation_and_no_org_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(
        capsys, "bid", "new", "--title", "T", "--buyer", "B", "--deadline", "2027-01-31", "--json"
    )
    assert "--org" in err
    assert run_json(capsys, "bid", "list") == []


def test_an_unknown_lead_organisation_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    demo(capsys)
    err = refused(
        capsys, "bid", "new", "--title", "T", "--buyer", "B", "--deadline", "2027-01-31",
        "--org", "999",
    )  # fmt: skip
    assert "999" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["bid", "new", "--buyer", "B", "--deadline", "2027-01-31"],  # no --title
        ["bid", "new", "--title", "T", "--buyer", "B"],  # no --deadline
        ["bid", "new", "--title", "T", "--buyer", "B", "--deadline", "x", "--org", "one"],
        ["bid"],
        ["bid", "delete"],
        ["prefill"],
        ["prefill", "seven"],
        ["forms"],
        ["forms", "list", "--colour"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "bidkit" in err


def test_evidence_added_on_the_command_line_reaches_the_answers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, workspace_dir: Path
) -> None:
    """Answers follow the library: `evidence add` re-applies pre-fill, no read needed."""
    from datetime import date

    from sqlmodel import select

    from bidkit.model.evidence import EvidenceItem
    from bidkit.ops.questionnaires import read_questionnaire
    from bidkit.store.workspace import Workspace

    demo(capsys)
    with Workspace.open(workspace_dir) as ws, ws.write() as session:
        for item in session.exec(select(EvidenceItem)).all():
            if "safeguarding" in item.tags.casefold():
                item.expires_on = date(2020, 1, 1)  # pre-fill never uses an expired item
                session.add(item)
    bid_id = new_bid(capsys, "--form", "council-care-support-pqq")

    def safeguarding() -> Any:
        with Workspace.open(workspace_dir, read_only=True) as ws:
            snapshot = read_questionnaire(ws, bid_id)
            found = snapshot.answer("sg_arrangements", snapshot.participants[0].org_id)
        return None if found is None else found.value

    assert safeguarding() is None
    body = tmp_path / "safeguarding.txt"
    body.write_text("Every visit follows our safeguarding adults policy.", encoding="utf-8")
    run_json(capsys, "evidence", "add", "--title", "Safeguarding arrangements",
             "--body-file", str(body), "--tag", "safeguarding", "--tag", "policy",
             "--json")  # fmt: skip
    assert safeguarding() == "Every visit follows our safeguarding adults policy."
