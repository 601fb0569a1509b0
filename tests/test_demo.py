"""The demo workspace: complete own profile, partners, evidence and bids; refusal and --force."""

from __future__ import annotations

import json
import struct
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from bidkit.cli import main
from bidkit.errors import InputRefused
from bidkit.model.bid import Bid, BidPartner, BidStatus, PartnerRole
from bidkit.model.evidence import EvidenceItem
from bidkit.model.exclusion_grounds import EXCLUSION_GROUNDS
from bidkit.model.organisation import ExclusionDeclaration, Organisation
from bidkit.ops.demo import logo_png, seed_demo, vat_number
from bidkit.ops.organisations import list_organisations, load_profile
from bidkit.profile.validation import validate_vat
from bidkit.store.workspace import Workspace


def _counts(ws: Workspace) -> dict[str, int]:
    with ws.session() as session:
        return {
            model.__name__: int(session.exec(select(func.count()).select_from(model)).one())
            for model in (Organisation, Bid, BidPartner, EvidenceItem, ExclusionDeclaration)
        }


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    return workspace


def test_demo_seeds_a_complete_own_profile_partners_evidence_and_bids(ws: Workspace) -> None:
    changes = seed_demo(ws, force=False)

    counts = _counts(ws)
    assert counts["Organisation"] == 3
    assert counts["Bid"] == 5
    assert counts["BidPartner"] == 2
    assert 6 <= counts["EvidenceItem"] <= 8
    assert counts["ExclusionDeclaration"] == 3 * len(EXCLUSION_GROUNDS)
    assert changes.kinds == {"organisation", "bid", "evidence", "questionnaire"}
    assert changes.note == (
        "Demo workspace ready: Riverside Community Care CIC, 2 partners, 5 bids, "
        f"{counts['EvidenceItem']} evidence items."
    )

    summaries = list_organisations(ws)
    own = [s for s in summaries if s.own]
    assert [s.name for s in own] == ["Riverside Community Care CIC"]
    profile = load_profile(ws, own[0].id)
    assert profile.completeness.fraction == 1.0, profile.completeness.missing
    org = profile.data.org
    assert org["registered_postcode"] == "M4 5JD"
    assert validate_vat(org["vat_number"]) is None
    assert ws.files.read(org["logo_sha256"]) == logo_png()
    partners = {s.name: s.completeness for s in summaries if not s.own}
    assert set(partners) == {"Northside Advice Centre", "Greenway Workers' Co-operative Ltd"}
    assert 0.7 <= partners["Northside Advice Centre"] < 0.95
    assert 0.35 <= partners["Greenway Workers' Co-operative Ltd"] <= 0.65


def test_demo_bids_have_their_status_deadline_and_partners(ws: Workspace) -> None:
    seed_demo(ws, force=False)
    today = date.today()
    with ws.session() as session:
        bids = {b.title: b for b in session.exec(select(Bid)).all()}
        partners = session.exec(select(BidPartner)).all()
        own_id = session.exec(select(Organisation.id).where(Organisation.is_own)).one()
    drafting = bids["Community Connectors Service"]
    assert drafting.status == BidStatus.DRAFTING
    assert drafting.deadline is not None and drafting.deadline.tzinfo is not None
    assert drafting.deadline.date() == today + timedelta(days=12)
    assert str(drafting.value) == "450000.00"
    consortium = bids["Welfare Rights Advice Consortium"]
    assert consortium.status == BidStatus.GO_NO_GO
    assert consortium.lead_org_id == own_id
    assert {p.bid_id for p in partners} == {consortium.id}
    assert sorted(p.role for p in partners) == [PartnerRole.MEMBER, PartnerRole.SUBCONTRACTOR]
    assert bids["Carers Support Service"].status == BidStatus.SUBMITTED


def test_demo_evidence_includes_overdue_and_expiring_items(ws: Workspace) -> None:
    seed_demo(ws, force=False)
    today = date.today()
    with ws.session() as session:
        items = session.exec(select(EvidenceItem)).all()
    assert len({item.kind for item in items}) >= 5
    assert all(item.organisation_id is not None and item.tags for item in items)
    assert all(80 <= len(item.body.split()) <= 200 for item in items)
    assert any(item.review_on is not None and item.review_on < today for item in items)
    assert any(
        item.expires_on is not None and today <= item.expires_on <= today + timedelta(days=30)
        for item in items
    )


def test_demo_refuses_a_workspace_with_data_and_changes_nothing(ws: Workspace) -> None:
    seed_demo(ws, force=False)
    before = _counts(ws)
    with pytest.raises(InputRefused, match="--force"):
        seed_demo(ws, force=False)
    assert _counts(ws) == before
    assert list(ws.paths.backups.glob("*before-demo*")) == []


def test_demo_force_takes_a_backup_and_replaces_the_data(ws: Workspace) -> None:
    seed_demo(ws, force=False)
    before = _counts(ws)
    seed_demo(ws, force=True)
    assert _counts(ws) == before
    backups = list(ws.paths.backups.glob("bidkit-*-before-demo.zip"))
    assert len(backups) == 1
    assert load_profile(ws, list_organisations(ws)[0].id).completeness.fraction == 1.0


def test_demo_force_on_an_empty_workspace_takes_no_backup(ws: Workspace) -> None:
    seed_demo(ws, force=True)
    assert _counts(ws)["Organisation"] == 3
    assert list(ws.paths.backups.glob("*before-demo*")) == []


def test_vat_numbers_pass_the_check_digits() -> None:
    assert vat_number("1234567") == "GB123456782"
    assert validate_vat(vat_number("3184627")) is None


def test_logo_is_a_valid_png() -> None:
    data = logo_png()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (64, 64)
    length = struct.unpack(">I", data[33:37])[0]
    assert data[37:41] == b"IDAT"
    assert len(zlib.decompress(data[41 : 41 + length])) == 64 * (1 + 64 * 3)


def test_cli_demo_then_org_list(workspace_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(workspace_dir)
    assert main(["--data-dir", folder, "demo"]) == 0
    assert "Demo workspace ready" in capsys.readouterr().out
    assert main(["--data-dir", folder, "org", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3
    assert rows[0]["own"] is True
    assert rows[0]["name"] == "Riverside Community Care CIC"
    assert rows[0]["completeness"] == 1.0
    assert [r["own"] for r in rows[1:]] == [False, False]


def test_cli_demo_refuses_a_second_run_without_force(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(workspace_dir)
    assert main(["--data-dir", folder, "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", folder, "demo"]) == 3
    captured = capsys.readouterr()
    assert "--force" in captured.err
    assert "Traceback" not in captured.err
    assert main(["--data-dir", folder, "demo", "--force", "--json"]) == 0
    assert "Demo workspace ready" in json.loads(capsys.readouterr().out)["note"]
