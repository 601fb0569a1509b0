"""Bid operations: edit, status history, dates, tasks, partners, checklist, outcome, delete,
notice import (with re-import), dashboard data, deadlines and calendar export."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest
from sqlmodel import select

from bidkit.bids.uktime import parse_deadline, uk_time
from bidkit.errors import InputRefused, NotFound
from bidkit.model.bid import Bid, BidStatusChange, KeyDate
from bidkit.ops import bid_overview as overview
from bidkit.ops import bids as ops
from bidkit.ops.demo import seed_demo
from bidkit.ops.notice_import import import_notice_file, preview_notice_file
from bidkit.ops.organisations import create_organisation
from bidkit.store.workspace import Workspace
from tests.bids.samples import sample

SUNDERLAND = "cf_ocds-b5fd17raw-8a79c599-d165-4d72-a3d1-1dcb222a184f.json"
PARAGUAY = "ocds_std_example_lots_paraguay_tender.json"


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    return workspace


@pytest.fixture
def bid_id(ws: Workspace) -> int:
    create_organisation(ws, name="Riverside Care CIC", own=True)
    created = ops.create_bid(ws, title="Carers service", buyer="Leeds City Council",
                             deadline=uk_time(date.today() + timedelta(days=10), 12),
                             reference="LCC-1", value="120000")  # fmt: skip
    assert created.created is not None
    return created.created


def test_create_bid_keeps_its_old_signature_and_takes_new_fields(
    ws: Workspace, bid_id: int
) -> None:
    plain = ops.create_bid(ws, title="Plain", buyer="B", deadline=None).created
    detail = overview.load_bid(ws, bid_id)
    assert (detail.reference, detail.value) == ("LCC-1", Decimal("120000.00"))
    assert plain is not None and overview.load_bid(ws, plain).value is None


def test_update_bid_validates_values(ws: Workspace, bid_id: int) -> None:
    ops.update_bid(ws, bid_id, title="Carers support", value="1,500.50", currency="eur")
    detail = overview.load_bid(ws, bid_id)
    assert (detail.title, detail.value, detail.currency) == (
        "Carers support", Decimal("1500.50"), "EUR")  # fmt: skip
    for bad in ({"title": " "}, {"value": "lots"}, {"currency": "pounds"},
                {"portal_url": "ftp://x"}, {"colour": "red"}):  # fmt: skip
        with pytest.raises(InputRefused):
            ops.update_bid(ws, bid_id, **bad)


def test_status_changes_are_kept_in_history(ws: Workspace, bid_id: int) -> None:
    ops.set_status(ws, bid_id, "drafting", "Decided to bid")
    assert ops.set_status(ws, bid_id, "drafting").ids == {}
    history = overview.load_bid(ws, bid_id).history
    assert [(h.from_status, h.to_status, h.note) for h in history] == [
        ("identified", "drafting", "Decided to bid")]  # fmt: skip
    with pytest.raises(InputRefused):
        ops.set_status(ws, bid_id, "maybe")


def test_key_dates_and_tasks(ws: Workspace, bid_id: int) -> None:
    due = uk_time(date.today() + timedelta(days=3), 17)
    date_id = ops.add_key_date(ws, bid_id, "clarification", due).created
    assert date_id is not None
    with pytest.raises(InputRefused):
        ops.add_key_date(ws, bid_id, "custom", due)
    ops.update_key_date(ws, date_id, all_day=True)
    task_id = ops.add_task(ws, bid_id, "Write section 3", owner="Helen",
                           due=date.today() - timedelta(days=1)).created  # fmt: skip
    assert task_id is not None
    detail = overview.load_bid(ws, bid_id)
    assert [(d.kind, d.all_day) for d in detail.key_dates] == [("clarification", True)]
    assert [(t.title, t.done) for t in detail.tasks] == [("Write section 3", False)]
    dash = overview.dashboard_data(ws)
    assert [t.title for t in dash.overdue_tasks] == ["Write section 3"]
    ops.set_task_done(ws, task_id, True)
    assert overview.dashboard_data(ws).overdue_tasks == []
    ops.remove_task(ws, task_id)
    ops.remove_key_date(ws, date_id)
    detail = overview.load_bid(ws, bid_id)
    assert detail.tasks == [] and detail.key_dates == []
    with pytest.raises(NotFound):
        ops.remove_task(ws, task_id)


def test_partners_added_with_roles_and_removed(ws: Workspace, bid_id: int) -> None:
    partner = create_organisation(ws, name="Northside Advice", own=False).created
    assert partner is not None
    ops.add_partner(ws, bid_id, partner, "subcontractor")
    detail = overview.load_bid(ws, bid_id)
    assert [(p.name, p.role) for p in detail.partners] == [("Northside Advice", "subcontractor")]
    with pytest.raises(InputRefused, match="already leads"):
        ops.add_partner(ws, bid_id, detail.lead_org_id or 0)
    ops.remove_partner(ws, bid_id, partner)
    assert overview.load_bid(ws, bid_id).partners == []


def test_checklist_and_outcome_are_kept_on_the_bid(ws: Workspace, bid_id: int) -> None:
    from bidkit.bids.checklist import QUESTIONS

    ops.save_checklist(ws, bid_id, {q.key: "yes" for q in QUESTIONS}, "Clear fit")
    assert overview.load_bid(ws, bid_id).checklist.verdict is not None
    ops.record_outcome(ws, bid_id, won=False, feedback="Price too high",
                       scores=[{"criterion": "Quality", "score": "38", "max": 60}],
                       on=date(2026, 1, 5))  # fmt: skip
    detail = overview.load_bid(ws, bid_id)
    assert detail.status == "lost" and detail.outcome_feedback == "Price too high"
    assert detail.outcome_scores == [{"criterion": "Quality", "score": 38.0, "max": 60.0}]
    assert detail.history[-1].to_status == "lost"
    rates = overview.dashboard_data(ws).win_rates
    assert (rates[0].won, rates[0].lost) == (0, 1)
    with pytest.raises(InputRefused):
        ops.record_outcome(ws, bid_id, won=True, scores=[{"criterion": "Q", "score": "high"}])


def test_delete_takes_a_backup_and_removes_children(ws: Workspace, bid_id: int) -> None:
    ops.add_task(ws, bid_id, "Something")
    ops.add_key_date(ws, bid_id, "award", datetime.now(UTC))
    ops.set_status(ws, bid_id, "drafting")
    ops.delete_bid(ws, bid_id)
    assert list(ws.paths.backups.glob("*before-delete-bid*"))
    with ws.session() as session:
        assert session.exec(select(KeyDate)).all() == []
        assert session.exec(select(BidStatusChange)).all() == []
    with pytest.raises(NotFound):
        overview.load_bid(ws, bid_id)


def test_notice_import_creates_then_updates_the_same_bid(ws: Workspace) -> None:
    create_organisation(ws, name="Riverside Care CIC", own=True)
    source = sample(PARAGUAY)
    first = import_notice_file(ws, source)
    [imported] = first.notices
    assert imported.created
    ops.update_bid(ws, imported.bid_id, notes="Our own notes")
    ops.set_status(ws, imported.bid_id, "drafting")
    assert preview_notice_file(ws, source)[0].existing_bid_id == imported.bid_id
    again = import_notice_file(ws, source)
    assert [(n.bid_id, n.created) for n in again.notices] == [(imported.bid_id, False)]
    with ws.session() as session:
        bids = session.exec(select(Bid)).all()
        kinds = sorted(k.kind for k in session.exec(select(KeyDate)).all())
    assert len(bids) == 1
    assert bids[0].notes == "Our own notes" and bids[0].status == "drafting"
    assert bids[0].value == Decimal("8100000.00") and bids[0].currency == "PYG"
    assert kinds == ["award", "clarification"]  # not duplicated on re-import
    detail = overview.load_bid(ws, imported.bid_id)
    assert detail.lots[0]["id"] == "+GmottIGrAE="
    assert detail.cpv_codes == []  # a national catalogue code, not CPV


def test_imported_contracts_finder_notice_has_a_day_deadline(ws: Workspace) -> None:
    [n] = import_notice_file(ws, sample(SUNDERLAND)).notices
    detail = overview.load_bid(ws, n.bid_id)
    assert detail.deadline_all_day and detail.deadline == parse_deadline("2020-02-17")
    assert detail.lead_org_id is None  # no own organisation yet: chosen later
    assert detail.vcse_suitable is True


def test_deadlines_reminders_and_calendar_export(ws: Workspace, tmp_path: Path) -> None:
    seed_demo(ws, force=False)
    dates = overview.upcoming_deadlines(ws, days=28)
    assert dates == sorted(dates, key=lambda d: d.due)
    assert {d.kind for d in dates} >= {"deadline", "clarification"}
    assert all(d.due >= datetime.now(UTC) for d in dates)
    reminders = overview.current_reminders(ws)
    assert {r.period for r in reminders} <= {1, 7} and reminders
    target = tmp_path / "bids.ics"
    count = overview.export_calendar(ws, target)
    first = icalendar.Calendar.from_ical(target.read_bytes())
    overview.export_calendar(ws, target)
    second = icalendar.Calendar.from_ical(target.read_bytes())
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(uids) == count == len(set(uids))
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]  # stable across exports
    assert all(u.endswith("@bidkit") for u in uids)


def test_dashboard_lists_expiring_evidence_of_lead_and_partners(ws: Workspace) -> None:
    seed_demo(ws, force=False)
    dash = overview.dashboard_data(ws)
    assert dash.bid_count == 5
    names = {line.expiring.item.organisation_name for line in dash.expiring}
    assert "Northside Advice Centre" in names  # a partner's lapsed DBS check
    assert {s for s, _label, _n in dash.by_status} >= {"drafting", "won", "lost"}
    rows = overview.bid_rows(ws)
    assert len(rows) == 5 and any(r.go_result == "GO" for r in rows)


def test_two_dates_of_one_kind_are_both_in_the_calendar(
    ws: Workspace, bid_id: int, tmp_path: Path
) -> None:
    # Two presentation sessions used to share one UID, so the second was left out.
    day = date.today() + timedelta(days=20)
    ops.add_key_date(ws, bid_id, "presentation", uk_time(day, 10))
    ops.add_key_date(ws, bid_id, "presentation", uk_time(day, 14))
    target = tmp_path / "bids.ics"
    count = overview.export_calendar(ws, target)
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    shown = [e for e in events if "presentation" in str(e["SUMMARY"])]
    assert len(shown) == 2 and len({str(e["UID"]) for e in shown}) == 2
    assert count == len(events)
    overview.export_calendar(ws, target)
    again = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]
