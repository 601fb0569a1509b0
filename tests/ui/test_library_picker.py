"""The library picker: suggestions first, search as you type, whole items to read, keyboard only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from questionnaire_scenario import go, open_page, seed, settle

from bidkit.ui.library.picker_dialog import LibraryPicker, preview_html

LONG_ANSWER = "health_safety_arrangements"


def _open_picker(qtbot: QtBot, workspace_dir: Path) -> tuple[object, LibraryPicker]:
    window, page = open_page(qtbot, workspace_dir, seed(workspace_dir))
    go(qtbot, window, page, LONG_ANSWER)
    qtbot.mouseClick(page.panel.insert, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    dialog = page.dialog
    assert isinstance(dialog, LibraryPicker)
    return window, dialog


def test_empty_search_lists_the_questions_suggestions_first(
    qtbot: QtBot, workspace_dir: Path
) -> None:
    _window, dialog = _open_picker(qtbot, workspace_dir)
    rows = [dialog.list.item(r).text().split("\n", 1)[0] for r in range(dialog.list.count())]
    suggested = [r for r, text in enumerate(rows) if text.endswith("(suggested)")]
    assert suggested, "the health and safety question has library items that fit it"
    assert suggested == list(range(len(suggested)))  # all of them at the top
    assert len(rows) > len(suggested)  # then the rest of the library
    assert dialog.search.hasFocus()


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
