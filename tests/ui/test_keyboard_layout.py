"""Keyboard paths and layout a user notices: no two Alt+letter keys alike in one window or
dialog, Enter presses the focused button, and the Bids titles and profile tables fit.

Mnemonics are checked per scope, the way Qt resolves Alt+letter: everything visible in one
window at one time (the menu bar, the page shown, its current tab) or in one dialog.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenuBar,
    QPushButton,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.window_driver import open_window, settle


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a control's text ("&&" is a literal ampersand), lower-cased."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def mnemonics_in(root: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter shown in `root`'s window, with the texts that carry it."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.window() is not root or (widget is not root and not widget.isVisibleTo(root)):
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            texts.append(widget.text())  # type: ignore[attr-defined]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        elif isinstance(widget, QMenuBar):
            texts += [action.text() for action in widget.actions() if action.isVisible()]
    found: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        letter = mnemonic(text)
        if letter:
            found[letter].append(text)
    return found


def clashes(root: QWidget, where: str) -> list[str]:
    return [
        f"{where}: Alt+{letter.upper()} is {' and '.join(repr(t) for t in texts)}"
        for letter, texts in mnemonics_in(root).items()
        if len(texts) > 1
    ]


def test_mnemonic_reads_the_letter_after_a_single_ampersand() -> None:
    assert mnemonic("&File") == "f"
    assert mnemonic("Save && &close") == "c"
    assert mnemonic("Fish && chips") is None
    assert mnemonic("Plain") is None


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    """The real window on the demo workspace, at the smallest size pages are laid out for."""
    made = open_window(qtbot, workspace_dir, demo=True, size=(1024, 700))
    yield made
    made.close()


def _show(qtbot: QtBot, window: Any, key: str, record: object = None) -> Any:
    window.navigate(key, record)
    settle(qtbot, window)
    return window.pages[key]


def test_no_two_alt_keys_alike_on_any_page(qtbot: QtBot, window: Any) -> None:
    problems: list[str] = []
    _show(qtbot, window, "dashboard")
    problems += clashes(window, "Dashboard")

    organisations = _show(qtbot, window, "organisations")
    sections = organisations.editor.sections
    for row in range(sections.count()):
        sections.setCurrentRow(row)
        settle(qtbot, window)
        problems += clashes(window, f"Organisations, {sections.item(row).text()}")

    library = _show(qtbot, window, "library")
    qtbot.waitUntil(lambda: library.model.rowCount() > 0)
    library.results.setCurrentIndex(library.model.index(0, 0))
    settle(qtbot, window)
    for tab in range(library.tabs.count()):
        library.tabs.setCurrentIndex(tab)
        problems += clashes(window, f"Library, {library.tabs.tabText(tab)}")

    bids = _show(qtbot, window, "bids")
    problems += clashes(window, "Bids")
    bid_id = bids.model.rows[0].id
    _show(qtbot, window, "bids", bid_id)
    assert bids.stack.currentWidget() is bids.view
    for tab in range(bids.view.tabs.count()):
        bids.view.tabs.setCurrentIndex(tab)
        problems += clashes(window, f"Bid, {bids.view.tabs.tabText(tab)}")
    assert problems == []


#: What the offscreen platform says when a dialog is shown (a real screen says nothing).
OFFSCREEN = "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_no_two_alt_keys_alike_in_any_dialog(qtbot: QtBot, window: Any) -> None:
    from types import SimpleNamespace

    from bidkit.ui.about_dialog import AboutDialog
    from bidkit.ui.bids.key_date_dialog import KeyDateDialog
    from bidkit.ui.bids.new_bid_dialog import NewBidDialog
    from bidkit.ui.bids.task_dialog import TaskDialog
    from bidkit.ui.export.export_dialog import ExportDialog
    from bidkit.ui.profile.new_organisation_dialog import NewOrganisationDialog
    from bidkit.ui.setup_wizard import SetupWizard

    problems: list[str] = []
    org = SimpleNamespace(id=1, name="Riverside Community Care CIC", own=True)
    dialogs: list[tuple[str, QDialog]] = [
        ("New bid", NewBidDialog([org], window)),
        ("Key date", KeyDateDialog(window)),
        ("Task", TaskDialog(window)),
        ("New organisation", NewOrganisationDialog(True, window)),
        ("About", AboutDialog(window.workspace_root, window)),
        ("Export", ExportDialog(window.context, None, window)),
    ]
    for name, dialog in dialogs:
        dialog.show()
        settle(qtbot, window)
        problems += clashes(dialog, name)
        dialog.reject()

    wizard = SetupWizard(window.context, window)
    wizard.show()
    wizard.name_page.name.edit.setText("Riverside Community Care CIC")
    for page_id in wizard.pageIds():
        while wizard.currentId() != page_id:
            wizard.next()
        page = wizard.currentPage()
        # Every register the page can ask for, whatever legal form is chosen.
        for child in page.findChildren(QWidget):
            child.setVisible(True)
        problems += clashes(wizard, f"Set-up wizard, {page.title()}")
    wizard.reject()
    assert problems == []


def test_enter_presses_the_focused_button_on_a_page(qtbot: QtBot, window: Any) -> None:
    bids = _show(qtbot, window, "bids")
    _show(qtbot, window, "bids", bids.model.rows[0].id)
    back = next(b for b in bids.view.findChildren(QPushButton) if "All bids" in b.text())
    back.setFocus()
    qtbot.keyClick(back, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bids.stack.currentIndex() == 0)


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_enter_on_a_focused_cancel_cancels_the_dialog(qtbot: QtBot, window: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from bidkit.ui.bids.key_date_dialog import KeyDateDialog

    dialog = KeyDateDialog(window)
    dialog.show()
    box = dialog.findChild(QDialogButtonBox)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_bid_titles_are_shown_in_full_at_1024_by_700(qtbot: QtBot, window: Any) -> None:
    from bidkit.ui.bids.table_model import BidTableModel

    bids = _show(qtbot, window, "bids")
    bids.status_filter.setCurrentIndex(bids.status_filter.findData(""))  # all bids
    settle(qtbot, window)
    table = bids.table
    qtbot.wait(50)
    column = BidTableModel.TITLE
    for row in range(bids.proxy.rowCount()):
        index = bids.proxy.index(row, column)
        rect = table.visualRect(index)
        text = index.data()
        metrics = table.fontMetrics()
        # Wrapped at the column's width, the whole title fits in its cell.
        bound = metrics.boundingRect(
            0, 0, rect.width() - 12, 10_000, int(Qt.TextFlag.TextWordWrap), text
        )
        assert bound.height() <= rect.height(), text
        assert rect.right() <= table.viewport().width(), text


def test_profile_tables_show_every_column_heading_within_the_section(
    qtbot: QtBot, window: Any
) -> None:
    organisations = _show(qtbot, window, "organisations")
    editor = organisations.editor
    editor.show_section("insurance")
    settle(qtbot, window)
    table = editor.forms["insurance"].table
    assert table is not None
    qtbot.wait(50)
    view = table.view
    header = view.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    # Each column is at least as wide as its heading, and together they fill the table.
    for column, width in enumerate(widths):
        assert width >= header.sectionSizeHint(column) - 1, view.model().headerData(
            column, Qt.Orientation.Horizontal
        )
    assert sum(widths) >= view.viewport().width() - 2


def focus_chain(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab visits from `start`, in order (visible, enabled, taking Tab focus)."""
    chain = [start]
    widget = start
    while len(chain) < count:
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if takes_tab and widget.isVisible() and widget.isEnabled() and not widget.focusProxy():
            chain.append(widget)
    return chain


def test_tab_on_the_bids_page_follows_reading_order(qtbot: QtBot, window: Any) -> None:
    bids = _show(qtbot, window, "bids")
    chain = focus_chain(bids.filter, 6)
    expected = [bids.filter, bids.status_filter, bids.new_button, bids.import_button,
                bids.calendar_button, bids.table]  # fmt: skip
    assert chain == expected
    # Tab leaves the table (arrow keys move inside it).
    window.activateWindow()
    bids.table.setFocus()
    bids.table.setCurrentIndex(bids.proxy.index(0, 0))
    qtbot.keyClick(bids.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not bids.table
    _show(qtbot, window, "bids", bids.model.rows[0].id)
    view = bids.view
    assert focus_chain(view.back, 6) == [
        view.back, view.status, view.questionnaire, view.portal_login, view.delete,
        view.tabs.tabBar(),
    ]  # fmt: skip


def _focus_stops(window: QWidget) -> list[QWidget]:
    """Every widget Tab can reach in the window as it is now."""
    return [
        widget
        for widget in window.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.window() is window
        and widget.isVisible()
        and widget.isEnabled()
        and not widget.focusProxy()
    ]


def test_every_tab_stop_shows_that_it_has_the_focus(qtbot: QtBot, window: Any) -> None:
    """Each control Tab lands on is of a kind the style sheet rings when focused (a bare
    scroll area or frame would take the focus and show nothing)."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    styled = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox,
              QComboBox, QAbstractItemView, QTabBar, QLabel)  # fmt: skip
    unseen: list[str] = []

    def check(where: str) -> None:
        for widget in _focus_stops(window):
            if not isinstance(widget, styled):
                name = widget.accessibleName() or widget.objectName()
                unseen.append(f"{where}: {type(widget).__name__} {name!r}")

    _show(qtbot, window, "dashboard")
    check("Dashboard")
    organisations = _show(qtbot, window, "organisations")
    for key in ("identity", "finance", "exclusions", "brand"):
        organisations.editor.show_section(key)
        settle(qtbot, window)
        check(f"Organisations, {key}")
    library = _show(qtbot, window, "library")
    qtbot.waitUntil(lambda: library.model.rowCount() > 0)
    library.results.setCurrentIndex(library.model.index(0, 0))
    settle(qtbot, window)
    check("Library")
    bids = _show(qtbot, window, "bids")
    check("Bids")
    _show(qtbot, window, "bids", bids.model.rows[0].id)
    for tab in range(bids.view.tabs.count()):
        bids.view.tabs.setCurrentIndex(tab)
        check(f"Bid, {bids.view.tabs.tabText(tab)}")
    assert sorted(set(unseen)) == []


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_whats_missing_enter_goes_to_the_item_or_closes(qtbot: QtBot, window: Any) -> None:
    from bidkit.profile.completeness import Missing
    from bidkit.ui.profile.completeness_meter import MissingDialog

    missing = (Missing("identity", "legal_name", "Legal name is empty."),)
    dialog = MissingDialog(missing, window)
    dialog.show()
    with qtbot.waitSignal(dialog.jump_requested) as jumped:
        dialog.list.setFocus()
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert jumped.args == ["identity", "legal_name"]
    assert dialog.result() == QDialog.DialogCode.Accepted

    dialog = MissingDialog(missing, window)
    dialog.show()
    dialog.close_button.setFocus()
    with qtbot.assertNotEmitted(dialog.jump_requested):
        qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Rejected


def _cut(window: QWidget) -> list[str]:
    """Buttons, check boxes, tabs and page titles narrower than their text."""
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    found = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisible():
            continue
        if isinstance(widget, QPushButton | QCheckBox | QRadioButton):
            if widget.width() < widget.sizeHint().width() - 1:
                found.append(f"{type(widget).__name__} {widget.text()!r}")
        elif (
            isinstance(widget, QLabel)
            and widget.objectName() == "pageTitle"
            and not widget.wordWrap()
            and widget.width() < widget.sizeHint().width() - 1
        ):
            found.append(f"title {widget.text()!r}")
    return found


@pytest.mark.parametrize("size", [(1024, 700), (1440, 900)])
def test_no_button_or_title_is_cut(qtbot: QtBot, window: Any, size: tuple[int, int]) -> None:
    window.resize(*size)
    problems: list[str] = []
    _show(qtbot, window, "dashboard")
    problems += [f"Dashboard: {p}" for p in _cut(window)]
    organisations = _show(qtbot, window, "organisations")
    for key in ("identity", "people", "finance", "policies", "exclusions", "brand"):
        organisations.editor.show_section(key)
        settle(qtbot, window)
        problems += [f"Organisations, {key}: {p}" for p in _cut(window)]
    library = _show(qtbot, window, "library")
    qtbot.waitUntil(lambda: library.model.rowCount() > 0)
    library.results.setCurrentIndex(library.model.index(0, 0))
    settle(qtbot, window)
    problems += [f"Library: {p}" for p in _cut(window)]
    bids = _show(qtbot, window, "bids")
    problems += [f"Bids: {p}" for p in _cut(window)]
    _show(qtbot, window, "bids", bids.model.rows[0].id)
    for tab in range(bids.view.tabs.count()):
        bids.view.tabs.setCurrentIndex(tab)
        qtbot.wait(20)
        problems += [f"Bid, {bids.view.tabs.tabText(tab)}: {p}" for p in _cut(window)]
    assert problems == []


@pytest.mark.parametrize("key", ["dashboard", "organisations", "library", "bids"])
def test_tab_reads_the_window_top_down(qtbot: QtBot, window: Any, key: str) -> None:
    """From the reminder bar Tab goes to the sidebar, and from the sidebar into the page."""
    from bidkit.ui.bids.reminders import ReminderBar

    page = _show(qtbot, window, key)
    bar = window.findChild(ReminderBar)
    qtbot.waitUntil(bar.isVisible)
    window.activateWindow()
    bar.dismiss.setFocus()
    qtbot.keyClick(bar.dismiss, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.navigation
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)
