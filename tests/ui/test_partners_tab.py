"""The bid's Partners tab on the demo consortium bid: progress, what each partner owes, editing a
partner's part, agreements, and a reply imported through the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from bidkit.ops import consortium
from tests.ui.window_driver import on_worker, open_window, settle

CONSORTIUM_BID = 2


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    made = open_window(qtbot, workspace_dir, demo=True)
    yield made
    made.close()


def _tab(qtbot: QtBot, window: Any) -> Any:
    window.navigate("bids", CONSORTIUM_BID)
    settle(qtbot, window)
    view = window.pages["bids"].view
    view.tabs.setCurrentWidget(view.partners)
    tab = view.partners
    qtbot.waitUntil(lambda: tab.list.topLevelItemCount() == 2)
    return tab


def test_partners_show_progress_owed_answers_and_sign_off(qtbot: QtBot, window: Any) -> None:
    tab = _tab(qtbot, window)
    names = [tab.list.topLevelItem(i).text(0) for i in range(2)]
    assert names[0].startswith("Northside") and names[1].startswith("Greenway")
    answered = tab.list.topLevelItem(1).text(4)
    done, required = (int(x) for x in answered.split(" / "))
    assert required > 0 and done <= required
    assert tab.list.topLevelItem(1).text(5) == "Not yet"
    tab.list.setCurrentItem(tab.list.topLevelItem(1))
    assert "still owes" in tab.owed.text()
    assert "Declaration sign-off" in tab.owed.text()
    assert "of" in tab.lead.text()


def test_partner_part_and_agreements_are_saved(qtbot: QtBot, window: Any) -> None:
    tab = _tab(qtbot, window)
    greenway = tab.view.partners[1].org_id
    window.context.run_op(
        consortium.update_partner,
        CONSORTIUM_BID,
        greenway,
        {"work_share": "20", "value_share": "15%", "guarantor": True, "contact_name": "Sam Patel"},
    )
    window.context.run_op(consortium.sign_off, CONSORTIUM_BID, greenway, "Sam Patel", "")
    panel = tab.agreements_panel
    panel.agreement_kind.setCurrentIndex(panel.agreement_kind.findData("joint_working"))
    panel.add_agreement()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: panel.agreements.topLevelItemCount() == 3)
    row = next(
        tab.list.topLevelItem(i)
        for i in range(2)
        if tab.list.topLevelItem(i).text(0).startswith("Greenway")
    )
    assert row.text(2) == "20% / 15%" and row.text(3) == "Sam Patel"
    assert "guarantor" in row.text(1) and row.text(5) == "Sam Patel"
    view = on_worker(qtbot, window, lambda ws: consortium.consortium_view(ws, CONSORTIUM_BID))
    assert any("Joint-working agreement" in line for line in view.partners[0].owes)


def _greenway_reply(qtbot: QtBot, window: Any, folder: Path) -> tuple[Path, str]:
    """Greenway's own workspace answers the request the window's lead exported."""
    from bidkit.ops import packs, partner_packs
    from bidkit.ops.profile_io import export_profile, import_profile
    from bidkit.ops.questionnaires import read_questionnaire, set_answer
    from bidkit.store.workspace import Workspace

    request, profile = folder / "request.bidpack", folder / "greenway.json"
    on_worker(qtbot, window, lambda ws: packs.export_request(ws, CONSORTIUM_BID, 3, request))
    on_worker(qtbot, window, lambda ws: export_profile(ws, 3, profile))
    with Workspace.open(folder / "greenway") as partner:
        import_profile(partner, profile, own=True)
        bid_id = partner_packs.open_request(partner, request).created or 0
        snap = read_questionnaire(partner, bid_id)
        own = next(p.org_id for p in snap.participants if p.role != "lead")
        rules = snap.rules()
        question = next(
            q
            for q, key in rules.asked()
            if key == own and q.type.value == "long_text" and not rules.is_answered(q, key)
        )
        set_answer(partner, snap.bid_form_id, question.id, own, "Written by Greenway")
        reply = folder / "reply.bidpack"
        partner_packs.export_reply(partner, bid_id, reply)
    return reply, question.id


def test_reply_imported_through_the_window_with_a_preview_then_undone(
    qtbot: QtBot, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from bidkit.ui.bids import reply_dialogs

    tab = _tab(qtbot, window)
    reply, _question = _greenway_reply(qtbot, window, tmp_path)
    shown: list[Any] = []

    def accept(dialog: Any) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(reply_dialogs.ReplyPreviewDialog, "exec", accept)
    tab.preview_and_import(reply)
    settle(qtbot, window)
    assert "Answers added: 1," in shown[0].findChild(type(tab.lead)).text()

    def row() -> Any:
        items = (tab.list.topLevelItem(i) for i in range(tab.list.topLevelItemCount()))
        return next(item for item in items if item.text(0).startswith("Greenway"))

    qtbot.waitUntil(lambda: row().text(6).startswith("#1"))
    tab.list.setCurrentItem(row())
    assert "Signed by" in tab.owed.text()
    assert tab.undo_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.undo_import()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: row().text(6).startswith("Request sent #1"))


def test_partner_opens_a_request_from_the_file_menu_and_exports_the_reply(
    qtbot: QtBot, workspace_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from bidkit.ops import packs
    from bidkit.ops.demo import seed_demo
    from bidkit.ops.profile_io import export_profile, import_profile
    from bidkit.store.workspace import Workspace

    request, profile = tmp_path / "request.bidpack", tmp_path / "greenway.json"
    with Workspace.open(tmp_path / "lead") as lead:
        seed_demo(lead, force=False)
        packs.export_request(lead, CONSORTIUM_BID, 3, request)
        export_profile(lead, 3, profile)
    window = open_window(qtbot, workspace_dir)
    try:
        on_worker(qtbot, window, lambda ws: import_profile(ws, profile, own=True))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(request), ""))
        window.action_open_pack.trigger()
        settle(qtbot, window)
        bids = window.pages["bids"]
        qtbot.waitUntil(lambda: bids.stack.currentWidget() is bids.view)
        settle(qtbot, window)
        tab = bids.view.partners
        bids.view.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(tab.request_row.isVisible)
        assert "Riverside" in tab.request_note.text()
        assert not tab.export_button.isVisible()
        reply = tmp_path / "reply.bidpack"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(reply), ""))
        tab.reply_button.click()
        settle(qtbot, window)
        qtbot.waitUntil(reply.exists)
    finally:
        window.close()


def test_conflicts_are_settled_side_by_side(
    qtbot: QtBot, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bidkit.ops import pack_merge
    from bidkit.ops.questionnaires import read_questionnaire, set_answer
    from bidkit.ui.bids import reply_dialogs

    tab = _tab(qtbot, window)
    reply, question = _greenway_reply(qtbot, window, tmp_path)
    form_id = on_worker(
        qtbot, window, lambda ws: read_questionnaire(ws, CONSORTIUM_BID).bid_form_id
    )
    # The lead writes its own answer after sending: the reply's differs, so it is a conflict.
    window.context.run_op(set_answer, form_id, question, 3, "Written by Riverside")
    window.context.run_op(pack_merge.import_reply, reply, CONSORTIUM_BID, 3)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: tab.list.topLevelItem(1).text(6).startswith("#1"))
    tab.list.setCurrentItem(tab.list.topLevelItem(1))
    assert "1 answer in conflict with your edits" in tab.owed.text()
    assert tab.conflicts_button.isEnabled()
    seen: list[tuple[str, str]] = []

    def take_theirs(dialog: Any) -> int:
        seen.append((dialog.mine.toPlainText(), dialog.theirs.toPlainText()))
        dialog._pick("theirs")
        return 1

    monkeypatch.setattr(reply_dialogs.ConflictsDialog, "exec", take_theirs)
    tab.conflicts()
    settle(qtbot, window)
    assert seen == [("Written by Riverside", "Written by Greenway")]
    answer = on_worker(
        qtbot, window, lambda ws: read_questionnaire(ws, CONSORTIUM_BID).answer(question, 3)
    )
    assert answer.value == "Written by Greenway" and answer.source_kind == "partner"
    qtbot.waitUntil(lambda: not tab.conflicts_button.isEnabled())


def test_documents_for_a_partner_are_added_opened_and_removed(
    qtbot: QtBot, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from bidkit.ui.bids import documents_panel

    tab = _tab(qtbot, window)
    panel = tab.documents_panel
    tab.lower_tabs.setCurrentWidget(panel)
    tab.list.setCurrentItem(tab.list.topLevelItem(1))  # Greenway
    letter = tmp_path / "Letter of support.pdf"
    letter.write_bytes(b"%PDF-1.4 a template letter")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(letter), ""))
    panel.add_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 1)
    item = panel.list.topLevelItem(0)
    assert item.text(0) == "Letter of support.pdf" and item.text(1).startswith("Greenway")
    assert item.text(2) == "For the partner"
    assert tab.lower_tabs.tabText(1) == "Documents (1)"
    opened: list[str] = []
    monkeypatch.setattr(
        documents_panel.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    panel.list.setCurrentItem(item)
    panel.open_doc_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: bool(opened))
    assert Path(opened[0]).name == "Letter of support.pdf"
    assert Path(opened[0]).read_bytes() == b"%PDF-1.4 a template letter"
    panel.remove_doc_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 0)


def test_preview_lists_the_attachments_of_a_reply(qtbot: QtBot) -> None:
    from bidkit.ops.packs import ReplyPreview
    from bidkit.ui.bids.reply_dialogs import ReplyPreviewDialog

    preview = ReplyPreview(
        "reply.bidpack", "0" * 64, 2, "Welfare", 3, "Greenway", "x", 2, True, "", "same_key",
        "Signed by Greenway", [],
        attachments=[
            {"name": "Safeguarding.pdf", "size": 20480, "what": "", "cited_by": ["4.1"],
             "new": True},
            {"name": "Insurance.pdf", "size": 900, "what": "", "cited_by": [], "new": False},
        ],
    )  # fmt: skip
    dialog = ReplyPreviewDialog(preview)
    qtbot.addWidget(dialog)
    lines = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
    assert "Attachment: Safeguarding.pdf (20 KB), cited by 4.1" in lines
    assert "Attachment: Insurance.pdf (900 bytes), cited by no answer — already kept" in lines


def test_signed_copy_is_attached_and_opened_from_the_agreements_panel(
    qtbot: QtBot, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from bidkit.ui.bids import documents_panel

    tab = _tab(qtbot, window)
    panel = tab.agreements_panel
    panel.agreement_kind.setCurrentIndex(panel.agreement_kind.findData("mou"))
    panel.add_agreement()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: panel.agreements.topLevelItemCount() == 3)
    item = panel.agreements.topLevelItem(2)
    assert item.text(3) == "—"
    panel.agreements.setCurrentItem(item)
    assert panel.attach_button.isEnabled() and not panel.open_copy_button.isEnabled()
    signed = tmp_path / "MoU signed.pdf"
    signed.write_bytes(b"%PDF-1.4 signed")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(signed), ""))
    panel.attach_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: panel.agreements.topLevelItem(2).text(3) == "MoU signed.pdf")
    assert panel.agreements.topLevelItem(2).text(2) == "Signed"
    opened: list[str] = []
    monkeypatch.setattr(
        documents_panel.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    panel.agreements.setCurrentItem(panel.agreements.topLevelItem(2))
    panel.open_copy_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: bool(opened))
    assert Path(opened[0]).read_bytes() == b"%PDF-1.4 signed"


def test_preview_of_a_word_reply_warns_it_is_unsigned(qtbot: QtBot) -> None:
    from bidkit.consortium.trust import describe_word_reply
    from bidkit.ops.packs import ReplyPreview
    from bidkit.ui.bids.reply_dialogs import ReplyPreviewDialog

    text = describe_word_reply("Greenway", "sam@greenway.coop")
    preview = ReplyPreview(
        "filled.docx", "0" * 64, 2, "Welfare", 3, "Greenway", "x", 1, False, "", "word_form",
        text, [], medium="docx",
    )  # fmt: skip
    dialog = ReplyPreviewDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.trust.text().startswith("Unsigned Word reply — check it came from sam@")
    assert "bold" in dialog.trust.styleSheet()
    labels = [w.text() for w in dialog.findChildren(type(dialog.trust))]
    assert labels[0].startswith("Filled Word form for “Welfare”. Answers added: 0,")


def test_documents_tab_keeps_alt_keys_unique(qtbot: QtBot, window: Any) -> None:
    from tests.ui.test_keyboard_layout import clashes

    tab = _tab(qtbot, window)
    tab.list.setCurrentItem(tab.list.topLevelItem(1))
    tab.lower_tabs.setCurrentWidget(tab.documents_panel)
    settle(qtbot, window)
    assert clashes(window, "Partners, Documents") == []
    tab.lower_tabs.setCurrentWidget(tab.agreements_panel)
    settle(qtbot, window)
    assert clashes(window, "Partners, Agreements") == []
