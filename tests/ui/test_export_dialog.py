"""The Export dialog driven as a bid writer would: check, export, cancel, open the result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from bidkit.ui.export.export_dialog import ExportDialog
from bidkit.ui.main_window import MainWindow

CONSORTIUM_BID = 2


def _seed(root: Path) -> None:
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace

    ws = Workspace.open(root)
    try:
        seed_demo(ws, force=False)
    finally:
        ws.close()


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.runner.workspace is not None and window.runner.pending == 0, timeout=15000
    )
    for _ in range(3):
        qtbot.wait(30)
        qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=15000)


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[MainWindow]:
    from bidkit.ui.app import build_window

    _seed(workspace_dir)
    main: Any = build_window(workspace_dir)
    qtbot.addWidget(main)
    main.show()
    main.open_workspace()
    _settle(qtbot, main)
    yield main
    main.close()


def _open(qtbot: QtBot, window: MainWindow, bid_id: int | None = CONSORTIUM_BID) -> ExportDialog:
    dialog = ExportDialog(window.context, bid_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    _settle(qtbot, window)
    assert dialog.preview is not None
    return dialog


def test_file_menu_has_the_export_action(window: MainWindow) -> None:
    action = window.action_export  # type: ignore[attr-defined]
    assert action.isEnabled() and action in window.file_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+E"


def test_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    for widget in dialog.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(dialog):
            if widget.metaObject().className() in ("QScrollBar", "QWidget"):
                continue
            assert widget.accessibleName(), widget.metaObject().className()


def test_shows_sections_draft_state_and_compliance_report(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    assert dialog.bid_combo.currentData() == CONSORTIUM_BID
    assert dialog.sections.count() == 3
    assert "Draft" in dialog.draft_label.text()
    report = dialog.report.toPlainText()
    assert "Partner answers missing" in report
    assert dialog.path_edit.text().endswith(".docx")
    assert "Salford City Council - Welfare Rights Advice Consortium" in dialog.path_edit.text()
    dialog.pdf_radio.setChecked(True)
    assert dialog.path_edit.text().endswith(".pdf")
    grab = dialog.grab()
    assert not grab.isNull()


def test_export_then_open_and_show_in_folder(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog = _open(qtbot, window)
    # Only Part 3, without question text.
    dialog.sections.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.sections.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.question_text.setChecked(False)
    _settle(qtbot, window)
    target = tmp_path / "bid.docx"
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert target.is_file()
    assert dialog.progress_bar.value() == 100
    assert dialog.open_button.isEnabled() and dialog.folder_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target), str(tmp_path)]
    import docx

    headings = [p.text for p in docx.Document(str(target)).paragraphs
                if p.style is not None and p.style.name == "Heading 1"]  # fmt: skip
    assert headings[0].startswith("Part 3")


def test_final_document_with_problems_asks_first(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, window)
    asked: list[str] = []

    def decline(*args: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", decline)
    preview = dialog.preview
    dialog.preview = type(preview)(**{**preview.__dict__, "draft": False})
    target = tmp_path / "final.pdf"
    dialog.path_edit.setText(str(target))
    dialog.start()
    assert asked and "compliance problem" in asked[0]
    assert not target.exists() and dialog.export_button.isEnabled()


def test_cancel_leaves_no_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = _open(qtbot, window)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "cancelled.pdf"
    dialog.pdf_radio.setChecked(True)
    dialog.path_edit.setText(str(target))
    dialog.start()
    assert dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=30000)
    assert "cancelled" in dialog.status.text()
    assert list(out.iterdir()) == []


def test_submission_package_from_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    import zipfile

    dialog = _open(qtbot, window, bid_id=1)
    dialog.package_radio.setChecked(True)
    assert dialog.path_edit.text().endswith(".zip")
    target = tmp_path / "package.zip"
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
    assert names[0].endswith(".docx") and names[1].endswith(".pdf")
    assert "Appendix 3 – Safeguarding Adults Policy.pdf" in names
    assert "appendices" in dialog.status.text()


def test_over_limit_answers_are_named_when_confirming_a_final_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bidkit.export.compliance import Problem, ProblemKind

    dialog = _open(qtbot, window)
    asked: list[str] = []

    def decline(*args: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", decline)
    preview = dialog.preview
    over = Problem(ProblemKind.OVER_LIMIT, "q", "3.2", "3.2: 612 / 500 words.")
    report = type(preview.report)(**{**preview.report.__dict__, "problems": (over,)})
    dialog.preview = type(preview)(**{**preview.__dict__, "draft": False, "report": report})
    dialog.path_edit.setText(str(tmp_path / "final.pdf"))
    dialog.start()
    assert asked and "over the buyer's word or character limit (3.2)" in asked[0]
