"""Hostile and wrong packs are refused with a specific message and the workspace unchanged."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from bidkit.cli import main
from bidkit.consortium.pack_format import sha256
from bidkit.errors import InputRefused
from bidkit.ops import pack_merge, packs, partner_packs
from bidkit.ops.questionnaires import read_questionnaire, set_answer
from tests.consortium.exchange import Exchange, database_hash, open_exchange


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)


def _reply(ex: Exchange) -> Path:
    request = ex.folder / "request.bidpack"
    packs.export_request(ex.lead, ex.bid_id, ex.greenway_id, request)
    bid_id = partner_packs.open_request(ex.partner, request).created or 0
    snap = read_questionnaire(ex.partner, bid_id)
    own_id = next(p.org_id for p in snap.participants if p.role != "lead")
    empty = [q for q, v in ex.owed_text_questions() if v in (None, "")]
    set_answer(ex.partner, snap.bid_form_id, empty[0], own_id, "An answer")
    reply = ex.folder / "reply.bidpack"
    partner_packs.export_reply(ex.partner, bid_id, reply)
    return reply


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path: Path, members: dict[str, bytes], *, link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (0o120777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


def _rehash(members: dict[str, bytes], content: dict[str, object]) -> dict[str, bytes]:
    """Content replaced and the manifest's hash updated, signature dropped (a forger's pack)."""
    data = json.dumps(content).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["content.json"] = sha256(data)
    return {"manifest.json": json.dumps(manifest).encode(), "content.json": data}


def _bomb(members: dict[str, bytes]) -> dict[str, bytes]:
    return {**members, "attachments/policy.pdf": b"0" * (30 * 1024 * 1024)}


HOSTILE: dict[str, tuple[Callable[[Path, dict[str, bytes]], Path], str]] = {
    "not a zip": (lambda p, m: (p.write_bytes(b"%PDF-1.7 not a pack"), p)[1], "not a zip"),
    "traversal": (lambda p, m: _write(p, {**m, "../evil.txt": b"x"}), "points outside"),
    "absolute": (lambda p, m: _write(p, {**m, "/etc/evil": b"x"}), "points outside"),
    "symlink": (lambda p, m: _write(p, m, link="attachments/link"), "is a link"),
    "zip bomb": (lambda p, m: _write(p, _bomb(m)), "zip bomb"),
    "unknown member": (lambda p, m: _write(p, {**m, "run.exe": b"MZ"}), "not part of a BidKit"),
    "bad json": (
        lambda p, m: _write(p, {**m, "manifest.json": b"{not json"}),
        "not valid JSON",
    ),
    "tampered content": (
        lambda p, m: _write(
            p, {**m, "content.json": m["content.json"].replace(b"An answer", b"A forgery")}
        ),
        "changed or damaged",
    ),
    "tampered signed manifest": (
        lambda p, m: _write(
            p,
            {**m, "manifest.json": m["manifest.json"].replace(b'"sequence": 1', b'"sequence": 9')},
        ),
        "signature does not match",
    ),
    "wrong shape": (
        lambda p, m: _write(p, _rehash(m, {"forms": [{"form_id": 3}]})),
        "lacks a valid",
    ),
    "unknown question": (
        lambda p, m: _write(
            p,
            _rehash(
                m,
                {
                    "forms": [
                        {
                            "form_id": json.loads(m["content.json"])["forms"][0]["form_id"],
                            "answers": [{"question_id": "nope", "value": "x"}],
                        }
                    ]
                },
            ),
        ),
        "not a question of",
    ),
    "newer format": (
        lambda p, m: _write(
            p,
            {
                **m,
                "manifest.json": m["manifest.json"].replace(
                    b'"format_version": 1', b'"format_version": 99'
                ),
            },
        ),
        "newer BidKit",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_reply_is_refused_and_nothing_changes(exchange: Exchange, case: str) -> None:
    reply = _reply(exchange)
    make, expected = HOSTILE[case]
    hostile = make(exchange.folder / f"hostile-{case.replace(' ', '-')}.bidpack", _members(reply))
    before = database_hash(exchange.lead)
    with pytest.raises(InputRefused, match=expected):
        pack_merge.import_reply(exchange.lead, hostile)
    assert database_hash(exchange.lead) == before
    assert not list((exchange.lead.root / "backups").glob("*pack-import*"))


def test_older_or_replayed_pack_is_refused(exchange: Exchange) -> None:
    first = _reply(exchange)
    older = exchange.folder / "older.bidpack"
    older.write_bytes(first.read_bytes())
    second = exchange.folder / "second.bidpack"
    bid_id = partner_packs.open_request(
        exchange.partner, exchange.folder / "request.bidpack"
    ).created
    partner_packs.export_reply(exchange.partner, bid_id or 0, second)
    pack_merge.import_reply(exchange.lead, second)
    before = database_hash(exchange.lead)
    with pytest.raises(InputRefused, match="older or replayed"):
        pack_merge.import_reply(exchange.lead, older)
    assert database_hash(exchange.lead) == before


def test_reply_for_another_bid_or_partner_is_refused(exchange: Exchange) -> None:
    reply = _reply(exchange)
    before = database_hash(exchange.lead)
    with pytest.raises(InputRefused, match="not bid 1"):
        pack_merge.import_reply(exchange.lead, reply, bid_id=1)
    with pytest.raises(InputRefused, match="not Northside"):
        pack_merge.import_reply(exchange.lead, reply, org_id=2)
    # A reply to a request another workspace sent.
    with pytest.raises(InputRefused, match="did not send"):
        pack_merge.import_reply(exchange.partner, reply)
    assert database_hash(exchange.lead) == before


def test_cli_refusal_exits_3_with_one_line(
    exchange: Exchange, capsys: pytest.CaptureFixture[str]
) -> None:
    reply = _reply(exchange)
    bad = _write(exchange.folder / "bad.bidpack", {**_members(reply), "../x": b"x"})
    root = str(exchange.lead.root)
    exchange.lead.close()
    assert main(["--data-dir", root, "pack", "import", str(bad), "--json"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "points outside" in err


def test_without_a_keyring_packs_go_out_unsigned_with_a_warning(exchange: Exchange) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    out = exchange.folder / "unsigned.bidpack"
    changes = packs.export_request(exchange.lead, exchange.bid_id, exchange.greenway_id, out)
    assert "unsigned" in changes.note
    assert "signature.json" not in _members(out)
    bid_id = partner_packs.open_request(exchange.partner, out).created or 0
    reply = exchange.folder / "unsigned-reply.bidpack"
    partner_packs.export_reply(exchange.partner, bid_id, reply)
    record = pack_merge.import_reply(exchange.lead, reply).created or 0
    assert pack_merge.pack_summary(exchange.lead, record)["trust"] == "unsigned"


def test_pack_is_small(exchange: Exchange) -> None:
    reply = _reply(exchange)
    assert reply.stat().st_size < 64 * 1024
    with zipfile.ZipFile(io.BytesIO(reply.read_bytes())) as archive:
        assert sorted(archive.namelist()) == ["content.json", "manifest.json", "signature.json"]


def test_oversized_and_crowded_packs_are_refused(
    exchange: Exchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bidkit.consortium import pack_files

    reply = _reply(exchange)
    before = database_hash(exchange.lead)
    crowded = {**_members(reply), **{f"attachments/a{i}.txt": b"x" for i in range(80)}}
    with pytest.raises(InputRefused, match="more than a pack ever does"):
        pack_merge.import_reply(exchange.lead, _write(exchange.folder / "many.bidpack", crowded))
    monkeypatch.setattr(pack_files, "MAX_PACK_BYTES", 100)
    with pytest.raises(InputRefused, match="larger than a pack may be"):
        pack_merge.import_reply(exchange.lead, reply)
    assert database_hash(exchange.lead) == before
