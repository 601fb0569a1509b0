"""Attachments both ways: the lead's documents in a request, the partner's cited policies in
the reply; the preview lists them, accepting keeps them, undo removes them, re-import does not
duplicate them, and hostile attachments are refused with the workspace unchanged."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from bidkit.cli import main
from bidkit.consortium.pack_format import sha256
from bidkit.errors import InputRefused
from bidkit.library.items import ItemFields
from bidkit.model.consortium import PartnerDocument
from bidkit.model.organisation import Organisation
from bidkit.model.questionnaire import Answer
from bidkit.ops import consortium, pack_merge, packs, partner_documents, partner_packs
from bidkit.ops.evidence import attach_evidence_file, create_evidence
from bidkit.ops.organisations import add_row, set_policy_file
from bidkit.ops.questionnaires import read_questionnaire, use_evidence
from bidkit.store.workspace import Workspace
from tests.consortium.exchange import Exchange, database_hash, open_exchange

LETTER = b"%PDF-1.4\n% template letter of support\n" + b"x" * 2000
POLICY = b"%PDF-1.4\n% Greenway health and safety policy\n" + os.urandom(3000)


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)


def workspace_hash(ws: Workspace) -> str:
    """The database and every stored file: a refusal must leave both as they were."""
    digest = hashlib.sha256(database_hash(ws).encode())
    for path in sorted(ws.paths.files.rglob("*")):
        digest.update(str(path.relative_to(ws.paths.files)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _own_id(ws: Workspace) -> int:
    with ws.session() as session:
        return session.exec(select(Organisation).where(Organisation.is_own == True)).one().id or 0  # noqa: E712


def _documents(ws: Workspace) -> list[PartnerDocument]:
    with ws.session() as session:
        return list(session.exec(select(PartnerDocument)).all())


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _request_with_letter(ex: Exchange) -> Path:
    letter = ex.folder / "Letter of support (template).pdf"
    letter.write_bytes(LETTER)
    partner_documents.add_partner_document(ex.lead, ex.bid_id, ex.greenway_id, letter)
    request = ex.folder / "request.bidpack"
    packs.export_request(ex.lead, ex.bid_id, ex.greenway_id, request)
    return request


def _reply_with_policy(ex: Exchange, *, with_attachments: bool = True) -> tuple[Path, int]:
    """Greenway answers a question from a library item with its policy document attached."""
    own = _own_id(ex.partner)
    item = create_evidence(
        ex.partner, ItemFields("Health and safety policy", body="Our policy, reviewed yearly.")
    ).created
    source = ex.folder / "H&S policy 2026.pdf"
    source.write_bytes(POLICY)
    attach_evidence_file(ex.partner, item or 0, source)
    request = _request_with_letter(ex)
    bid_id = partner_packs.open_request(ex.partner, request).created or 0
    snap = read_questionnaire(ex.partner, bid_id)
    empty = [q for q, v in ex.owed_text_questions() if v in (None, "")]
    use_evidence(ex.partner, snap.bid_form_id, empty[0], own, item or 0)
    reply = ex.folder / "reply.bidpack"
    partner_packs.export_reply(ex.partner, bid_id, reply, with_attachments=with_attachments)
    return reply, bid_id


def test_an_answer_from_a_policy_in_the_profile_cites_its_document(exchange: Exchange) -> None:
    own = _own_id(exchange.partner)
    row = add_row(
        exchange.partner,
        own,
        "policies",
        {
            "policy_type": "health_safety",
            "title": "Health and safety",
            "last_reviewed": date(2026, 6, 1),
        },
    ).created
    set_policy_file(exchange.partner, row or 0, POLICY, "H&S policy 2026.pdf")
    answer = Answer(
        bid_form_id=1,
        question_id="health_safety_policy",
        member_key=own,
        source_kind="profile",
        source_ref="policies[policy_type=health_safety].last_reviewed",
    )
    with exchange.partner.session() as session:
        found = partner_documents.cited_files(
            session, exchange.partner.files, own, [("uk-sq-ppn-03-23", answer)]
        )
    assert [(f.file_name, f.data, f.what) for f in found] == [
        ("H&S policy 2026.pdf", POLICY, "Policy: Health and safety")
    ]
    assert found[0].cited_by and found[0].cited_by[0]


def test_request_carries_the_leads_documents_and_the_partner_keeps_them(
    exchange: Exchange,
) -> None:
    request = _request_with_letter(exchange)
    members = _members(request)
    assert members["attachments/Letter of support (template).pdf"] == LETTER
    manifest = json.loads(members["manifest.json"])
    assert manifest["members"]["attachments/Letter of support (template).pdf"] == sha256(LETTER)
    changes = partner_packs.open_request(exchange.partner, request)
    assert "1 document from the lead" in changes.note
    view = consortium.consortium_view(exchange.partner, changes.created or 0)
    assert [(d.file_name, d.direction) for d in view.documents] == [
        ("Letter of support (template).pdf", "from_lead")
    ]
    assert view.documents[0].party == "Riverside Community Care CIC"
    name, data = partner_documents.read_partner_document(exchange.partner, view.documents[0].id)
    assert (name, data) == ("Letter of support (template).pdf", LETTER)
    # Opening the same request again keeps one copy.
    partner_packs.open_request(exchange.partner, request)
    assert len(_documents(exchange.partner)) == 1


def test_reply_carries_cited_policies_and_the_lead_keeps_them(exchange: Exchange) -> None:
    reply, _bid = _reply_with_policy(exchange)
    members = _members(reply)
    content = json.loads(members["content.json"])
    assert [a["name"] for a in content["attachments"]] == ["H_S policy 2026.pdf"]
    assert members["attachments/H_S policy 2026.pdf"] == POLICY
    assert content["attachments"][0]["cited_by"]  # the question numbers citing it
    preview = packs.preview_reply(exchange.lead, reply)
    assert [(a["name"], a["size"], a["new"]) for a in preview.attachments] == [
        ("H_S policy 2026.pdf", len(POLICY), True)
    ]
    record = pack_merge.import_reply(exchange.lead, reply).created or 0
    docs = [d for d in _documents(exchange.lead) if d.direction == "from_partner"]
    assert len(docs) == 1 and docs[0].organisation_id == exchange.greenway_id
    assert docs[0].sha256 == sha256(POLICY) and exchange.lead.files.read(docs[0].sha256) == POLICY
    assert docs[0].pack_record_id == record
    view = consortium.consortium_view(exchange.lead, exchange.bid_id)
    assert any(d.file_name == "H_S policy 2026.pdf" and d.cited_by for d in view.documents)
    # The same pack again changes nothing; undo removes what the import kept.
    before = workspace_hash(exchange.lead)
    pack_merge.import_reply(exchange.lead, reply)
    assert workspace_hash(exchange.lead) == before
    note = pack_merge.undo_import(exchange.lead, record).note
    assert "1 document it brought removed" in note
    assert not [d for d in _documents(exchange.lead) if d.direction == "from_partner"]


def test_a_newer_reply_with_the_same_file_does_not_duplicate_it(exchange: Exchange) -> None:
    reply, bid_id = _reply_with_policy(exchange)
    pack_merge.import_reply(exchange.lead, reply)
    second = exchange.folder / "second.bidpack"
    partner_packs.export_reply(exchange.partner, bid_id, second)
    preview = packs.preview_reply(exchange.lead, second)
    assert [a["new"] for a in preview.attachments] == [False]
    pack_merge.import_reply(exchange.lead, second)
    assert len([d for d in _documents(exchange.lead) if d.direction == "from_partner"]) == 1


def test_reply_without_attachments_on_request(exchange: Exchange) -> None:
    reply, _bid = _reply_with_policy(exchange, with_attachments=False)
    assert not [m for m in _members(reply) if m.startswith("attachments/")]


def test_cli_preview_lists_attachments_and_reply_can_leave_them_out(
    exchange: Exchange, capsys: pytest.CaptureFixture[str]
) -> None:
    reply, bid_id = _reply_with_policy(exchange)
    lead_root, partner_root = str(exchange.lead.root), str(exchange.partner.root)
    exchange.lead.close()
    exchange.partner.close()
    out = exchange.folder / "bare.bidpack"
    args = ["--data-dir", partner_root, "pack", "reply", str(bid_id), "-o", str(out)]
    assert main([*args, "--no-attachments", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["attachments"] == []
    assert main(["--data-dir", lead_root, "pack", "import", str(reply), "--preview", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["attachments"]
    assert listed[0]["name"] == "H_S policy 2026.pdf" and listed[0]["cited_by"]


# -- hostile attachments ---------------------------------------------------------------------
def _forge(
    reply: Path,
    target: Path,
    name: str,
    data: bytes,
    *,
    hash_of: bytes | None = None,
    stored: bool = False,
) -> Path:
    """The reply with one more attachment, listed in the content and the manifest (a forger
    without the key drops the signature)."""
    members = _members(reply)
    content = json.loads(members["content.json"])
    content["attachments"].append({"name": name, "size": len(data), "what": "", "cited_by": []})
    body = json.dumps(content).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["content.json"] = sha256(body)
    manifest["members"][f"attachments/{name}"] = sha256(hash_of if hash_of is not None else data)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("content.json", body)
        for member, value in members.items():
            if member.startswith("attachments/"):
                archive.writestr(member, value)
        info = zipfile.ZipInfo(f"attachments/{name}")
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        archive.writestr(info, data)
    return target


def _macro_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()


HOSTILE = {
    "program": ("policy.pdf", b"MZ\x90\x00" + os.urandom(400), {}, "a Windows program"),
    "script by name": ("install.exe", b"%PDF-1.4 harmless", {}, ".exe files can run programs"),
    "macro document": ("policy.docx", _macro_docx(), {}, "macro-enabled"),
    "hash mismatch": ("policy.pdf", b"%PDF-1.4 real", {"hash_of": b"other"}, "changed or damaged"),
    "oversize": ("big.pdf", os.urandom(16 * 1024 * 1024), {"stored": True}, "larger than a pack's"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_attachment_is_refused_and_nothing_changes(exchange: Exchange, case: str) -> None:
    reply, _bid = _reply_with_policy(exchange)
    name, data, options, expected = HOSTILE[case]
    hostile = _forge(reply, exchange.folder / "hostile.bidpack", name, data, **options)
    before = workspace_hash(exchange.lead)
    with pytest.raises(InputRefused, match=expected):
        pack_merge.import_reply(exchange.lead, hostile)
    assert workspace_hash(exchange.lead) == before
    assert not list((exchange.lead.root / "backups").glob("*pack-import*"))


def test_traversal_in_attachment_name_is_refused(exchange: Exchange) -> None:
    reply, _bid = _reply_with_policy(exchange)
    members = _members(reply)
    hostile = exchange.folder / "traversal.bidpack"
    with zipfile.ZipFile(hostile, "w") as archive:
        for member, value in members.items():
            archive.writestr(member, value)
        archive.writestr("attachments/../../evil.pdf", b"%PDF")
    before = workspace_hash(exchange.lead)
    with pytest.raises(InputRefused, match="points outside"):
        pack_merge.import_reply(exchange.lead, hostile)
    assert workspace_hash(exchange.lead) == before


def test_unlisted_attachment_is_refused(exchange: Exchange) -> None:
    reply, _bid = _reply_with_policy(exchange)
    members = _members(reply)
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["attachments/extra.pdf"] = sha256(b"%PDF extra")
    hostile = exchange.folder / "unlisted.bidpack"
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for member, value in members.items():
            if member not in ("manifest.json", "signature.json"):
                archive.writestr(member, value)
        archive.writestr("attachments/extra.pdf", b"%PDF extra")
    with pytest.raises(InputRefused, match="attached files do not match"):
        pack_merge.import_reply(exchange.lead, hostile)


def test_lead_refuses_a_program_as_a_document_for_a_partner(exchange: Exchange) -> None:
    program = exchange.folder / "letter.pdf"
    program.write_bytes(b"\x7fELF" + b"\x00" * 100)
    before = workspace_hash(exchange.lead)
    with pytest.raises(InputRefused, match="Linux program"):
        partner_documents.add_partner_document(
            exchange.lead, exchange.bid_id, exchange.greenway_id, program
        )
    assert workspace_hash(exchange.lead) == before


def test_partner_refuses_a_request_with_a_program_attached(exchange: Exchange) -> None:
    request = _request_with_letter(exchange)
    members = _members(request)
    content = json.loads(members["content.json"])
    content["attachments"].append({"name": "letter.pdf", "size": 4, "what": "", "cited_by": []})
    body = json.dumps(content).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["content.json"] = sha256(body)
    manifest["members"]["attachments/letter.pdf"] = sha256(b"MZ\x90\x00")
    hostile = exchange.folder / "hostile-request.bidpack"
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("content.json", body)
        for member, value in members.items():
            if member.startswith("attachments/"):
                archive.writestr(member, value)
        archive.writestr("attachments/letter.pdf", b"MZ\x90\x00")
    before = workspace_hash(exchange.partner)
    with pytest.raises(InputRefused, match="Windows program"):
        partner_packs.open_request(exchange.partner, hostile)
    assert workspace_hash(exchange.partner) == before


def test_cli_opening_a_request_lists_its_attachments(
    exchange: Exchange, capsys: pytest.CaptureFixture[str]
) -> None:
    request = _request_with_letter(exchange)
    root = str(exchange.partner.root)
    exchange.partner.close()
    assert main(["--data-dir", root, "pack", "import", str(request), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == "request"
    assert result["attachments"] == [
        {"name": "Letter of support (template).pdf", "size": len(LETTER)}
    ]


def test_word_form_names_the_documents_to_send_with_it(exchange: Exchange) -> None:
    import docx

    from bidkit.ops.word_forms import export_word_form

    _request_with_letter(exchange)
    form = exchange.folder / "greenway.docx"
    note = export_word_form(exchange.lead, exchange.bid_id, exchange.greenway_id, form).note
    assert note.endswith("; send Letter of support (template).pdf with it")
    text = "\n".join(p.text for p in docx.Document(str(form)).paragraphs)
    assert "Sent with this form (by e-mail" in text and "Letter of support (template).pdf" in text
