"""The answer panel fits the window at 1024x700 with BidKit's stylesheet: a long provenance
chip wraps and a consortium's member list shortens long names, so the panel never needs a
sideways scroll bar and the question, the answer box and "Ready" are never cut off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.window_driver import open_window, settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def styled_window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    """The demo at 1024x700 with the stylesheet the application uses (badges have padding)."""
    from bidkit.resources import resource_path

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    try:
        window = open_window(qtbot, workspace_dir, demo=True, size=(1024, 700))
        yield window
        window.close()
    finally:
        app.setStyleSheet("")


def _show(qtbot: QtBot, window: Any, bid_title: str, question_id: str | None = None) -> Any:
    window.navigate("questionnaires")
    settle(qtbot, window)
    page = window.pages["questionnaires"]
    row = next(
        i for i in range(page.bid_combo.count()) if page.bid_combo.itemText(i).startswith(bid_title)
    )
    page.bid_combo.setCurrentIndex(row)
    page._on_bid_chosen(row)
    settle(qtbot, window)
    if question_id is not None:
        page.select_question(question_id)
        settle(qtbot, window)
    return page


def _fits(qtbot: QtBot, page: Any) -> None:
    scroll = page.question_scroll
    qtbot.waitUntil(lambda: page.panel.width() <= scroll.viewport().width(), timeout=3000)
    assert not scroll.horizontalScrollBar().isVisible()
    assert page.panel.minimumSizeHint().width() <= scroll.viewport().width()
    ready = page.panel.ready
    right = ready.mapTo(page.panel, ready.rect().topRight()).x()
    assert right <= scroll.viewport().width()  # "Ready" whole, not "Rea"


def test_a_long_library_chip_wraps_inside_the_panel(qtbot: QtBot, styled_window: Any) -> None:
    page = _show(qtbot, styled_window, "Community Connectors", "sg_arrangements")
    badge = page.panel.badge
    assert badge.text().startswith("From library: Safeguarding adults")
    assert badge.width() <= page.question_scroll.viewport().width()
    _fits(qtbot, page)


def test_every_question_of_the_consortium_bid_fits(qtbot: QtBot, styled_window: Any) -> None:
    page = _show(qtbot, styled_window, "Welfare Rights Advice Consortium")
    assert page.panel.members_row.isVisible() or page.panel.members_bar.isVisible()
    for question_id in page.model.question_ids():
        page.select_question(question_id, focus=False)
        QApplication.processEvents()
        _fits(qtbot, page)
