"""A certificate the answers cite is flagged when it expires by the deadline or before the
contract starts, for the member whose certificate it is."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import col, select

from bidkit.export.compliance import Problem, ProblemKind, check_compliance
from bidkit.export.source import AnswerRecord, ProfileRecord
from bidkit.model.bid import Bid, KeyDate, KeyDateKind
from bidkit.model.organisation import Accreditation
from bidkit.ops.bids import update_bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import compliance_report
from bidkit.store.workspace import Workspace
from tests.export.sample import LEAD, PARTNER, TODAY, answers, content

ROW = "accreditations[name~Cyber Essentials]"
LEAD_EXPIRES, PARTNER_EXPIRES = date(2026, 6, 30), date(2026, 5, 15)


def consortium(deadline: date, contract_start: date | None = None) -> list[Problem]:
    """Each member answers 1.1 from its own Cyber Essentials certificate."""
    given = dict(answers(True))
    given[("legal_name", LEAD)] = AnswerRecord("CE-LEAD-1", True, f"{ROW}.reference")
    given[("legal_name", PARTNER)] = AnswerRecord("CE-PART-2", True, f"{ROW}.reference")
    records = {
        (LEAD, ROW): ProfileRecord("Cyber Essentials", "Certificate", LEAD_EXPIRES, "CE-LEAD-1"),
        (PARTNER, ROW): ProfileRecord(
            "Cyber Essentials", "Certificate", PARTNER_EXPIRES, "CE-PART-2"
        ),
    }
    bid = content(answers=given, profile_records=records, deadline=deadline,
                  contract_start=contract_start)  # fmt: skip
    return check_compliance(bid, today=TODAY).of_kind(ProblemKind.EXPIRES_TOO_SOON)


def test_moving_the_deadline_past_one_members_expiry_flags_that_member_only() -> None:
    lead, partner = content().members
    assert consortium(date(2026, 5, 1)) == []
    (flagged,) = consortium(date(2026, 6, 1))
    assert flagged.member == partner.name and flagged.number == "1.1"
    assert "(CE-PART-2) expires on 15 May 2026, by the deadline (1 June 2026)" in flagged.message
    assert flagged.message.startswith(f"1.1 ({partner.name}): 'Cyber Essentials'")
    both = consortium(date(2026, 7, 1))
    assert [p.member for p in both] == [lead.name, partner.name]


def test_a_certificate_expiring_before_the_contract_starts_is_flagged() -> None:
    (flagged,) = consortium(date(2026, 5, 1), contract_start=date(2026, 6, 1))
    assert flagged.member == content().members[1].name
    assert "expires on 15 May 2026, before the contract starts (1 June 2026)" in flagged.message
    assert consortium(date(2026, 5, 1), contract_start=date(2026, 5, 10)) == []


def _cyber(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if "CE-0042-7781" in p.message]


def _demo(workspace: Workspace) -> tuple[int, date]:
    """The demo's consortium bid, and when the lead's Cyber Essentials certificate expires."""
    seed_demo(workspace, force=False)
    with workspace.session() as session:
        bid = session.exec(select(Bid).where(col(Bid.title).contains("Consortium"))).one()
        cyber = session.exec(
            select(Accreditation).where(Accreditation.reference == "CE-0042-7781")
        ).one()
        assert cyber.expires_on is not None
        return bid.id or 0, cyber.expires_on


def _deadline(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def test_the_demo_flags_the_cited_certificate_when_the_deadline_moves_past_it(
    workspace: Workspace,
) -> None:
    bid_id, expires = _demo(workspace)
    update_bid(workspace, bid_id, deadline=_deadline(expires - timedelta(days=3)))
    problems = compliance_report(workspace, bid_id).problems
    assert not [p for p in _cyber(list(problems)) if "by the deadline" in p.message]
    update_bid(workspace, bid_id, deadline=_deadline(expires + timedelta(days=3)))
    report = compliance_report(workspace, bid_id)
    (flagged,) = _cyber(report.of_kind(ProblemKind.EXPIRES_TOO_SOON))
    assert "by the deadline" in flagged.message
    # The certificate is the lead's, answered per member: the lead is named.
    assert flagged.member == "Riverside Community Care CIC"
    # SQ 03/24 asks nothing about Cyber Essentials: the certificate is cited as evidence of
    # the data protection measures of 7.2(b).
    assert flagged.number == "7.2(b)" and flagged.message.startswith("7.2(b) (Riverside")


def test_the_demo_flags_the_certificate_expiring_before_the_contract_starts(
    workspace: Workspace,
) -> None:
    bid_id, expires = _demo(workspace)
    update_bid(workspace, bid_id, deadline=_deadline(expires - timedelta(days=3)))
    with workspace.session() as session:
        start = session.exec(
            select(KeyDate).where(
                KeyDate.bid_id == bid_id, KeyDate.kind == str(KeyDateKind.CONTRACT_START)
            )
        ).one()
        assert start.due.date() > expires
    (flagged,) = _cyber(compliance_report(workspace, bid_id).of_kind(ProblemKind.EXPIRES_TOO_SOON))
    assert "before the contract starts" in flagged.message
