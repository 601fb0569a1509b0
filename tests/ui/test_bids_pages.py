"""The Dashboard and Bids pages driven through the real window, with the demo workspace."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.bids.samples import sample
from tests.ui.window_driver import open_window, settle

PARAGUAY = "ocds_std_example_lots_paraguay_tender.json"


@pytest.fixture
def window(qtbot: QtBot, workspace_dir: Path) -> Iterator[Any]:
    made = open_window(qtbot, workspace_dir, demo=True)
    yield made
    made.close()


def test_dashboard_is_home_and_its_lines_open_what_they_name(qtbot: QtBot, window: Any) -> None:
    dashboard = window.pages["dashboard"]
    assert window.stack.currentWidget() is dashboard
    assert window.navigation.item(0).text() == "Dashboard"
    assert dashboard.deadlines.count() >= 3
    assert dashboard.tasks.count() == 2
    assert "won" in dashboard.win_rate.text()
    item = dashboard.deadlines.item(0)
    bid_id, tab = item.data(Qt.ItemDataRole.UserRole)[1]
    assert tab == "plan"
    dashboard.deadlines.setCurrentItem(item)
    dashboard.deadlines.itemActivated.emit(item)
    bids = window.pages["bids"]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is bids)
    settle(qtbot, window)
    assert bids.stack.currentWidget() is bids.view
    assert bids.view.bid_id == bid_id
    assert bids.view.tabs.currentWidget() is bids.view.plan  # where the date is listed
    window.navigate("dashboard")
    overdue = dashboard.tasks.item(0)
    overdue_bid = overdue.data(Qt.ItemDataRole.UserRole)[1][0]
    bids.view.tabs.setCurrentWidget(bids.view.details)
    dashboard.tasks.itemActivated.emit(overdue)
    settle(qtbot, window)
    assert bids.view.bid_id == overdue_bid
    assert bids.view.tabs.currentWidget() is bids.view.plan  # where the task is listed
    window.navigate("dashboard")
    statuses = dashboard.statuses
    won = next(
        statuses.item(i) for i in range(statuses.count()) if "Won" in statuses.item(i).text()
    )
    statuses.itemActivated.emit(won)
    assert bids.status_filter.currentData() == "won"
    assert bids.proxy.rowCount() == 1


def test_reminder_bar_names_the_dates_within_the_warning_period(window: Any) -> None:
    from bidkit.ui.bids.reminders import ReminderBar

    bar = window.findChild(ReminderBar)
    assert bar is not None and bar.isVisible()
    assert "Clarification questions close" in bar.text.text()


def test_bids_table_model_sorts_filters_and_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, window: Any
) -> None:
    page = window.pages["bids"]
    window.navigate("bids")
    settle(qtbot, window)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    assert page.proxy.rowCount() == 3  # open bids only
    page.status_filter.setCurrentIndex(page.status_filter.findData(""))
    assert page.proxy.rowCount() == 5
    qtbot.keyClicks(page.filter, "salford")
    assert page.proxy.rowCount() == 1
    page.filter.clear()
    page.table.sortByColumn(page.model.VALUE, Qt.SortOrder.DescendingOrder)
    top = page.proxy.index(0, page.model.TITLE).data()
    assert top == "Welfare Rights Advice Consortium"


def test_bid_page_edits_status_tasks_and_checklist(qtbot: QtBot, window: Any) -> None:
    page = window.pages["bids"]
    window.navigate("bids", 1)
    settle(qtbot, window)
    view = page.view
    assert view.title.text() == "Community Connectors Service"
    view.status.setCurrentIndex(view.status.findData("in_review"))
    view.status.activated.emit(view.status.currentIndex())
    settle(qtbot, window)
    assert view.bid.status == "in_review"
    assert view.outcome.history.topLevelItemCount() == 3
    tasks = view.plan.tasks
    first = tasks.topLevelItem(1)
    first.setCheckState(0, Qt.CheckState.Checked)
    settle(qtbot, window)
    assert [t.done for t in view.bid.tasks][:2] == [True, True]
    group = view.checklist.groups["requirements"]
    no = next(b for b in group.buttons() if b.property("answer") == "no")
    qtbot.mouseClick(no, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert view.bid.checklist.verdict.label == "NO-GO"
    qtbot.mouseClick(view.questionnaire, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.pages["questionnaires"]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_import_notice_previews_before_creating_the_bid(qtbot: QtBot, window: Any) -> None:
    page = window.pages["bids"]
    window.navigate("bids")
    settle(qtbot, window)
    page.preview_notice(sample(PARAGUAY))
    qtbot.waitUntil(lambda: getattr(page, "preview_dialog", None) is not None, timeout=5000)
    dialog = page.preview_dialog
    assert dialog.isVisible()
    assert "SERVICIO DE RASTREO SATELITAL" in dialog.details.toPlainText()
    assert "1 - SERVICIO DE RASTREO SATELITAL" in dialog.details.toPlainText()  # the lot
    assert page.model.rowCount() == 5  # nothing stored yet
    dialog.accept()
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=5000)
    settle(qtbot, window)
    assert page.stack.currentWidget() is page.view
    assert page.view.bid.ocid == "ocds-03ad3f-331547-1"


def test_every_control_on_the_bid_pages_has_an_accessible_name(qtbot: QtBot, window: Any) -> None:
    window.navigate("bids", 2)
    settle(qtbot, window)
    roots: list[QWidget] = [window.pages["bids"], window.pages["dashboard"]]
    unnamed = []
    for root in roots:
        for widget in root.findChildren(QWidget):
            if isinstance(widget, QAbstractButton | QLineEdit | QComboBox | QListWidget):
                internal = widget.objectName().startswith("qt_")
                if internal or isinstance(widget.parent(), QLineEdit):  # e.g. the clear button
                    continue
                if not (widget.accessibleName() or getattr(widget, "text", lambda: "")()):
                    unnamed.append(type(widget).__name__)
    assert unnamed == []


def test_typed_text_survives_other_changes_and_is_saved_on_leaving(
    qtbot: QtBot, window: Any
) -> None:
    from bidkit.ops.bid_overview import load_bid

    page = window.pages["bids"]
    window.navigate("bids", 1)
    settle(qtbot, window)
    view = page.view
    # Typed but not saved yet, then another change reloads the bid.
    view.checklist.note.setPlainText("Depends on partner capacity")
    view.outcome.feedback.setPlainText("Strong on social value")
    view.outcome.lost.setChecked(True)
    view.outcome._add_score_row()
    view.outcome.scores.setItem(0, 0, QTableWidgetItem("Quality"))
    from bidkit.ops.bids import add_task

    view.bid_ops.run(add_task, 1, "Write section 9")
    settle(qtbot, window)
    assert "Write section 9" in [t.title for t in view.bid.tasks]
    assert view.checklist.note.toPlainText() == "Depends on partner capacity"
    assert view.outcome.feedback.toPlainText() == "Strong on social value"
    # The whole outcome being entered survives the reload, not only its feedback.
    assert view.outcome.lost.isChecked()
    assert view.outcome.scores.item(0, 0).text() == "Quality"
    # Typed into a field that never lost focus (the window closed, Alt+Left).
    view.details.lines["buyer"].setText("Manchester City Council (Adults)")
    view.details.value.setText("475,000")
    page.show_list()  # leaving the bid saves what was typed
    settle(qtbot, window)
    saved = load_bid(window.runner.workspace, 1)
    assert saved.checklist.note == "Depends on partner capacity"
    assert saved.buyer == "Manchester City Council (Adults)"
    assert str(saved.value) == "475000.00"


def test_passing_through_an_empty_deadline_does_not_set_one(qtbot: QtBot, window: Any) -> None:
    from bidkit.ops.bids import update_bid

    update_bid(window.runner.workspace, 1, deadline=None)
    page = window.pages["bids"]
    window.navigate("bids", 1)
    settle(qtbot, window)
    view = page.view
    assert view.bid.deadline is None
    view.details.deadline.edit.editingFinished.emit()  # tabbing through the field
    settle(qtbot, window)
    assert view.bid.deadline is None
    view.details.deadline.edit.setText("15/3/27")  # a real choice sets it: a day alone
    view.details.deadline.edit.editingFinished.emit()
    settle(qtbot, window)
    assert view.bid.deadline is not None and view.bid.deadline_all_day


def test_each_bid_in_the_reminder_bar_opens_its_own_bid(qtbot: QtBot, window: Any) -> None:
    """Two bids named: each name is a link to its bid, and no single "Open bid" button."""
    from bidkit.ui.bids.reminders import ReminderBar

    bar = window.findChild(ReminderBar)
    assert bar is not None and bar.isVisible()
    links = re.findall(r'href="bid:(\d+)"', bar.text.text())
    assert len(set(links)) >= 2
    assert bar.open_button.isHidden()
    bar.text.linkActivated.emit(f"bid:{links[-1]}")
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.pages["bids"]
    assert bar.isVisible()  # the other bids are still named
