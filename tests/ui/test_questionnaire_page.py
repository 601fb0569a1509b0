"""The Questionnaires page driven as a writer would: pre-fill, type, follow the profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from bidkit.ui.library.picker_dialog import LibraryPicker
from bidkit.ui.main_window import MainWindow
from bidkit.ui.pages.questionnaires import QuestionnairesPage
from bidkit.ui.questionnaire.answer_editor import LongTextEditor, ShortTextEditor
from bidkit.ui.questionnaire.answer_status import Status

FORM = "uk-sq-ppn-03-23"
LONG_ANSWER = "health_safety_arrangements"  # long_text, 500 words, not pre-filled


def _seed(root: Path) -> int:
    from bidkit.ops.bids import create_bid
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace

    ws = Workspace.open(root)
    try:
        seed_demo(ws, force=False)
        created = create_bid(ws, title="Befriending service", buyer="Testshire Council",
                             deadline=None, form_id=FORM).created  # fmt: skip
        assert created is not None
        return created
    finally:
        ws.close()


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.runner.workspace is not None and window.runner.pending == 0, timeout=15000
    )
    for _ in range(3):  # callbacks queue further loads (bids, then the questionnaire)
        qtbot.wait(30)
        # A profile or library change re-applies pre-fill once its edits settle.
        qtbot.waitUntil(lambda: not window.prefill_timer.isActive(), timeout=5000)
        qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=15000)


@pytest.fixture
def opened(qtbot: QtBot, workspace_dir: Path) -> Iterator[tuple[MainWindow, QuestionnairesPage]]:
    from bidkit.ui.app import build_window

    bid_id = _seed(workspace_dir)
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    window.navigate("questionnaires", bid_id)
    _settle(qtbot, window)
    page = window.pages["questionnaires"]
    assert isinstance(page, QuestionnairesPage)
    assert page.bid_id == bid_id and page.form_id == FORM
    yield window, page
    window.close()


def _go(qtbot: QtBot, window: MainWindow, page: QuestionnairesPage, question_id: str) -> Any:
    page.select_question(question_id)
    _settle(qtbot, window)
    assert page.panel.question is not None and page.panel.question.id == question_id
    return page.panel.editor


def _lead(page: QuestionnairesPage) -> int:
    return int(page.snapshot.participants[0][0])


def _rules(page: QuestionnairesPage) -> Any:
    """The questionnaire rules over the page's answers, as the compliance report applies them."""
    from bidkit.forms.rules import AnswerRules, Participant

    values = {key: view.value for key, view in page.snapshot.answers.items()}
    people = [Participant(*p) for p in page.snapshot.participants]
    assert page.form is not None
    return AnswerRules(page.form, values, people)


def test_shows_progress_and_statuses(opened: tuple[MainWindow, QuestionnairesPage]) -> None:
    _window, page = opened
    progress = _rules(page).progress()
    assert [p.name for p in progress] == ["Riverside Community Care CIC"]
    lead = progress[0]
    assert 0 < lead.answered < lead.required
    assert page.coverage.text() == (
        f"Required answers: Riverside Community Care CIC {lead.answered}/{lead.required}"
    )
    # 77: SQ 8.2(b) (data protection measures) no longer takes the Cyber Essentials blurb
    assert "Pre-fill found 77 of 79" in page.coverage.toolTip()  # provenance, not progress
    assert page.missing_button.text() == f"Missing ({lead.required - lead.answered})"
    assert page.bid_combo.currentText() == "Befriending service — Testshire Council"
    legal = page.model.index_of("legal_name")
    assert legal.data() == "1.1(a) What is the full legal name of your organisation?"
    assert legal.siblingAtColumn(1).data() == "Pre-filled"
    assert page.model.index_of(LONG_ANSWER).siblingAtColumn(1).data() == "Empty"
    assert page.panel.badge.text() == "From profile: Legal name"
    # Filtering keeps only the empty questions (and their sections).
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("missing"))
    proxy_index = page.proxy.mapFromSource(page.model.index_of("legal_name"))
    assert not proxy_index.isValid()
    assert page.proxy.mapFromSource(page.model.index_of(LONG_ANSWER)).isValid()


def test_live_word_count_flags_over_limit(
    qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    window, page = opened
    editor = _go(qtbot, window, page, LONG_ANSWER)
    assert isinstance(editor, LongTextEditor)
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "We train every worker.")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text, "- Risk assessments")
    assert page.panel.count.text() == "6 / 500 words"
    editor.text.setPlainText(" ".join(["word"] * 501))
    assert page.panel.count.text().startswith("501 / 500 words")
    assert page.panel.over_limit()
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=3000)
    _settle(qtbot, window)
    assert page.model.status(LONG_ANSWER) is Status.OVER_LIMIT
    assert len(editor.value().split()) == 501  # flagged, never cut
    page.select_question("legal_name")
    page.next_over_limit()
    assert page.question_id == LONG_ANSWER


def test_edit_profile_change_and_update(
    qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    window, page = opened
    editor = _go(qtbot, window, page, "legal_name")
    assert isinstance(editor, ShortTextEditor)
    editor.line.setFocus()
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "Riverside Care (trading)")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    _settle(qtbot, window)
    assert page.model.status("legal_name") is Status.EDITED
    assert page.panel.badge.text() == "Edited (was from profile: Legal name)"
    lead = _lead(page)
    stored = page.snapshot.answer("legal_name", lead)
    assert stored.value == "Riverside Care (trading)"

    def change_profile(ws: Any) -> Any:
        from bidkit.ops.organisations import set_field

        set_field(ws, lead, "website", "https://riverside.example.org")
        return set_field(ws, lead, "legal_name", "Riverside Community Care Ltd")

    window.runner.run(change_profile)
    _settle(qtbot, window)
    assert page.snapshot.answer("website", lead).value == "https://riverside.example.org"
    assert page.model.status("legal_name") is Status.SOURCE_CHANGED
    assert page.panel.changed_box.isVisible()
    assert page.panel.changed_note.text() == "The profile has changed since this was filled in."
    assert editor.line.text() == "Riverside Care (trading)"
    qtbot.mouseClick(page.panel.update_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert editor.line.text() == "Riverside Community Care Ltd"
    assert page.model.status("legal_name") is Status.PREFILLED
    assert not page.panel.changed_box.isVisible()


def test_typing_is_not_clobbered_by_a_reload(
    qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    window, page = opened
    editor = _go(qtbot, window, page, "legal_name")
    editor.line.setFocus()
    qtbot.keyClicks(editor.line, " and more")
    page.load_current()
    _settle(qtbot, window)
    assert editor.line.text().endswith(" and more")


def test_f8_goes_to_the_next_unanswered(
    qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    window, page = opened
    _go(qtbot, window, page, "legal_name")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_F8)
    first = page.question_id
    assert first != "legal_name"
    assert page.model.status(str(first)) is Status.EMPTY
    qtbot.keyClick(page.tree, Qt.Key.Key_F8)
    assert page.question_id != first
    assert page.model.status(str(page.question_id)) is Status.EMPTY


def test_missing_lists_gaps_and_goes_to_the_question(
    qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    window, page = opened
    gaps = _rules(page).gaps()
    qtbot.mouseClick(page.missing_button, Qt.MouseButton.LeftButton)
    dialog: Any = page.dialog
    assert dialog is not None
    assert dialog.list.count() == len(gaps)
    assert dialog.list.item(0).text().startswith(f"{gaps[0].question.number}  ")
    row = next(r for r, g in enumerate(dialog.gaps) if g.question.id == LONG_ANSWER)
    dialog.list.setCurrentRow(row)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    _settle(qtbot, window)
    assert page.question_id == LONG_ANSWER
    assert page.panel.current_member() == _lead(page)


def test_missing_offers_the_profile_field_that_would_fill_it(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    from bidkit.ops.bids import create_bid, own_organisation_id
    from bidkit.ops.demo import seed_demo
    from bidkit.ops.organisations import set_field
    from bidkit.store.workspace import Workspace
    from bidkit.ui.app import build_window

    ws = Workspace.open(workspace_dir)
    seed_demo(ws, force=False)
    with ws.session() as session:
        lead = own_organisation_id(session)
    assert lead is not None
    set_field(ws, lead, "legal_form", None)  # a required answer pre-fill cannot give now
    bid_id = create_bid(ws, title="Lunch club", buyer="Testshire Council", deadline=None,
                        form_id=FORM).created  # fmt: skip
    ws.close()
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    window.navigate("questionnaires", bid_id)
    _settle(qtbot, window)
    page = window.pages["questionnaires"]
    page.show_missing()
    dialog: Any = page.dialog
    row = next(r for r, g in enumerate(dialog.gaps) if g.question.id == "trading_status")
    dialog.list.setCurrentRow(row)
    assert "Riverside Community Care CIC" in dialog.list.item(row).text()
    assert dialog.source.isEnabled()
    qtbot.mouseClick(dialog.source, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert window.stack.currentWidget() is window.pages["organisations"]
    organisations: Any = window.pages["organisations"]
    assert organisations.current_id == lead
    window.close()


def test_insert_into_an_empty_answer_takes_the_library_item(
    qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    window, page = opened
    _go(qtbot, window, page, LONG_ANSWER)
    qtbot.mouseClick(page.panel.insert, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    dialog = page.dialog
    assert isinstance(dialog, LibraryPicker)
    assert dialog.list.count() > 0
    title = dialog.list.item(0).text().split("\n", 1)[0].removesuffix(" (suggested)")
    qtbot.mouseClick(dialog.insert, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert page.panel.badge.text().startswith(f"From library: {title}")
    assert page.model.status(LONG_ANSWER) is Status.PREFILLED


def test_ready_and_next(qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]) -> None:
    window, page = opened
    _go(qtbot, window, page, "legal_name")
    qtbot.mouseClick(page.panel.ready, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert page.model.status("legal_name") is Status.READY
    assert page.model.index_of("legal_name").siblingAtColumn(1).data() == "Ready"
    page.tree.setFocus()
    _go(qtbot, window, page, "website")
    page.action_ready_next.trigger()
    _settle(qtbot, window)
    assert page.model.status("website") is Status.READY
    assert page.question_id not in ("website", "legal_name")


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    window, page = opened
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QAbstractItemView, QTabBar)
    for question_id in ("legal_name", LONG_ANSWER, "trading_status", "registration_date",
                        "professional_register", "declaration", "insurance_schedule"):  # fmt: skip
        _go(qtbot, window, page, question_id)
        unnamed = [
            f"{type(w).__name__} {getattr(w, 'text', lambda: '')()}"
            for w in page.findChildren(QWidget)
            if isinstance(w, kinds)
            and w.isVisibleTo(page)
            and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not w.accessibleName()
        ]
        assert unnamed == [], question_id


def test_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    window, page = opened
    qtmodeltester.check(page.model)
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("not_ready"))
    qtmodeltester.check(page.proxy)
    editor: Any = _go(qtbot, window, page, "insurance_schedule")
    qtmodeltester.check(editor.model)


def test_new_bid_from_the_window(qtbot: QtBot, workspace_dir: Path) -> None:
    from bidkit.ops.organisations import create_organisation
    from bidkit.store.workspace import Workspace
    from bidkit.ui.app import build_window

    ws = Workspace.open(workspace_dir)
    create_organisation(ws, name="Riverside Care CIC", own=True)
    ws.close()
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    window.navigate("questionnaires")  # built on first view, then it loads
    _settle(qtbot, window)
    page: Any = window.pages["questionnaires"]
    assert page.empty_new.isVisible()
    qtbot.mouseClick(page.empty_new, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    dialog = page.dialog
    qtbot.keyClicks(dialog.title, "Lunch club")
    qtbot.keyClicks(dialog.buyer, "Northtown Council")
    dialog.questionnaire.setCurrentIndex(dialog.questionnaire.findData(FORM))
    dialog._check()
    _settle(qtbot, window)
    assert page.bid_combo.currentText() == "Lunch club — Northtown Council"
    assert page.form_id == FORM
    assert page.body.currentWidget() is page.splitter
    # The questionnaire opens with the first answer ready to type in.
    assert page.panel.editor is not None
    assert window.focusWidget() is page.panel.editor.focus_widget()
    window.close()


def test_attaching_a_questionnaire_puts_the_focus_in_the_first_answer(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    from bidkit.ops.bids import create_bid
    from bidkit.ops.organisations import create_organisation
    from bidkit.store.workspace import Workspace
    from bidkit.ui.app import build_window

    ws = Workspace.open(workspace_dir)
    create_organisation(ws, name="Riverside Care CIC", own=True)
    bid_id = create_bid(ws, title="Lunch club", buyer="Northtown Council", deadline=None).created
    ws.close()
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    window.navigate("questionnaires", bid_id)
    _settle(qtbot, window)
    page: Any = window.pages["questionnaires"]
    assert page.empty_attach.isVisible()
    qtbot.mouseClick(page.empty_attach, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    dialog = page.dialog
    row = next(
        r
        for r in range(dialog.list.count())
        if dialog.list.item(r).data(Qt.ItemDataRole.UserRole) == FORM
    )
    dialog.list.setCurrentRow(row)
    dialog.accept()
    _settle(qtbot, window)
    assert page.form_id == FORM
    assert window.focusWidget() is page.panel.editor.focus_widget()
    window.close()


@pytest.mark.parametrize("size", [(1024, 700), (1440, 900)])
def test_the_page_fits_the_window(qtbot: QtBot, workspace_dir: Path, size: tuple[int, int]) -> None:
    """Nothing on the page is cut: the title, the buttons, the progress; choosers say it all in
    their tooltips; the member tabs give way to a list when they would not fit."""
    from bidkit.ui.app import build_window

    _seed(workspace_dir)
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    window.navigate("questionnaires", 2)  # the consortium: three organisations
    _settle(qtbot, window)
    page: Any = window.pages["questionnaires"]
    _go(qtbot, window, page, LONG_ANSWER)
    heading = page.findChild(QWidget, "pageTitle")
    assert heading.width() >= heading.sizeHint().width()
    buttons = [page.attach_button, page.new_bid_button, page.missing_button,
               page.panel.suggest, page.panel.insert]  # fmt: skip
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
    for combo in (page.bid_combo, page.form_combo):
        assert combo.toolTip() == combo.currentText()
    assert page.coverage.height() >= page.coverage.heightForWidth(page.coverage.width())
    switcher = page.panel.member_switcher()
    assert switcher.isVisible()
    if switcher is page.panel.members_bar:
        assert switcher.width() >= switcher.sizeHint().width()
    window.close()


def test_switching_member_saves_typing_to_the_member_it_was_typed_for(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    from bidkit.ui.app import build_window

    _seed(workspace_dir)
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    window.navigate("questionnaires", 2)  # the demo consortium bid: lead and two partners
    _settle(qtbot, window)
    page = window.pages["questionnaires"]
    editor = _go(qtbot, window, page, LONG_ANSWER)
    lead, partner = (int(p[0]) for p in page.snapshot.participants[:2])
    assert page.panel.current_member() == lead
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "The lead's own arrangements.")
    page.panel.members_bar.setCurrentIndex(1)  # before the typing pause has saved it
    _settle(qtbot, window)
    assert page.snapshot.answer(LONG_ANSWER, lead).value == "The lead's own arrangements."
    partner_answer = page.snapshot.answer(LONG_ANSWER, partner)
    assert partner_answer is None or not partner_answer.value
    assert editor.text.toPlainText() == ""
    window.close()


def _open_consortium(qtbot: QtBot, workspace_dir: Path, extra_members: int = 0) -> Any:
    """The demo consortium bid (a lead and two partners), with `extra_members` more."""
    from bidkit.ops.bids import add_partner
    from bidkit.ops.organisations import create_organisation
    from bidkit.store.workspace import Workspace
    from bidkit.ui.app import build_window

    _seed(workspace_dir)
    ws = Workspace.open(workspace_dir)
    for number in range(extra_members):
        org_id = create_organisation(ws, name=f"Partner {number + 1} Trust").created
        assert org_id is not None
        add_partner(ws, 2, org_id)
    ws.close()
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    window.navigate("questionnaires", 2)
    _settle(qtbot, window)
    return window, window.pages["questionnaires"]


def test_consortium_progress_per_organisation_and_f8_to_the_member_owing(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, page = _open_consortium(qtbot, workspace_dir)
    progress = _rules(page).progress()
    assert len(progress) == 3
    figures = " · ".join(f"{p.name} {p.answered}/{p.required}" for p in progress)
    assert page.coverage.text() == f"Required answers: {figures}"
    gaps = _rules(page).gaps()
    assert page.missing_button.text() == f"Missing ({len(gaps)})"
    greenway = next(p for p in progress if p.name.startswith("Greenway"))
    owed = next(g for g in gaps if g.org_id == greenway.org_id)
    # The list says which member still owes the answer.
    status_cell = page.model.index_of(owed.question.id).siblingAtColumn(1)
    assert status_cell.data().startswith("Empty – ")
    assert greenway.name in status_cell.data(Qt.ItemDataRole.ToolTipRole)
    # Missing names the organisation and goes to its tab.
    page.show_missing()
    dialog: Any = page.dialog
    row = dialog.gaps.index(owed)
    assert greenway.name in dialog.list.item(row).text()
    dialog.list.setCurrentRow(row)
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert page.question_id == owed.question.id
    assert page.panel.current_member() == greenway.org_id
    # F8 stops on each organisation that has not answered, on its own tab.
    for _ in range(5):
        page.tree.setFocus()
        qtbot.keyClick(page.tree, Qt.Key.Key_F8)
        question = page.current_question()
        assert question is not None
        member = page.panel.current_member()
        assert page.lookup is not None
        assert page.lookup.member_status(question, member) is Status.EMPTY
    window.close()


def test_many_members_switch_with_a_list(qtbot: QtBot, workspace_dir: Path) -> None:
    window, page = _open_consortium(qtbot, workspace_dir, extra_members=3)
    _go(qtbot, window, page, LONG_ANSWER)
    members = page.panel.members
    assert len(members) == 5  # the lead, a member and three more (not the subcontractor)
    assert not page.panel.members_bar.isVisible()
    combo = page.panel.members_combo
    assert combo.isVisible() and combo.count() == 5
    assert combo.itemText(4) == "Partner 3 Trust"
    combo.setFocus()
    for _ in range(4):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert page.panel.current_member() == members[4]
    window.close()


def test_keys_on_the_page_are_unambiguous_and_enter_presses_a_button(
    qtbot: QtBot, opened: tuple[MainWindow, QuestionnairesPage]
) -> None:
    import re

    from PySide6.QtWidgets import QLabel

    window, page = opened
    _go(qtbot, window, page, LONG_ANSWER)
    texts = [a.text() for a in window.menuBar().actions()]
    texts += [
        w.text()
        for w in page.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w.isVisibleTo(page)
    ]
    keys = [m.group(1).casefold() for t in texts if (m := re.search(r"&([^&\s])", t))]
    assert len(keys) == len(set(keys)), keys
    page.missing_button.setFocus()
    qtbot.keyClick(page.missing_button, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.windowTitle() == "Missing answers"


def test_f8_follows_the_missing_list_and_passes_optional_questions(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    """F8 stops where Missing has a gap: a required answer not given, for the member owing it;
    an optional question left empty (1.1(b)(ii) website) is not a stop."""
    window, page = _open_consortium(qtbot, workspace_dir)
    gaps = [(g.question.id, g.member_key or None) for g in _rules(page).gaps()]
    assert gaps
    assert page.form is not None and page.lookup is not None
    optional_empty = [
        q.id
        for q in page.form.questions()
        if not q.mandatory and page.lookup.status(q) is Status.EMPTY
    ]
    assert optional_empty  # the demo consortium has some, which F8 used to stop on
    _go(qtbot, window, page, page.model.question_ids()[0])
    stops = []
    for _ in range(min(len(gaps) - 1, 12)):
        page.tree.setFocus()
        qtbot.keyClick(page.tree, Qt.Key.Key_F8)
        stops.append((page.question_id, page.panel.current_member()))
    assert all(stop in gaps for stop in stops)
    assert not {question_id for question_id, _ in stops} & set(optional_empty)
    # In form order, as the Missing list has them.
    assert len(set(stops)) == len(stops) and stops == sorted(stops, key=gaps.index)
    window.close()
