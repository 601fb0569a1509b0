"""The demo's consortium bid end to end: lead exports, partner answers and replies, lead merges."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bidkit.cli import main
from bidkit.errors import InputRefused
from bidkit.ops import pack_merge, packs, partner_packs
from bidkit.ops.consortium import consortium_view
from bidkit.ops.questionnaires import read_questionnaire, set_answer
from tests.consortium.exchange import Exchange, open_exchange


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)


def _answer(ws, bid_id, question_id, org_id, value):  # type: ignore[no-untyped-def]
    snap = read_questionnaire(ws, bid_id)
    set_answer(ws, snap.bid_form_id, question_id, org_id, value)


def _partner_bid(ex: Exchange) -> int:
    request = ex.folder / "request.bidpack"
    packs.export_request(ex.lead, ex.bid_id, ex.greenway_id, request)
    return partner_packs.open_request(ex.partner, request).created or 0


def test_request_opens_prefilled_from_the_partners_own_profile(exchange: Exchange) -> None:
    bid_id = _partner_bid(exchange)
    snap = read_questionnaire(exchange.partner, bid_id)
    own = next(p for p in snap.participants if p.role != "lead")
    assert own.name.startswith("Greenway")
    filled = [a for a in snap.answers.values() if a.member_org_id == own.org_id]
    assert any(a.source_kind == "profile" for a in filled)
    # The lead answers bid-level questions; the partner's copy asks only what it owes.
    assert {p.role for p in snap.participants} == {"lead", "subcontractor"}


def test_reply_merges_with_provenance_conflicts_and_undo(exchange: Exchange) -> None:
    ex = exchange
    owed = ex.owed_text_questions()
    empty = [qid for qid, value in owed if value in (None, "")]
    held = [qid for qid, value in owed if value not in (None, "")]
    assert empty and held, "the demo's Greenway owes answered and unanswered text questions"
    bid_id = _partner_bid(ex)
    snap = read_questionnaire(ex.partner, bid_id)
    own_id = next(p.org_id for p in snap.participants if p.role != "lead")
    _answer(ex.partner, bid_id, empty[0], own_id, "Greenway's new answer")
    if held:
        _answer(ex.partner, bid_id, held[0], own_id, "Greenway rewrote this")
        # Meanwhile the lead edits the same answer: a conflict, never an overwrite.
        _answer(ex.lead, ex.bid_id, held[0], ex.greenway_id, "Riverside's edit")
    reply = ex.folder / "reply.bidpack"
    partner_packs.export_reply(ex.partner, bid_id, reply)

    preview = packs.preview_reply(ex.lead, reply)
    assert preview.counts["add"] == 1
    assert preview.counts["conflict"] == (1 if held else 0)
    changes = pack_merge.import_reply(ex.lead, reply)
    record_id = changes.created or 0
    lead_snap = read_questionnaire(ex.lead, ex.bid_id)
    taken = lead_snap.answer(empty[0], ex.greenway_id)
    assert taken is not None and taken.value == "Greenway's new answer"
    assert taken.source_kind == "partner" and "reply pack #1" in taken.source_label
    assert "(signed)" in taken.source_label  # the test keyring signs
    summary = pack_merge.pack_summary(ex.lead, record_id)
    assert summary["answers_added"] == 1 and summary["trust"] == "first_key"
    assert summary["backup"] and summary["kind"] == "reply"

    if held:
        kept = lead_snap.answer(held[0], ex.greenway_id)
        assert kept is not None and kept.value == "Riverside's edit"
        [conflict] = pack_merge.open_conflicts(ex.lead, ex.bid_id)
        assert conflict.mine == "Riverside's edit" and conflict.theirs == "Greenway rewrote this"
        pack_merge.resolve_conflict(ex.lead, conflict.id, "theirs")
        assert pack_merge.open_conflicts(ex.lead, ex.bid_id) == []
        now = read_questionnaire(ex.lead, ex.bid_id).answer(held[0], ex.greenway_id)
        assert now is not None and now.value == "Greenway rewrote this"

    # Re-importing the same pack changes nothing.
    again = pack_merge.import_reply(ex.lead, reply)
    assert again.created is None and "already imported" in again.note

    # The Partners tab figures come from the shared rules.
    view = consortium_view(ex.lead, ex.bid_id)
    greenway = next(p for p in view.partners if p.org_id == ex.greenway_id)
    assert greenway.required > 0 and greenway.answered <= greenway.required
    assert greenway.last_reply.startswith("#1") and "Signed by" in greenway.trust_text

    pack_merge.undo_import(ex.lead, record_id)
    back = read_questionnaire(ex.lead, ex.bid_id).answer(empty[0], ex.greenway_id)
    assert back is None or not has_content_text(back.value)


def has_content_text(value: object) -> bool:
    return bool(str(value or "").strip())


def test_a_second_reply_is_newer_and_the_same_key_is_recognised(exchange: Exchange) -> None:
    ex = exchange
    empty = [qid for qid, value in ex.owed_text_questions() if value in (None, "")]
    bid_id = _partner_bid(ex)
    own_id = next(
        p.org_id for p in read_questionnaire(ex.partner, bid_id).participants if p.role != "lead"
    )
    first, second = ex.folder / "r1.bidpack", ex.folder / "r2.bidpack"
    partner_packs.export_reply(ex.partner, bid_id, first)
    _answer(ex.partner, bid_id, empty[0], own_id, "Added for the second reply")
    partner_packs.export_reply(ex.partner, bid_id, second)
    pack_merge.import_reply(ex.lead, first)
    record = pack_merge.import_reply(ex.lead, second).created or 0
    summary = pack_merge.pack_summary(ex.lead, record)
    assert summary["sequence"] == 2 and summary["answers_added"] == 1
    assert summary["trust"] == "same_key"
    assert summary["trust_text"].endswith("same key as their last reply.")


def test_cli_round_trip_two_workspaces(
    exchange: Exchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex = exchange
    lead_dir, partner_dir = str(ex.lead.root), str(ex.partner.root)
    ex.lead.close()
    ex.partner.close()
    request, reply = ex.folder / "cli-request.bidpack", ex.folder / "cli-reply.bidpack"

    def run(*argv: str) -> dict[str, object]:
        assert main(list(argv)) == 0, capsys.readouterr().err
        return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]

    out = run(
        "--data-dir",
        lead_dir,
        "pack",
        "export",
        str(ex.bid_id),
        "--partner",
        str(ex.greenway_id),
        "-o",
        str(request),
        "--json",
    )
    assert out["kind"] == "request" and out["questions"]
    opened = run("--data-dir", partner_dir, "pack", "import", str(request), "--json")
    assert opened["kind"] == "request" and opened["bid_id"]
    run(
        "--data-dir",
        partner_dir,
        "pack",
        "reply",
        str(opened["bid_id"]),
        "-o",
        str(reply),
        "--json",
    )
    merged = run("--data-dir", lead_dir, "pack", "import", str(reply), "--json")
    assert {"bid_id", "kind", "partner", "answers_added", "answers_changed", "conflicts"} <= set(
        merged
    )
    assert merged["kind"] == "reply" and merged["bid_id"] == ex.bid_id
    assert str(merged["partner"]).startswith("Greenway")


def test_a_newer_request_updates_the_partners_bid_and_brings_the_dates(exchange: Exchange) -> None:
    from bidkit.ops.bid_overview import load_bid

    ex = exchange
    first, second = ex.folder / "q1.bidpack", ex.folder / "q2.bidpack"
    packs.export_request(ex.lead, ex.bid_id, ex.greenway_id, first)
    packs.export_request(ex.lead, ex.bid_id, ex.greenway_id, second)
    bid_id = partner_packs.open_request(ex.partner, first).created
    assert partner_packs.open_request(ex.partner, second).created == bid_id
    again = partner_packs.open_request(ex.partner, second)
    assert "already open" in again.note
    with pytest.raises(InputRefused, match="older"):
        partner_packs.open_request(ex.partner, first)
    detail = load_bid(ex.partner, bid_id or 0)
    assert {d.label for d in detail.key_dates} >= {"Partners' sign-off"}
    assert detail.title == "Welfare Rights Advice Consortium"
