"""The library's operations as the window and command line call them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bidkit.errors import InputRefused
from bidkit.model.evidence import EvidenceItem, EvidenceUsage
from bidkit.ops import evidence
from bidkit.ops.bids import create_bid
from bidkit.ops.questionnaires import load_questionnaire, suggest_evidence, use_evidence
from bidkit.store.workspace import Workspace
from tests.library.docx_corpus import good_docx
from tests.profile_factory import make_full_profile


def add(ws: Workspace, title: str, body: str = "Text.", **values: object) -> int:
    changes = evidence.create_evidence(ws, evidence.ItemFields(title=title, body=body, **values))  # type: ignore[arg-type]
    assert changes.created is not None and changes.touches("evidence", changes.created)
    return changes.created


def test_edit_history_and_restore(workspace: Workspace) -> None:
    item_id = add(workspace, "Reablement outcomes", "71% needed less care.", tags=("outcomes",))
    changes = evidence.update_evidence(
        workspace, item_id, evidence.ItemFields(title="Reablement outcomes", body="74% now.")
    )
    assert changes.touches("evidence", item_id)
    unchanged = evidence.update_evidence(
        workspace, item_id, evidence.ItemFields(title="Reablement outcomes", body="74% now.")
    )
    assert not unchanged.ids
    detail = evidence.load_evidence(workspace, item_id)
    assert detail.version == 2 and [v.version for v in detail.versions] == [1]
    old = evidence.evidence_version(workspace, item_id, 1)
    assert old.fields.body == "71% needed less care." and old.fields.tags == ("outcomes",)
    evidence.restore_evidence_version(workspace, item_id, 1)
    detail = evidence.load_evidence(workspace, item_id)
    assert detail.fields.body == "71% needed less care." and detail.version == 3


def test_flags_describe_stale_and_expiring_items(workspace: Workspace) -> None:
    today = date(2026, 6, 1)
    item_id = add(
        workspace,
        "Insurance",
        kind="certificate",
        review_on=today - timedelta(days=3),
        expires_on=today + timedelta(days=20),
    )
    flag = evidence.load_evidence(workspace, item_id, today).flag
    assert flag == "Expires 21 jun 2026; review was due 29 may 2026" or "Expires 21 Jun" in flag


def test_attach_save_a_copy_and_remove(workspace: Workspace, tmp_path: Path) -> None:
    item_id = add(workspace, "Policy")
    source = tmp_path / "policy.pdf"
    source.write_bytes(b"%PDF-1.4 policy")
    evidence.attach_evidence_file(workspace, item_id, source)
    (attached,) = evidence.load_evidence(workspace, item_id).files
    copy = evidence.save_attachment_copy(workspace, attached.id, tmp_path / "copy.pdf")
    assert copy.read_bytes() == b"%PDF-1.4 policy"
    evidence.remove_evidence_file(workspace, attached.id)
    assert evidence.load_evidence(workspace, item_id).files == ()
    script = tmp_path / "policy.pdf.exe"
    script.write_bytes(b"MZ")
    with pytest.raises(InputRefused, match=r"policy\.pdf\.exe"):
        evidence.attach_evidence_file(workspace, item_id, script)


def test_dropped_files_become_items(workspace: Workspace, tmp_path: Path) -> None:
    make_full_profile(workspace)
    (tmp_path / "answers.docx").write_bytes(good_docx(sections=1))
    (tmp_path / "Insurance certificate.pdf").write_bytes(b"%PDF-1.4 cert")
    result = evidence.add_files(
        workspace, [tmp_path / "answers.docx", tmp_path / "Insurance certificate.pdf"]
    )
    assert (result.items, result.files) == (3, 2)
    hits = evidence.search_library(workspace, "insurance certificate")
    assert [h.kind for h in hits] == ["other"]
    assert evidence.load_evidence(workspace, hits[0].id).files[0].file_name == (
        "Insurance certificate.pdf"
    )


def test_a_refused_drop_adds_nothing(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / "fine.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "run.bat").write_bytes(b"echo hi")
    with pytest.raises(InputRefused, match=r"run\.bat"):
        evidence.add_files(workspace, [tmp_path / "fine.pdf", tmp_path / "run.bat"])
    with workspace.session() as session:
        assert session.exec(select(EvidenceItem)).all() == []
    assert not any(p.is_file() for p in workspace.paths.files.rglob("*"))


def test_import_takes_a_backup_and_belongs_to_the_own_organisation(
    workspace: Workspace, tmp_path: Path
) -> None:
    org_id = make_full_profile(workspace)
    (tmp_path / "a.docx").write_bytes(good_docx(sections=2))
    result = evidence.import_word_documents(workspace, [tmp_path])
    assert (result.items, result.files) == (3, 1)
    assert any(workspace.paths.backups.iterdir())
    with workspace.session() as session:
        owners = {i.organisation_id for i in session.exec(select(EvidenceItem)).all()}
    assert owners == {org_id}
    choices = evidence.filter_choices(workspace)
    assert "Safeguarding section 1" in choices.tags and choices.total == 3


def test_using_an_item_in_a_bid_records_usage_with_its_version(workspace: Workspace) -> None:
    make_full_profile(workspace)
    bid_id = create_bid(
        workspace, title="Care", buyer="Leeds", deadline=None, form_id="uk-sq-ppn-03-23"
    ).created
    assert bid_id is not None
    item_id = add(workspace, "Supply chain mapping", "We map our supply chain every year.")
    evidence.update_evidence(
        workspace,
        item_id,
        evidence.ItemFields(
            title="Supply chain mapping", body="We map our supply chain twice a year."
        ),
    )
    snap = load_questionnaire(workspace, bid_id)
    use_evidence(workspace, snap.bid_form_id, "supply_chain_visibility", None, item_id)
    answer = load_questionnaire(workspace, bid_id).answer("supply_chain_visibility", None)
    assert answer is not None and answer.source_ref == f"evidence:{item_id}@2"
    with workspace.session() as session:
        (usage,) = session.exec(select(EvidenceUsage)).all()
    assert (usage.bid_id, usage.question_id, usage.version) == (
        bid_id,
        "supply_chain_visibility",
        2,
    )
    detail = evidence.load_evidence(workspace, item_id)
    assert [u.bid_title for u in detail.usage] == ["Care"]
    most_used = evidence.search_library(workspace, "", evidence.SearchFilters(view="most_used"))
    assert [h.id for h in most_used] == [item_id] and most_used[0].uses == 1


def test_suggestions_are_the_items_about_the_question(workspace: Workspace) -> None:
    make_full_profile(workspace)
    bid_id = create_bid(
        workspace, title="Care", buyer="Leeds", deadline=None, form_id="uk-sq-ppn-03-23"
    ).created
    assert bid_id is not None
    mapped = add(workspace, "Supply chain management", "Our supply chains are mapped yearly.")
    add(workspace, "Meals", "Hot meals at home.")
    # Its text names suppliers, its title does not: found by searching, not suggested.
    add(workspace, "Notes", "How we choose and check suppliers, and monitor our supply chain.")
    snap = load_questionnaire(workspace, bid_id)
    found = suggest_evidence(workspace, snap.bid_form_id, "supply_chain_visibility")
    assert [s.evidence_id for s in found] == [mapped]
    assert found[0].confidence >= 0.6 and found[0].why == "asks about supply chain management"


def test_merge_and_delete(workspace: Workspace) -> None:
    text = "We pay the Real Living Wage to every member of staff, including relief staff."
    first, second = add(workspace, "Living wage", text), add(workspace, "Living Wage", text)
    (pair,) = evidence.find_duplicates(workspace)
    assert {pair.first_id, pair.second_id} == {first, second}
    changes = evidence.merge_evidence(workspace, first, second)
    assert changes.touches("evidence", second)
    assert evidence.find_duplicates(workspace) == []
    evidence.delete_evidence(workspace, first)
    assert evidence.search_library(workspace, "") == []
