"""The Evidence library page driven as a user would: type, choose, edit, restore, import, merge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from bidkit.ui.library.results_model import ResultsModel
from bidkit.ui.main_window import MainWindow
from bidkit.ui.pages.library import LibraryPage
from tests.library.docx_corpus import good_docx, hostile_corpus

TEXT = "We pay the Real Living Wage to every member of staff, including relief and bank staff."


def _seed(root: Path) -> dict[str, int]:
    from bidkit.ops import evidence
    from bidkit.store.workspace import Workspace

    with Workspace.open(root) as ws:

        def add(title: str, body: str, **values: Any) -> int:
            created = evidence.create_evidence(
                ws, evidence.ItemFields(title=title, body=body, **values)
            ).created
            assert created is not None
            return created

        return {
            "policy": add(
                "Safeguarding policy",
                "Every volunteer is trained in safeguarding.",
                kind="policy",
                tags=("safeguarding",),
            ),
            "wage": add("Living wage", TEXT),
            "wage2": add("Living wage", TEXT + " Always."),
            "colour": add("Brand colours", "The colour scheme of our centre."),
        }


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.runner.workspace is not None and window.runner.pending == 0, timeout=10000
    )
    qtbot.wait(30)
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=10000)


@pytest.fixture
def opened(
    qtbot: QtBot, workspace_dir: Path
) -> Iterator[tuple[MainWindow, LibraryPage, dict[str, int]]]:
    from bidkit.ui.app import build_window

    ids = _seed(workspace_dir)
    window: Any = build_window(workspace_dir)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    window.navigate("library")
    page = window.pages["library"]
    assert isinstance(page, LibraryPage)
    _settle(qtbot, window)
    yield window, page, ids
    window.close()


def _type(qtbot: QtBot, window: MainWindow, page: LibraryPage, text: str) -> None:
    page.search.clear()
    qtbot.keyClicks(page.search, text)
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        pass
    _settle(qtbot, window)


def _titles(page: LibraryPage) -> list[str]:
    return [hit.title for hit in page.model.hits]


def test_results_follow_the_typing(qtbot: QtBot, opened: Any) -> None:
    window, page, _ids = opened
    assert len(page.model.hits) == 4
    _type(qtbot, window, page, "safeguardi")
    assert _titles(page) == ["Safeguarding policy"]
    _type(qtbot, window, page, "color")
    assert _titles(page) == ["Brand colours"]
    index = page.model.index(0)
    assert "<b>colour</b>" in index.data(Qt.ItemDataRole.UserRole + 1)
    assert page.count.text() == "1 item"


def test_filters_narrow_the_list(qtbot: QtBot, opened: Any) -> None:
    _window, page, _ids = opened
    page.kind.setCurrentIndex(page.kind.findData("policy"))
    qtbot.waitUntil(lambda: _titles(page) == ["Safeguarding policy"], timeout=5000)
    page.kind.setCurrentIndex(0)
    page.tag.setCurrentIndex(page.tag.findData("safeguarding"))
    qtbot.waitUntil(lambda: _titles(page) == ["Safeguarding policy"], timeout=5000)
    page.tag.setCurrentIndex(0)
    page.view.setCurrentIndex(page.view.findData("never_used"))
    qtbot.waitUntil(lambda: len(page.model.hits) == 4, timeout=5000)


def test_results_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, opened: Any
) -> None:
    _window, page, _ids = opened
    qtmodeltester.check(page.model)
    empty = ResultsModel()
    qtmodeltester.check(empty)


def test_editing_saves_itself_and_keeps_the_history(qtbot: QtBot, opened: Any) -> None:
    window, page, ids = opened
    page.show_record(ids["policy"])
    _settle(qtbot, window)
    assert page.editor.title.text() == "Safeguarding policy"
    assert page.editor.version.text() == "Version 1"
    page.editor.body.moveCursor(page.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor.body, " Refreshers every year.")
    qtbot.waitUntil(lambda: page.editor.version.text() == "Version 2", timeout=5000)
    _settle(qtbot, window)
    assert page.history.versions.count() == 1
    page.tabs.setCurrentWidget(page.history)
    page.history.versions.setCurrentRow(0)
    qtbot.waitUntil(
        lambda: "trained in safeguarding." in page.history.preview.toPlainText(), timeout=5000
    )
    assert page.history.restore.isEnabled()
    qtbot.mouseClick(page.history.restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.version.text() == "Version 3", timeout=5000)
    assert page.editor.body.toPlainText() == "Every volunteer is trained in safeguarding."


def _stored_dates(qtbot: QtBot, window: MainWindow, item_id: int) -> tuple[Any, Any]:
    from bidkit.ops.evidence import load_evidence
    from tests.ui.window_driver import on_worker

    fields = on_worker(qtbot, window, lambda ws: load_evidence(ws, item_id).fields)
    return fields.review_on, fields.expires_on


def test_dates_are_typed_day_first_like_every_other_date(qtbot: QtBot, opened: Any) -> None:
    from datetime import date

    window, page, ids = opened
    page.show_record(ids["policy"])
    _settle(qtbot, window)
    review = page.editor.review
    review.edit.setFocus()
    qtbot.keyClicks(review.edit, "15/03/2027")
    assert review.edit.text() == "15/03/2027", "a slash is typed, not a jump to the next part"
    qtbot.keyClick(review.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.editor.version.text() == "Version 2", timeout=5000)
    _settle(qtbot, window)
    assert _stored_dates(qtbot, window, ids["policy"]) == (date(2027, 3, 15), None)

    expires = page.editor.expires
    expires.edit.setFocus()
    qtbot.keyClicks(expires.edit, "31/02/2027")
    qtbot.keyClick(expires.edit, Qt.Key.Key_Tab)
    assert expires.message.isVisible() and expires.message.text()
    page.editor.title.setFocus()
    qtbot.keyClicks(page.editor.title, " (2027)")
    qtbot.waitUntil(lambda: page.editor.version.text() == "Version 3", timeout=5000)
    _settle(qtbot, window)
    assert _stored_dates(qtbot, window, ids["policy"]) == (date(2027, 3, 15), None)
    assert expires.edit.text() == "31/02/2027", "the unusable text stays to be corrected"

    review.edit.setFocus()
    review.edit.selectAll()
    qtbot.keyClick(review.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(review.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.editor.version.text() == "Version 4", timeout=5000)
    _settle(qtbot, window)
    assert _stored_dates(qtbot, window, ids["policy"])[0] is None


def test_bold_and_bullets_from_the_toolbar(qtbot: QtBot, opened: Any) -> None:
    window, page, ids = opened
    page.show_record(ids["colour"])
    _settle(qtbot, window)
    body = page.editor.body
    body.selectAll()
    page.editor.make_bullets()
    assert body.toPlainText() == "- The colour scheme of our centre."
    cursor = body.textCursor()
    cursor.setPosition(2)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    page.editor.make_bold()
    assert body.toPlainText() == "- **The** colour scheme of our centre."
    page.flush_edits()
    _settle(qtbot, window)


def test_every_control_has_an_accessible_name(opened: Any) -> None:
    _window, page, _ids = opened
    controls = [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit))
        and w.isVisibleTo(page)
        and w.objectName() != "qt_spinbox_lineedit"
    ]
    unnamed = [
        type(w).__name__ + ":" + getattr(w, "text", lambda: "")()
        for w in controls
        if not w.accessibleName()
    ]
    assert controls and not unnamed


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_dropping_files_imports_them_with_a_summary(
    qtbot: QtBot, opened: Any, tmp_path: Path
) -> None:
    _window, page, _ids = opened
    (tmp_path / "answers.docx").write_bytes(good_docx(sections=2))
    (tmp_path / "certificate.pdf").write_bytes(b"%PDF-1.4")
    flow = page.import_paths([tmp_path / "answers.docx", tmp_path / "certificate.pdf"], word=False)
    assert flow is not None
    with qtbot.waitSignal(flow.finished, timeout=10000) as finished:
        pass
    assert finished.args[0].items == 4
    qtbot.waitUntil(lambda: len(page.model.hits) == 8, timeout=5000)
    flow.summary.close()


def test_a_refused_import_reports_and_changes_nothing(
    qtbot: QtBot, opened: Any, tmp_path: Path
) -> None:
    window, page, _ids = opened
    errors: list[object] = []
    window.signals.error.disconnect()
    window.signals.error.connect(errors.append)
    (tmp_path / "macros.docx").write_bytes(hostile_corpus()["vba-project"][0])
    flow = page.import_paths([tmp_path / "macros.docx"], word=True)
    assert flow is not None
    with qtbot.waitSignal(flow.finished, timeout=10000):
        pass
    assert len(errors) == 1 and "macros.docx" in str(errors[0])
    _settle(qtbot, window)
    assert len(page.model.hits) == 4


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_duplicates_can_be_merged(qtbot: QtBot, opened: Any) -> None:
    window, page, _ids = opened
    page.show_duplicates()
    dialog = page._duplicates
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == 1, timeout=5000)
    qtbot.mouseClick(dialog.keep_first, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == 0, timeout=5000)
    _settle(qtbot, window)
    assert _titles(page).count("Living wage") == 1
    dialog.close()
