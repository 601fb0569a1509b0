"""Reading, counting, previewing and exporting never write; re-applying pre-fill is its own op."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from bidkit.model.bid import Bid
from bidkit.model.questionnaire import Answer, BidForm
from bidkit.ops import organisations
from bidkit.ops.bids import create_bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import (
    compliance_report,
    export_bid,
    preview_export,
    submission_problems,
    suggested_file_name,
)
from bidkit.ops.questionnaires import (
    coverage_report,
    forms_of_bid,
    load_questionnaire,
    read_questionnaire,
    reapply_prefill,
)
from bidkit.store.workspace import Workspace

_WRITES = ("BEGIN IMMEDIATE", "INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP")


class Statements:
    """Every SQL statement the workspace's engine runs while watched."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def writes(self) -> list[str]:
        return [s for s in self.seen if s.lstrip().upper().startswith(_WRITES)]


@pytest.fixture
def watch(workspace: Workspace) -> Iterator[Statements]:
    found = Statements()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        found.seen.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", record)
    yield found
    event.remove(workspace.engine, "before_cursor_execute", record)


def _own_org(ws: Workspace) -> int:
    (own,) = [o.id for o in organisations.list_organisations(ws) if o.own]
    return own


def _legal_names(ws: Workspace, bid_id: int) -> set[Any]:
    """The lead's answers taken from the profile's legal name."""
    snapshot = load_questionnaire(ws, bid_id)
    lead = snapshot.participants[0].org_id
    return {
        a.value
        for (_, key), a in snapshot.answers.items()
        if a.source_ref == "legal_name" and key in (0, lead)
    }


def test_reads_and_exports_do_not_write(
    workspace: Workspace, watch: Statements, tmp_path: Path
) -> None:
    seed_demo(workspace, force=False)
    own = _own_org(workspace)
    # A profile change that pre-fill would carry into the answers, if a read pre-filled.
    organisations.set_field(workspace, own, "legal_name", "Riverside Care and Support CIC")
    with workspace.session() as session:
        bid_ids = [b.id or 0 for b in session.exec(select(Bid).order_by(col(Bid.id))).all()]
        with_forms = {f.bid_id for f in session.exec(select(BidForm)).all()}
    watch.seen.clear()

    for bid_id in bid_ids:
        for form_id in forms_of_bid(workspace, bid_id):
            load_questionnaire(workspace, bid_id, form_id)
            read_questionnaire(workspace, bid_id, form_id)
        coverage_report(workspace, bid_id)
        submission_problems(workspace, bid_id)
        suggested_file_name(workspace, bid_id, "docx")
        if bid_id in with_forms:
            preview_export(workspace, bid_id)
            compliance_report(workspace, bid_id)
            export_bid(workspace, bid_id, "docx", tmp_path / f"bid-{bid_id}.docx")

    assert watch.seen, "the reads ran no SQL at all"
    assert watch.writes() == []
    # The answers still say what they said: reading did not pre-fill.
    assert "Riverside Community Care CIC" in _legal_names(workspace, bid_ids[0])
    assert "Riverside Care and Support CIC" not in _legal_names(workspace, bid_ids[0])

    # Re-applying pre-fill is the operation that follows the profile; told which profiles
    # changed, it leaves the bids they take no part in alone.
    assert not reapply_prefill(workspace, org_ids={own + 1000}).ids
    assert "Riverside Care and Support CIC" not in _legal_names(workspace, bid_ids[0])
    changes = reapply_prefill(workspace, org_ids={own})
    assert changes.touches("questionnaire", bid_ids[0])
    assert any(s.startswith("BEGIN IMMEDIATE") for s in watch.writes())
    assert _legal_names(workspace, bid_ids[0]) == {"Riverside Care and Support CIC"}
    # Nothing left to follow: a second run changes nothing.
    assert not reapply_prefill(workspace).ids


def test_a_bid_with_a_form_is_one_transaction(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the bid row is written leaves no bid, no questionnaire, no answers."""
    seed_demo(workspace, force=False)
    with workspace.session() as session:
        bids_before = len(session.exec(select(Bid)).all())
        answers_before = len(session.exec(select(Answer)).all())
        forms_before = len(session.exec(select(BidForm)).all())

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the disk went away while pre-filling")

    monkeypatch.setattr("bidkit.ops.questionnaires.prefill_form", broken)
    with pytest.raises(RuntimeError, match="disk went away"):
        create_bid(workspace, title="Half made", buyer="Leeds", deadline=None,
                   form_id="uk-sq-ppn-03-23")  # fmt: skip
    with workspace.session() as session:
        assert len(session.exec(select(Bid)).all()) == bids_before
        assert session.exec(select(Bid).where(col(Bid.title) == "Half made")).first() is None
        assert len(session.exec(select(BidForm)).all()) == forms_before
        assert len(session.exec(select(Answer)).all()) == answers_before

    monkeypatch.undo()
    changes = create_bid(workspace, title="Whole", buyer="Leeds", deadline=None,
                         form_id="uk-sq-ppn-03-23")  # fmt: skip
    assert changes.created is not None
    assert changes.touches("questionnaire", changes.created)
    assert forms_of_bid(workspace, changes.created) == ["uk-sq-ppn-03-23"]
    assert load_questionnaire(workspace, changes.created).answers
