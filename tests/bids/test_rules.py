"""Go/no-go scoring, reminders within warning periods, expiring evidence, win rate."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bidkit.bids.checklist import QUESTIONS, Verdict, assess, from_json, to_json
from bidkit.bids.expiring import DatedEvidence, expiring_for_bid
from bidkit.bids.reminders import DueDate, reminders_due
from bidkit.bids.win_rate import win_rates

KEYS = [q.key for q in QUESTIONS]


def test_checklist_needs_every_answer_before_a_result() -> None:
    result = assess({"mission": "yes"})
    assert result.verdict is None and result.answered == 1


def test_checklist_scores_go_review_and_no_go() -> None:
    assert assess(dict.fromkeys(KEYS, "yes")).verdict == Verdict.GO
    assert assess(dict.fromkeys(KEYS, "partly")).verdict == Verdict.REVIEW
    assert assess(dict.fromkeys(KEYS, "no")).verdict == Verdict.NO_GO


def test_a_deal_breaker_no_is_no_go_whatever_the_score() -> None:
    answers = dict.fromkeys(KEYS, "yes") | {"requirements": "no"}
    result = assess(answers)
    assert result.score == 0.9 and result.verdict == Verdict.NO_GO
    assert result.blockers == ("requirements",)


def test_checklist_round_trips_and_survives_damaged_json() -> None:
    result = assess(dict.fromkeys(KEYS, "yes"), "fine")
    again = from_json(to_json(result, "2026-01-01"))
    assert again.verdict == Verdict.GO and again.note == "fine"
    assert from_json("{broken").answered == 0
    assert from_json('["not", "a", "dict"]').answered == 0


NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _due(days: float, bid_id: int = 1) -> DueDate:
    return DueDate(bid_id, "deadline", "Submission deadline", "Bid", NOW + timedelta(days=days))


def test_reminders_fall_in_the_smallest_period_and_skip_the_past_and_far() -> None:
    found = reminders_due([_due(0.5, 1), _due(3, 2), _due(10, 3), _due(-1, 4)], NOW, (7, 1))
    assert [(r.date.bid_id, r.period) for r in found] == [(1, 1), (2, 7)]
    assert reminders_due([_due(3)], NOW, ()) == []


def test_expiring_evidence_by_deadline_or_contract_start() -> None:
    def item(label: str, on: date) -> DatedEvidence:
        return DatedEvidence("insurance", label, 1, "Riverside", on)

    today = date(2026, 6, 1)
    found = expiring_for_bid(
        [item("old", date(2026, 5, 1)), item("by deadline", date(2026, 6, 10)),
         item("deadline day", date(2026, 6, 15)), item("by start", date(2026, 8, 1)),
         item("fine", date(2027, 1, 1))],
        today=today, deadline=date(2026, 6, 15), contract_start=date(2026, 9, 1),
    )  # fmt: skip
    assert [(f.item.label, f.by) for f in found] == [
        ("old", "already"), ("by deadline", "deadline"), ("deadline day", "deadline"),
        ("by start", "contract_start"),
    ]  # fmt: skip
    assert "before the submission deadline" in found[1].describe()


def test_win_rate_overall_recent_and_by_year() -> None:
    rows = win_rates(
        [(date(2026, 5, 1), True), (date(2026, 2, 1), False), (date(2024, 1, 1), True),
         (None, False)],
        today=date(2026, 6, 1),
    )  # fmt: skip
    by_label = {r.label: r for r in rows}
    assert (by_label["All time"].won, by_label["All time"].lost) == (2, 2)
    assert by_label["Last 12 months"].rate == 0.5
    assert by_label["2024"].rate == 1.0


def test_due_within_more_days_than_a_calendar_holds_is_no_limit() -> None:
    from bidkit.bids.reminders import due_within

    dates = [_due(3, 1), _due(400, 2)]
    assert [d.bid_id for d in due_within(dates, NOW, 10**12)] == [1, 2]
