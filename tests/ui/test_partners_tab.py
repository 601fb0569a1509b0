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
    window.context.run_op(consortium.update_partner, CONSORTIUM_BID, greenway,
                          {"work_share": "20", "value_share": "15%", "guarantor": True,
                           "contact_name": "Sam Patel"})  # fmt: skip
    window.context.run_op(consortium.sign_off, CONSORTIUM_BID, greenway, "Sam Patel", "")
    tab.agreement_kind.setCurrentIndex(tab.agreement_kind.findData("joint_working"))
    tab.add_agreement()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: tab.agreements.topLevelItemCount() == 1)
    row = next(tab.list.topLevelItem(i) for i in range(2)
               if tab.list.topLevelItem(i).text(0).startswith("Greenway"))  # fmt: skip
    assert row.text(2) == "20% / 15%" and row.text(3) == "Sam Patel"
    assert "guarantor" in row.text(1) and row.text(5) == "Sam Patel"
    view = on_worker(qtbot, window, lambda ws: consortium.consortium_view(ws, CONSORTIUM_BID))
    assert any("Joint-working agreement" in line for line in view.partners[0].owes)
