"""Driving the Questionnaires page in tests: open the window on a seeded workspace, go to a
question, wait for autosave to reach the database, read what the database holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from bidkit.ui.main_window import MainWindow
from bidkit.ui.pages.questionnaires import QuestionnairesPage

FORM = "uk-sq-ppn-03-23"
CARE_FORM = "council-care-support-pqq"


def seed(root: Path, form_id: str = FORM) -> int:
    """The demo workspace and a new single-organisation bid with `form_id` attached."""
    from bidkit.ops.bids import create_bid
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace

    ws = Workspace.open(root)
    try:
        seed_demo(ws, force=False)
        created = create_bid(ws, title="Befriending service", buyer="Testshire Council",
                             deadline=None, form_id=form_id).created  # fmt: skip
        assert created is not None
        return created
    finally:
        ws.close()


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the database worker is idle and the page's follow-up loads have run."""
    qtbot.waitUntil(
        lambda: window.runner.workspace is not None and window.runner.pending == 0, timeout=15000
    )
    for _ in range(3):
        qtbot.wait(30)
        qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=15000)


def open_page(qtbot: QtBot, root: Path, bid_id: int, size: tuple[int, int] = (1280, 820)
              ) -> tuple[Any, QuestionnairesPage]:  # fmt: skip
    from bidkit.ui.app import build_window

    window: Any = build_window(root)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.open_workspace()
    settle(qtbot, window)
    window.navigate("questionnaires", bid_id)
    settle(qtbot, window)
    page = window.pages["questionnaires"]
    assert isinstance(page, QuestionnairesPage)
    assert page.bid_id == bid_id
    return window, page


def go(qtbot: QtBot, window: MainWindow, page: QuestionnairesPage, question_id: str) -> Any:
    page.select_question(question_id)
    settle(qtbot, window)
    assert page.panel.question is not None and page.panel.question.id == question_id
    return page.panel.editor


def wait_saved(qtbot: QtBot, window: MainWindow, editor: Any) -> None:
    """Wait for the typing pause to save (the editor's signal), then for the worker to store it."""
    with qtbot.waitSignal(editor.committed, timeout=5000):
        pass
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=15000)


def stored(qtbot: QtBot, window: MainWindow, page: QuestionnairesPage, question_id: str) -> Any:
    """{member key: value} as the database holds the answers to `question_id`."""
    from sqlmodel import col, select

    from bidkit.model.questionnaire import Answer

    bid_form_id = page.snapshot.bid_form_id
    found: dict[str, Any] = {}

    def read(ws: Any) -> dict[int, Any]:
        with ws.session() as session:
            rows = session.exec(
                select(Answer).where(
                    col(Answer.bid_form_id) == bid_form_id, col(Answer.question_id) == question_id
                )
            ).all()
            return {row.member_key: json.loads(row.value) for row in rows}

    window.runner.run(read, lambda result: found.update(result=result))
    qtbot.waitUntil(lambda: "result" in found, timeout=15000)
    return found["result"]


def usage_count(qtbot: QtBot, window: MainWindow, evidence_id: int) -> int:
    from sqlmodel import col, func, select

    from bidkit.model.evidence import EvidenceUsage

    found: dict[str, int] = {}

    def read(ws: Any) -> int:
        with ws.session() as session:
            return int(session.exec(
                select(func.count()).where(col(EvidenceUsage.evidence_id) == evidence_id)
            ).one())  # fmt: skip

    window.runner.run(read, lambda result: found.update(result=result))
    qtbot.waitUntil(lambda: "result" in found, timeout=15000)
    return found["result"]
