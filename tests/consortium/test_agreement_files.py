"""A consortium agreement's signed copy: kept through the file policy with its SHA-256, read
back, listed by the command line, and owed as "signed copy not on file" until it is."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from bidkit.cli import main
from bidkit.consortium.pack_format import sha256
from bidkit.errors import InputRefused
from bidkit.model.consortium import PartnerAgreement
from bidkit.ops import agreement_files, consortium
from tests.consortium.exchange import Exchange, database_hash, open_exchange

SIGNED = b"%PDF-1.4\n% joint-working agreement, signed by both parties\n" + b"0" * 500


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)


def _agreement(ex: Exchange) -> int:
    consortium.add_agreement(ex.lead, ex.bid_id, ex.greenway_id, "joint_working")
    with ex.lead.session() as session:
        rows = session.exec(select(PartnerAgreement)).all()
        return max(r.id or 0 for r in rows)  # the one just added


def _greenway(ex: Exchange) -> consortium.PartnerStatus:
    view = consortium.consortium_view(ex.lead, ex.bid_id)
    return next(p for p in view.partners if p.org_id == ex.greenway_id)


def test_signed_without_a_copy_is_owed_then_the_copy_settles_it(exchange: Exchange) -> None:
    ex = exchange
    agreement = _agreement(ex)
    consortium.set_agreement_status(ex.lead, agreement, "signed")
    owes = _greenway(ex).owes
    assert "Joint-working agreement: signed copy not on file" in owes
    source = ex.folder / "JWA signed.pdf"
    source.write_bytes(SIGNED)
    note = agreement_files.attach_agreement_file(ex.lead, agreement, source).note
    assert "marked signed" in note
    assert "Joint-working agreement: signed copy not on file" not in _greenway(ex).owes
    with ex.lead.session() as session:
        row = session.get(PartnerAgreement, agreement)
        assert row is not None and row.file_sha256 == sha256(SIGNED)
        assert row.file_name == "JWA signed.pdf" and row.status == "signed"
    assert agreement_files.read_agreement_file(ex.lead, agreement) == ("JWA signed.pdf", SIGNED)
    copy = agreement_files.save_agreement_copy(ex.lead, agreement, ex.folder / "copy.pdf")
    assert copy.read_bytes() == SIGNED


def test_attaching_the_copy_marks_a_needed_agreement_signed(exchange: Exchange) -> None:
    agreement = _agreement(exchange)
    assert _greenway(exchange).owes.count("Joint-working agreement: needed") == 1
    source = exchange.folder / "signed.pdf"
    source.write_bytes(SIGNED)
    agreement_files.attach_agreement_file(exchange.lead, agreement, source)
    view = consortium.consortium_view(exchange.lead, exchange.bid_id)
    shown = next(a for a in view.agreements if a.id == agreement)
    assert shown.status == "signed" and shown.file_name == "signed.pdf" and not shown.copy_missing


def test_a_program_or_macro_document_is_refused_and_nothing_changes(exchange: Exchange) -> None:
    agreement = _agreement(exchange)
    before = database_hash(exchange.lead)
    program = exchange.folder / "agreement.pdf"
    program.write_bytes(b"MZ" + b"\x00" * 300)
    with pytest.raises(InputRefused, match="Windows program"):
        agreement_files.attach_agreement_file(exchange.lead, agreement, program)
    macro = exchange.folder / "agreement.docm"
    macro.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputRefused, match=r"\.docm files can run"):
        agreement_files.attach_agreement_file(exchange.lead, agreement, macro)
    assert database_hash(exchange.lead) == before
    with pytest.raises(Exception, match="No signed copy"):
        agreement_files.read_agreement_file(exchange.lead, agreement)


def test_cli_lists_attaches_and_saves_agreements_and_documents(
    exchange: Exchange, capsys: pytest.CaptureFixture[str]
) -> None:
    agreement = _agreement(exchange)
    root, bid, greenway = str(exchange.lead.root), exchange.bid_id, exchange.greenway_id
    exchange.lead.close()
    source = exchange.folder / "signed.pdf"
    source.write_bytes(SIGNED)
    base = ["--data-dir", root, "partner"]
    assert main([*base, "agreement", "attach", str(agreement), str(source), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "signed"
    assert main([*base, "agreements", str(bid), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    mine = next(a for a in listed if a["id"] == agreement)
    assert mine["signed_copy"] == "signed.pdf" and not mine["signed_copy_missing"]
    out = exchange.folder / "out.pdf"
    assert main([*base, "agreement", "save", str(agreement), "-o", str(out), "--json"]) == 0
    assert out.read_bytes() == SIGNED
    capsys.readouterr()
    letter = exchange.folder / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4 letter")
    args = [*base, "document", "add", str(bid), "--partner", str(greenway), str(letter)]
    assert main([*args, "--json"]) == 0
    capsys.readouterr()
    assert main([*base, "documents", str(bid), "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [(d["file"], d["direction"]) for d in docs] == [("letter.pdf", "to_partner")]
    bad = exchange.folder / "run.sh"
    bad.write_bytes(b"#!/bin/sh\necho hi\n")
    args = [*base, "document", "add", str(bid), "--partner", str(greenway), str(bad)]
    assert main(args) == 3
    assert capsys.readouterr().err.count("\n") == 1


def test_the_submission_package_sends_the_signed_copy_as_an_appendix(exchange: Exchange) -> None:
    """The buyer asks a consortium for its agreements: the signed copy on file goes with the
    response, numbered after the documents the answers cite, and the evidence list names it."""
    import zipfile

    from bidkit.ops.export import export_bid, load_content

    ex = exchange
    agreement = _agreement(ex)
    draft = _agreement(ex)  # a second one, not signed: it stays out
    source = ex.folder / "JWA signed.pdf"
    source.write_bytes(SIGNED)
    agreement_files.attach_agreement_file(ex.lead, agreement, source)
    content = load_content(ex.lead, ex.bid_id)
    assert [a.title for a in content.agreements] == [
        f"Joint-working agreement – {_greenway(ex).name}"
    ]
    result = export_bid(ex.lead, ex.bid_id, "package", ex.folder / "package.zip")
    sent = [name for name in result.files if "Joint-working agreement" in name]
    assert len(sent) == 1 and sent[0].startswith("Appendix ") and sent[0].endswith(".pdf")
    with zipfile.ZipFile(ex.folder / "package.zip") as package:
        assert package.read(sent[0]) == SIGNED
        word = next(n for n in package.namelist() if n.endswith(".docx"))
        with zipfile.ZipFile(package.open(word)) as docx:
            assert sent[0] in docx.read("word/document.xml").decode("utf-8")
    assert draft != agreement
