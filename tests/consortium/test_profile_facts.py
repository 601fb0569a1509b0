"""A partner's profile facts in a reply, offered as a diff the lead accepts field by field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import col, select

from bidkit.cli import main
from bidkit.consortium.profile_facts import diff_facts, well_formed
from bidkit.errors import InputRefused
from bidkit.model.organisation import Accreditation, InsurancePolicy, Organisation
from bidkit.ops import pack_merge, packs, partner_packs
from bidkit.ops.partner_profile_updates import accept_facts, offered_facts
from tests.consortium.exchange import Exchange, open_exchange


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)


def _reply_with_new_facts(ex: Exchange) -> int:
    request = ex.folder / "request.bidpack"
    packs.export_request(ex.lead, ex.bid_id, ex.greenway_id, request)
    bid_id = partner_packs.open_request(ex.partner, request).created or 0
    with ex.partner.write() as session:
        own = session.exec(select(Organisation).where(col(Organisation.is_own))).one()
        policy = session.exec(
            select(InsurancePolicy).where(col(InsurancePolicy.organisation_id) == own.id)
        ).first()
        assert policy is not None
        policy.cover = Decimal("7500000")
        session.add(policy)
        session.add(
            Accreditation(
                organisation_id=own.id or 0,
                name="Living Wage Employer",
                expires_on=date(2027, 6, 30),
            )
        )
    reply = ex.folder / "reply.bidpack"
    partner_packs.export_reply(ex.partner, bid_id, reply)
    preview = packs.preview_reply(ex.lead, reply)
    assert any(f["key"].endswith(".cover") for f in preview.profile_facts)
    return pack_merge.import_reply(ex.lead, reply).created or 0


def test_lead_accepts_facts_one_field_at_a_time(exchange: Exchange) -> None:
    record = _reply_with_new_facts(exchange)
    offered = {f["key"]: f for f in offered_facts(exchange.lead, record)}
    cover = next(k for k in offered if k.endswith(".cover"))
    assert offered[cover]["theirs"] == "7500000.00"
    assert "accreditation:Living Wage Employer.expires_on" in offered
    accept_facts(exchange.lead, record, [cover])
    left = {f["key"] for f in offered_facts(exchange.lead, record)}
    assert cover not in left and "accreditation:Living Wage Employer.expires_on" in left
    with exchange.lead.session() as session:
        covers = [
            p.cover
            for p in session.exec(
                select(InsurancePolicy).where(
                    col(InsurancePolicy.organisation_id) == exchange.greenway_id
                )
            )
        ]
    assert Decimal("7500000") in covers
    with pytest.raises(InputRefused, match="already matches"):
        accept_facts(exchange.lead, record, [cover])


def test_cli_lists_and_accepts_facts(
    exchange: Exchange, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _reply_with_new_facts(exchange)
    root = str(exchange.lead.root)
    exchange.lead.close()
    assert main(["--data-dir", root, "pack", "facts", str(record), "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)["facts"]
    key = "accreditation:Living Wage Employer.expires_on"
    assert key in {f["key"] for f in facts}
    assert main(["--data-dir", root, "pack", "accept", str(record), key, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["accepted"] == [key]


def test_malformed_facts_are_never_offered() -> None:
    assert not well_formed("insurance:public_liability.cover", "lots")
    assert not well_formed("turnover:yesterday", "100")
    assert not well_formed("shell:rm.rf", "x")
    offered = [
        {"key": "insurance:public_liability.cover", "value": "-5"},
        {"key": "turnover:2025-03-31", "value": "120000"},
    ]
    assert [f["key"] for f in diff_facts([], offered)] == ["turnover:2025-03-31"]
