"""From the window: an award notice is previewed and stored as a record, out of the calendar;
a superseded questionnaire edition is labelled when a bid is started."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.bids.samples import sample
from tests.ui.window_driver import open_window, settle

SUNDERLAND = "cf_ocds-b5fd17raw-8a79c599-d165-4d72-a3d1-1dcb222a184f.json"


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    made = open_window(qtbot, workspace_dir, demo=True)
    yield made
    made.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_an_award_notice_is_previewed_and_kept_as_a_record(qtbot: QtBot, window: Any) -> None:
    page = window.pages["bids"]
    window.navigate("bids")
    settle(qtbot, window)
    rows = page.model.rowCount()
    page.preview_notice(sample(SUNDERLAND))
    qtbot.waitUntil(lambda: getattr(page, "preview_dialog", None) is not None, timeout=5000)
    dialog = page.preview_dialog
    text = dialog.details.toPlainText()
    assert "Award notice (the contract has been awarded)" in text
    assert "Kept as a record, not a live bid" in text
    assert dialog.ok_button.text() == "Add as a record"
    dialog.accept()
    qtbot.waitUntil(lambda: page.model.rowCount() == rows + 1, timeout=5000)
    settle(qtbot, window)
    assert page.view.bid.notice_record and page.view.bid.notice_type == "award"
    assert "Kept as a record (award notice), not a live bid" in page.view.details.notice.text()


def test_the_superseded_sq_edition_is_labelled_when_a_bid_is_started(qtbot: QtBot) -> None:
    from bidkit.forms.catalog import shipped_forms
    from bidkit.ui.bids.new_bid_dialog import NewBidDialog

    dialog = NewBidDialog([], None, forms=shipped_forms())
    qtbot.addWidget(dialog)
    assert dialog.questionnaire is not None
    labels = [dialog.questionnaire.itemText(i) for i in range(dialog.questionnaire.count())]
    assert labels[-1] == (
        "Standard Selection Questionnaire (PPN 03/23) - superseded by PPN 03/24, for bids "
        "started under it"
    )
    assert "Standard Selection Questionnaire (PPN 03/24)" in labels
