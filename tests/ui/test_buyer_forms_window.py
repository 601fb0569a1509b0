"""A buyer's Word questionnaire in the window: File ▸ Import buyer's questionnaire…, review and
correct what was found, see it on the Questionnaires page, export the buyer's file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bidkit.ui.buyer_forms.import_dialog import ImportBuyerFormDialog
from bidkit.ui.buyer_forms.review_dialog import ReviewDetectionDialog
from bidkit.ui.export.export_dialog import ExportDialog
from tests.ui.window_driver import open_window, settle

CORPUS = Path(__file__).parents[1] / "buyer_forms" / "corpus"
OFFSCREEN = "This plugin does not support propagateSizeHints"  # offscreen only


def _dialog(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert found, kind
    return found[-1]


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_import_review_correct_and_export_from_the_window(
    qtbot: QtBot, qtmodeltester: Any, workspace_dir: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace_dir, demo=True, size=(1024, 700))
    action = window.action_import_buyer_form
    assert action.isEnabled() and action in window.file_menu.actions()
    action.trigger()
    settle(qtbot, window)
    dialog: ImportBuyerFormDialog = _dialog(ImportBuyerFormDialog)
    assert dialog.bid_combo.count() >= 3
    dialog.bid_combo.setCurrentIndex(dialog.bid_combo.findData(1))
    dialog.path_edit.setText(str(CORPUS / "01-council-sq.docx"))
    dialog.import_button.click()
    settle(qtbot, window)
    assert "Found 14 questions" in dialog.status.text(), dialog.status.text()
    assert "11 of the 12" in dialog.status.text()

    dialog.review_button.click()
    settle(qtbot, window)
    review: ReviewDetectionDialog = _dialog(ReviewDetectionDialog)
    qtmodeltester.check(review.model)
    texts = [q.text for q in review.model.questions]
    assert len(texts) == 14
    review.table.selectRow(texts.index("Registered charity number"))
    review.remove_button.click()
    settle(qtbot, window)
    assert review.status.text() == "Correction kept."
    assert "Registered charity number" not in [q.text for q in review.model.questions]
    review.accept()

    dialog.show_button.click()
    settle(qtbot, window)
    assert window.current_page_key() == "questionnaires"

    export = ExportDialog(window.context, 1, window)
    qtbot.addWidget(export)
    export.show()
    settle(qtbot, window)
    buyer_index = next(
        i for i in range(export.form_combo.count())
        if str(export.form_combo.itemData(i)).startswith("buyer-")
    )  # fmt: skip
    export.form_combo.setCurrentIndex(buyer_index)
    settle(qtbot, window)
    assert export.buyer_radio.isVisible() and export.buyer_radio.isChecked()
    target = tmp_path / "filled.docx"
    export.path_edit.setText(str(target))
    export.start()
    settle(qtbot, window)
    assert target.exists()
    assert "11 of 11 answers placed" in export.status.text(), export.status.text()
    export.reject()


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_a_refused_file_is_explained_in_the_dialog(
    qtbot: QtBot, workspace_dir: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace_dir, demo=True)
    window.action_import_buyer_form.trigger()
    settle(qtbot, window)
    dialog: ImportBuyerFormDialog = _dialog(ImportBuyerFormDialog)
    bad = tmp_path / "questionnaire.docx"
    bad.write_bytes(b"not a zip")
    dialog.path_edit.setText(str(bad))
    dialog.import_button.click()
    settle(qtbot, window)
    assert "questionnaire.docx" in dialog.status.text()
    assert not dialog.review_button.isEnabled()
    dialog.reject()
