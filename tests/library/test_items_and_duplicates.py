"""Versions of an item, attached files, freshness and near-duplicates with merging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from bidkit.errors import InputRefused
from bidkit.library import duplicates, files, items
from bidkit.library.freshness import freshness
from bidkit.library.items import ItemFields
from bidkit.model.bid import Bid
from bidkit.model.evidence import EvidenceItem, EvidenceUsage
from bidkit.store.workspace import Workspace

TEXT = (
    "Our befriending service matches each older person with a trained volunteer who visits "
    "every week, and we check in by phone between visits. Last year 212 people took part and "
    "nine in ten said they felt less lonely after three months."
)


def create(ws: Workspace, title: str, body: str = TEXT, **values: object) -> int:
    with ws.write() as session:
        return items.create_item(session, ItemFields(title=title, body=body, **values)).id or 0  # type: ignore[arg-type]


def test_every_edit_keeps_the_previous_version(workspace: Workspace) -> None:
    item_id = create(workspace, "Befriending", tags=("loneliness",))
    with workspace.write() as session:
        assert items.update_item(
            session, item_id, ItemFields(title="Befriending service", body=TEXT + " New.")
        )
        assert not items.update_item(
            session, item_id, ItemFields(title="Befriending service", body=TEXT + " New.")
        )
    with workspace.session() as session:
        item = session.get(EvidenceItem, item_id)
        assert item is not None and item.version == 2
        (old,) = items.versions(session, item_id)
        assert (old.version, old.title, old.tags) == (1, "Befriending", "loneliness")


def test_restoring_a_version_is_a_new_edit(workspace: Workspace) -> None:
    item_id = create(workspace, "First")
    with workspace.write() as session:
        items.update_item(session, item_id, ItemFields(title="Second", body="Changed."))
        items.restore_version(session, item_id, 1)
    with workspace.session() as session:
        item = session.get(EvidenceItem, item_id)
        assert item is not None and (item.title, item.body, item.version) == ("First", TEXT, 3)
        assert [v.version for v in items.versions(session, item_id)] == [2, 1]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (ItemFields(title="  "), "needs a title"),
        (ItemFields(title="x" * 301), "under 300"),
        (ItemFields(title="T", kind="poem"), "not a kind"),
        (ItemFields(title="T", tags=tuple(f"t{i}" for i in range(41))), "40 tags"),
    ],
)
def test_bad_values_are_refused(workspace: Workspace, values: ItemFields, message: str) -> None:
    with pytest.raises(InputRefused, match=message), workspace.write() as session:
        items.create_item(session, values)


def test_tags_are_tidied() -> None:
    assert items.normalise_tags(" a, B ,, b, c\u202e ") == ("a", "B", "c")


def test_freshness() -> None:
    today = date(2026, 6, 1)
    assert freshness(today - timedelta(days=1), None, today).stale
    assert not freshness(today, None, today).stale
    assert freshness(None, today + timedelta(days=60), today).expiring
    assert not freshness(None, today + timedelta(days=61), today).expiring
    past = freshness(None, today - timedelta(days=1), today)
    assert past.expired and past.expiring


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", ".exe files"),
        ("report.pdf", b"MZ\x90\x00", "Windows program"),
        ("notes.txt", b"#!/bin/sh\nrm -rf /", "a script"),
        ("budget.xlsm", b"PK", ".xlsm files"),
        ("big.pdf", b"%PDF" + b"\0" * (25 * 1024 * 1024), "25 MB"),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "_VBA_PROJECT".encode("utf-16-le"),
            "contains macros",
        ),
    ],
)
def test_unsafe_attachments_are_refused(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputRefused, match=message) as refused:
        files.check_file(name, data)
    assert name in refused.value.message


def test_a_macro_document_renamed_docx_is_refused() -> None:
    from tests.library.docx_corpus import hostile_corpus

    with pytest.raises(InputRefused, match="macro-enabled"):
        files.check_file("innocent.docx", hostile_corpus()["vba-project"][0])


def test_the_same_file_is_stored_once(workspace: Workspace) -> None:
    first, second = create(workspace, "A"), create(workspace, "B", body="Other text.")
    with workspace.write() as session:
        a = files.attach_bytes(session, workspace.files, first, "policy.pdf", b"%PDF-1.4 same")
        again = files.attach_bytes(session, workspace.files, first, "copy.pdf", b"%PDF-1.4 same")
        b = files.attach_bytes(session, workspace.files, second, "policy.pdf", b"%PDF-1.4 same")
    assert a.id == again.id and a.sha256 == b.sha256
    stored = [p for p in workspace.paths.files.rglob("*") if p.is_file()]
    assert len(stored) == 1 and a.media_type == "application/pdf"


def test_near_identical_items_are_paired_and_different_ones_are_not(workspace: Workspace) -> None:
    original = create(workspace, "Befriending")
    tweaked = create(workspace, "Befriending", body=TEXT.replace("212", "214"))
    create(workspace, "Meals", body="We deliver hot meals to people recovering at home.")
    with workspace.session() as session:
        pairs = duplicates.find_duplicates(session)
    assert [(p.first_id, p.second_id) for p in pairs] == [(original, tweaked)]
    assert pairs[0].similarity >= duplicates.THRESHOLD


def test_near_duplicates_scale_without_comparing_every_pair() -> None:
    texts = [
        (i, f"{TEXT} item number {i} " + " ".join(f"w{i}x{j}" for j in range(40)))
        for i in range(2000)
    ]
    texts.append((5000, texts[7][1]))
    assert duplicates.near_duplicates(texts) == [(7, 5000, 1.0)]


def test_merge_moves_files_and_usage_and_keeps_the_text(workspace: Workspace) -> None:
    keep, other = create(workspace, "Keep", tags=("a",)), create(workspace, "Other", tags=("b",))
    with workspace.write() as session:
        bid = Bid(title="Bid")
        session.add(bid)
        session.flush()
        session.add(EvidenceUsage(evidence_id=other, bid_id=bid.id or 0, version=1))
        files.attach_bytes(session, workspace.files, other, "o.pdf", b"%PDF other")
    with workspace.write() as session:
        duplicates.merge_items(session, keep, other)
    with workspace.session() as session:
        assert session.get(EvidenceItem, other) is None
        kept = session.get(EvidenceItem, keep)
        assert kept is not None and kept.tags == "a, b" and kept.version == 3
        history = items.versions(session, keep)
        assert history[0].title == "Other (merged from item 2)"
        assert [f.file_name for f in files.files_of(session, keep)] == ["o.pdf"]
        used = session.exec(select(EvidenceUsage).where(EvidenceUsage.evidence_id == keep)).all()
        assert len(used) == 1
    with workspace.write() as session:
        items.restore_version(session, keep, 2)
    with workspace.session() as session:
        assert session.get(EvidenceItem, keep).title == "Other"  # type: ignore[union-attr]
