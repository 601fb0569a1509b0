"""Notices read right: their kind, records kept out of the calendar, and the OCDS merge.

The files in tests/samples/notices are BidKit's own, shaped like Find a Tender and Contracts
Finder releases; `award_update_releases.compiled.json` is what ocdsmerge 0.8 (the OCDS
reference implementation) compiles from `award_update_releases.json` with the merge rules of
the OCDS release schema.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bidkit.bids.notice_kinds import NoticeType, classify
from bidkit.bids.notices import notice_as_json, read_notices
from bidkit.bids.ocds_merge import compile_releases
from bidkit.bids.uktime import UK
from bidkit.ops.bid_overview import export_calendar, upcoming_deadlines
from bidkit.ops.notice_import import import_notice_file
from bidkit.store.workspace import Workspace
from tests.bids.samples import sample

NOTICES = Path(__file__).resolve().parents[1] / "samples" / "notices"
BEFORE_2031 = datetime(2031, 1, 12, tzinfo=UTC)


def _only(name: str, now: datetime = BEFORE_2031):  # type: ignore[no-untyped-def]
    (notice,) = read_notices(NOTICES / name, now)
    return notice


def test_a_live_two_stage_tender_keeps_every_buyer_and_both_deadlines() -> None:
    notice = _only("two_stage_tender.json")
    assert notice.notice_type is NoticeType.TENDER and not notice.record
    assert notice.buyers == ("Northshire County Council", "Northshire & Dale NHS Trust")
    assert notice.buyer == "Northshire County Council; Northshire & Dale NHS Trust"
    assert any("2 buyers" in w for w in notice.warnings)
    assert notice.expression_of_interest == datetime(2031, 2, 2, 12, 0, tzinfo=UTC)
    # No time zone on the deadline: read as UK time (GMT in March before the clocks change)
    # and flagged.
    assert notice.deadline == datetime(2031, 3, 16, 12, 0, tzinfo=UK).astimezone(UTC)
    assert notice.deadline_zone_assumed
    assert any("no time zone" in w for w in notice.warnings)
    assert notice.cpv == ("85312000", "85320000")
    assert [(c.scheme, c.id) for c in notice.other_classifications] == [("UNSPSC", "93141700")]


def test_cli_json_gives_numbers_the_notice_type_and_plain_warnings() -> None:
    entry = notice_as_json(_only("two_stage_tender.json"))
    assert entry["notice_type"] == "tender" and entry["record"] is False
    assert [lot["value"] for lot in entry["lots"]] == [750000.5, 499999.5]
    assert entry["value"] == 1250000.0
    assert entry["expression_of_interest_deadline"] == "2031-02-02T12:00:00+00:00"
    assert entry["other_classifications"][0]["scheme"] == "UNSPSC"
    assert all(isinstance(w, str) and w.endswith(".") for w in entry["warnings"])
    json.dumps(entry)  # every value is plain JSON


def test_award_notices_are_records_naming_the_winner() -> None:
    notice = _only("award_update_releases.json", datetime(2030, 5, 1, tzinfo=UTC))
    assert notice.notice_type is NoticeType.AWARD and notice.record
    assert notice.releases_seen == 3
    assert notice.warnings[0] == (
        "This is an award notice: the contract has been awarded to Brightside Community "
        "Interest Company. BidKit keeps it as a record, not a live bid, and leaves its dates "
        "out of your calendar."
    )


def test_a_planning_notice_is_a_record_of_a_future_opportunity() -> None:
    notice = _only("planning_notice.json", datetime(2031, 5, 2, tzinfo=UTC))
    assert notice.notice_type is NoticeType.PLANNING and notice.record
    assert "future opportunity" in notice.warnings[0]


def test_a_passed_deadline_is_warned_about_and_kept_as_a_record() -> None:
    notice = _only("passed_deadline_tender.json", datetime(2026, 12, 3, tzinfo=UTC))
    assert notice.notice_type is NoticeType.TENDER and notice.record
    assert notice.value == Decimal("45000.00")
    assert any("(3 June 2019, 12:00) has passed" in w for w in notice.warnings)
    # Read the day it was published, the same notice is live.
    assert not _only("passed_deadline_tender.json", datetime(2019, 5, 2, tzinfo=UTC)).record


@pytest.mark.parametrize(
    ("tags", "release", "kind"),
    [
        (["planning"], {"tender": {"status": "planned"}}, NoticeType.PLANNING),
        (["planningUpdate"], {}, NoticeType.PLANNING),
        (["tender"], {"tender": {"status": "active"}}, NoticeType.TENDER),
        (["tenderAmendment"], {"tender": {"status": "active"}}, NoticeType.TENDER),
        # Contracts Finder: award notices tagged "tender", status complete, with awards.
        (["tender"], {"tender": {"status": "complete"}, "awards": [{"id": "1"}]}, NoticeType.AWARD),
        (["awardUpdate"], {"tender": {"status": "complete"}}, NoticeType.AWARD),
        (["contract"], {}, NoticeType.CONTRACT),
        (["tender"], {"tender": {"status": "complete"}}, NoticeType.CLOSED),
        (["tenderCancellation"], {"tender": {"status": "cancelled"}}, NoticeType.CANCELLED),
        ([], {"tender": {"status": "unsuccessful"}}, NoticeType.CANCELLED),
        ([], {"contracts": [{"id": "c"}]}, NoticeType.CONTRACT),
    ],
)
def test_notice_kinds(tags: list[str], release: dict[str, Any], kind: NoticeType) -> None:
    assert classify(tags, release) is kind


def test_releases_compile_as_ocdsmerge_compiles_them() -> None:
    releases = json.loads((NOTICES / "award_update_releases.json").read_text())["releases"]
    expected = json.loads((NOTICES / "award_update_releases.compiled.json").read_text())
    assert compile_releases(releases) == expected
    assert compile_releases(list(reversed(releases))) == expected, "releases sort by date"


def test_merge_rules_one_by_one() -> None:
    first = {"ocid": "o", "date": "2030-01-01", "tag": ["tender"], "tender": {
        "title": "A", "description": "D", "lots": [{"id": 1, "title": "x"}], "keep": {"a": 1},
        "items": [{"id": "i", "additionalClassifications": [{"id": "1"}, {"id": "2"}]}],
        "documents": [{"title": "no id"}],
    }}  # fmt: skip
    second = {"ocid": "o", "date": "2030-02-01", "tag": ["tenderUpdate"], "tender": {
        "description": None, "lots": [{"id": 1, "value": 5}, {"id": 2}], "keep": {},
        "items": [{"id": "i", "additionalClassifications": [{"id": "3"}]}],
        "documents": [{"title": "also no id"}],
    }}  # fmt: skip
    compiled = compile_releases([second, first])
    tender = compiled["tender"]
    assert compiled["tag"] == ["compiled"] and compiled["id"] == "o-2030-02-01"
    assert "description" not in tender, "null removes a field"
    assert tender["lots"] == [{"id": 1, "title": "x", "value": 5}, {"id": 2}], "merged by id"
    assert tender["keep"] == {"a": 1}, "an empty object changes nothing"
    assert tender["items"][0]["additionalClassifications"] == [{"id": "3"}], "whole list"
    assert len(tender["documents"]) == 2, "objects without an id are new objects"


def test_a_record_notices_dates_stay_out_of_the_calendar(
    workspace: Workspace, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    live = import_notice_file(workspace, NOTICES / "two_stage_tender.json").notices[0]
    record = import_notice_file(
        workspace, sample("cf_ocds-b5fd17raw-8a79c599-d165-4d72-a3d1-1dcb222a184f.json")
    ).notices[0]
    assert not live.preview.record and record.preview.record
    assert (
        "kept as a record"
        in import_notice_file(workspace, NOTICES / "planning_notice.json").changes.note
    )
    due = upcoming_deadlines(workspace, now=min(now, BEFORE_2031))
    kinds = {(d.bid_id, d.kind) for d in due}
    assert (live.bid_id, "expression_of_interest") in kinds and (live.bid_id, "deadline") in kinds
    assert all(d.bid_id == live.bid_id for d in due), "records have no dates to keep"
    target = tmp_path / "bids.ics"
    export_calendar(workspace, target)
    calendar = target.read_text(encoding="utf-8")
    assert "Community Wellbeing" in calendar and "Welfare Rights" not in calendar
