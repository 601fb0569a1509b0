"""The library picker: suggestions first, search as you type, whole items to read, keyboard only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from questionnaire_scenario import CARE_FORM, go, open_page, seed, settle

from bidkit.ui.library.picker_dialog import LibraryPicker, preview_html

# The offscreen platform warns when a dialog is sized; the warning is not about BidKit.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LONG_ANSWER = "health_safety_arrangements"
#: A written answer the demo library's social value item is about (its title names skills).
SKILLS = "skills_description"


def _open_picker(
    qtbot: QtBot, workspace_dir: Path, question_id: str = LONG_ANSWER
) -> tuple[object, LibraryPicker]:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    go(qtbot, window, page, question_id)
    qtbot.mouseClick(page.panel.insert, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    dialog = page.dialog
    assert isinstance(dialog, LibraryPicker)
    return window, dialog


def test_empty_search_lists_the_questions_suggestions_first(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    _window, dialog = _open_picker(qtbot, workspace_dir, SKILLS)
    rows = [dialog.list.item(r).text().split("\n", 1)[0] for r in range(dialog.list.count())]
    suggested = [r for r, text in enumerate(rows) if text.endswith("(suggested)")]
    assert suggested, "the demo library has an item about skills"
    assert suggested == list(range(len(suggested)))  # all of them at the top
    assert len(rows) > len(suggested)  # then the rest of the library
    assert dialog.search.hasFocus()


def test_suggestions_rank_by_match_confidence_with_the_reason(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    """The council form's safeguarding question: items about it first, best first, each with
    its confidence and what it matched; the list is what pre-fill's matching ranks."""
    from bidkit.ops.evidence import ItemFields, create_evidence
    from bidkit.store.workspace import Workspace

    bid_id = seed(workspace_dir, CARE_FORM)
    ws = Workspace.open(workspace_dir)
    try:
        for title, tags, kind in (
            ("Safeguarding training for volunteers", ("safeguarding", "training"), "answer"),
            ("Case study: a safeguarding referral", ("safeguarding",), "case_study"),
            ("Safer recruitment checks", ("recruitment",), "policy"),
        ):
            create_evidence(ws, ItemFields(title=title, body=f"{title}.", tags=tags, kind=kind))
    finally:
        ws.close()
    window, page = open_page(qtbot, workspace_dir, bid_id, size=(1024, 700))
    go(qtbot, window, page, "sg_arrangements")
    qtbot.mouseClick(page.panel.suggest, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    dialog = page.dialog
    assert isinstance(dialog, LibraryPicker)
    rows = [dialog.list.item(r).text().split("\n") for r in range(dialog.list.count())]
    suggested = [row for row in rows if row[0].endswith(" (suggested)")]
    assert len(suggested) >= 3
    percents = []
    for row in suggested:
        fit = re.fullmatch(r"(\d+)% match: (asks about .+|shares some words)", row[1])
        assert fit, row
        percents.append(int(fit.group(1)))
    assert percents == sorted(percents, reverse=True)
    titles = [row[0].removesuffix(" (suggested)") for row in suggested]
    assert "Safeguarding adults: summary of our approach" in titles[:3]
    assert all("asks about safeguarding" in row[1] for row in suggested[:3])
    # As the operation ranked them on the worker (the ranking pre-fill decides with).
    expected = dialog._suggested
    assert titles == [s.title for s in expected]
    assert percents == [round(s.confidence * 100) for s in expected]
    # Typing searches the whole library by its text: no confidences there.
    with qtbot.waitSignal(dialog.results_shown, timeout=5000):
        qtbot.keyClicks(dialog.search, "recruitment")
    settle(qtbot, window)
    texts = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert texts and not any("% match:" in t for t in texts)


def test_typing_searches_the_library_and_keys_choose(qtbot: QtBot, workspace_dir: Path) -> None:
    window, dialog = _open_picker(qtbot, workspace_dir)
    with qtbot.waitSignal(dialog.results_shown, timeout=5000):
        qtbot.keyClicks(dialog.search, "safeguarding")
    settle(qtbot, window)
    titles = [dialog.list.item(r).text().casefold() for r in range(dialog.list.count())]
    assert titles and all("safeguard" in t for t in titles[:1])
    assert not any(t.split("\n")[0].endswith("(suggested)") for t in titles)
    # Down from the search box moves through the list; the preview follows.
    if dialog.list.count() > 1:
        qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
        assert dialog.list.currentRow() == 1
        settle(qtbot, window)
    item_id = dialog.current_id()
    assert item_id is not None
    text = dialog._texts[item_id]
    shown = dialog.preview.toPlainText()
    assert shown.startswith(text.title)
    first_paragraph = text.body.split("\n\n")[0].split("\n")[0].strip().lstrip("-* ").strip()
    assert first_paragraph[:40] in " ".join(shown.split())
    # Nothing matches: the list says so.
    dialog.search.clear()
    with qtbot.waitSignal(dialog.results_shown, timeout=5000):
        qtbot.keyClicks(dialog.search, "zzqqxx")
    assert dialog.list.count() == 0
    assert dialog.empty.isVisible()
    assert not dialog.insert.isEnabled()


def test_enter_straight_after_typing_picks_from_the_new_results(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    window, dialog = _open_picker(qtbot, workspace_dir)
    picked: list[object] = []
    dialog.chosen.connect(picked.append)
    qtbot.keyClicks(dialog.search, "safeguarding")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # before the search has run
    settle(qtbot, window)
    assert len(picked) == 1
    assert "safeguard" in (picked[0].title + picked[0].body).casefold()  # type: ignore[attr-defined]


def test_previews_read_as_paragraphs_and_bullets() -> None:
    shown = preview_html("Policy", "First para\nsame para.\n\n- one\n- two\n\n<b>Last</b>", "")
    assert shown == (
        "<h3>Policy</h3><p>First para<br>same para.</p><ul><li>one</li><li>two</li></ul>"
        "<p>&lt;b&gt;Last&lt;/b&gt;</p>"
    )
