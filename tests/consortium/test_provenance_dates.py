"""Provenance is dated in the short form ("3 Dec 2026") from profile/values.py, as the UK day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bidkit.model.types import utc_now
from bidkit.ops import pack_merge, packs, partner_packs
from bidkit.ops.consortium import consortium_view
from bidkit.ops.questionnaires import read_questionnaire, set_answer
from bidkit.profile.values import format_short_date, uk_wall_time
from tests.consortium.exchange import Exchange, open_exchange


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)


def test_short_date_form() -> None:
    assert format_short_date(date(2026, 12, 3)) == "3 Dec 2026"
    assert format_short_date(date(2027, 9, 30)) == "30 Sep 2027"
    # Late on 30 June in UTC is already 1 July in the UK (summer time).
    assert uk_wall_time(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)).date() == date(2026, 7, 1)


def test_every_provenance_label_uses_the_short_date(exchange: Exchange) -> None:
    ex = exchange
    today = format_short_date(uk_wall_time(utc_now()).date())
    empty = [q for q, v in ex.owed_text_questions() if v in (None, "")]
    lead_form = read_questionnaire(ex.lead, ex.bid_id).bid_form_id
    set_answer(ex.lead, lead_form, empty[1], ex.greenway_id, "The lead's draft for Greenway")
    request = ex.folder / "request.bidpack"
    packs.export_request(ex.lead, ex.bid_id, ex.greenway_id, request)
    bid_id = partner_packs.open_request(ex.partner, request).created or 0
    snap = read_questionnaire(ex.partner, bid_id)
    held = [a for a in snap.answers.values() if a.source_ref == "request"]
    assert held and all(
        a.source_label == f"Held by Riverside Community Care CIC (from their request of {today})"
        for a in held
    )
    own = next(p.org_id for p in snap.participants if p.role != "lead")
    set_answer(ex.partner, snap.bid_form_id, empty[0], own, "Greenway's answer")
    reply = ex.folder / "reply.bidpack"
    partner_packs.export_reply(ex.partner, bid_id, reply)
    pack_merge.import_reply(ex.lead, reply)
    taken = read_questionnaire(ex.lead, ex.bid_id).answer(empty[0], ex.greenway_id)
    assert taken is not None
    assert (
        taken.source_label
        == f"From Greenway Workers' Co-operative Ltd's reply pack #1, {today} (signed)"
    )
    greenway = next(
        p for p in consortium_view(ex.lead, ex.bid_id).partners if p.org_id == ex.greenway_id
    )
    assert greenway.last_reply == f"#1, {today}"
