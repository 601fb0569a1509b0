"""Deadlines given on the command line are read like the window reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bidkit.cli import main


@pytest.fixture
def root(workspace_dir: Path) -> Path:
    from bidkit.ops.organisations import create_organisation
    from bidkit.store.workspace import Workspace

    with Workspace.open(workspace_dir) as ws:
        create_organisation(ws, name="Riverside Community Care CIC", own=True)
    return workspace_dir


def _new_bid(deadline: str) -> int:
    return main(["bid", "new", "--title", "Wellbeing", "--buyer", "Riverside Council",
                 "--deadline", deadline])  # fmt: skip


def _listed(capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["bid", "list"]) == 0
    return capsys.readouterr().out.splitlines()


def test_a_uk_deadline_and_a_day_alone(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new_bid("15/03/2027 12:00") == 0
    assert _new_bid("15/3/27") == 0  # the end of that UK day, and stored as a day
    capsys.readouterr()
    assert main(["deadlines", "--days", "100000", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["due"], r["all_day"]) for r in rows] == [
        ("2027-03-15T12:00:00+00:00", False),
        ("2027-03-15T23:59:59+00:00", True),
    ]


def test_a_repeated_time_says_which_was_taken(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _new_bid("31/10/2027 01:30") == 0
    assert "01:30 BST" in capsys.readouterr().err
    assert "31/10/2027 01:30 BST" in _listed(capsys)[0]


def test_a_skipped_time_is_refused_with_the_reason(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _new_bid("28/03/2027 01:30") == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "clocks go forward" in err
    assert _listed(capsys) == []
