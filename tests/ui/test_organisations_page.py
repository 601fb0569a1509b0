"""The Organisations page driven as a user would: type, wait for the save, undo, reopen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from bidkit.ui.main_window import MainWindow
from bidkit.ui.pages.organisations import OrganisationsPage
from bidkit.ui.profile.field_editors import FieldEditor, LineFieldEditor


def _open(qtbot: QtBot, root: Path) -> tuple[MainWindow, OrganisationsPage]:
    from bidkit.ui.app import build_window

    window: Any = build_window(root)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.open_workspace()
    _settle(qtbot, window)
    page = window.pages["organisations"]
    assert isinstance(page, OrganisationsPage)
    return window, page


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.runner.workspace is not None and window.runner.pending == 0, timeout=10000
    )
    qtbot.wait(20)  # callbacks queue further loads (list, then profile)
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=10000)


@pytest.fixture
def opened(qtbot: QtBot, workspace_dir: Path) -> Iterator[tuple[MainWindow, OrganisationsPage]]:
    window, page = _open(qtbot, workspace_dir)
    yield window, page
    window.close()


def _seed(root: Path) -> int:
    from bidkit.ops import organisations as ops
    from bidkit.store.workspace import Workspace

    ws = Workspace.open(root)
    try:
        org_id = ops.create_organisation(ws, name="Riverside Care CIC", own=True).created
        assert org_id is not None
        ops.add_row(
            ws, org_id, "financial_years", {"year_end": date(2025, 3, 31), "turnover": 1000}
        )
        ops.add_row(ws, org_id, "financial_years", {"year_end": date(2024, 3, 31), "turnover": 900})
        ops.create_organisation(ws, name="Northside Advice", own=False)
        return org_id
    finally:
        ws.close()


def _db_profile(window: MainWindow, org_id: int) -> Any:
    from bidkit.ops.organisations import load_profile

    return load_profile(window.runner.workspace, org_id)


def _line(page: OrganisationsPage, section: str, key: str) -> LineFieldEditor:
    editor = page.editor.ensure_section(section).editors[key]
    assert isinstance(editor, LineFieldEditor)
    return editor


def _type(qtbot: QtBot, editor: LineFieldEditor, text: str) -> None:
    editor.line.setFocus()
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, text)
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)


def test_create_type_close_and_reopen(qtbot: QtBot, workspace_dir: Path) -> None:
    window, page = _open(qtbot, workspace_dir)
    qtbot.mouseClick(page.add_own, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert page.current_id is not None
    org_id = page.current_id
    _type(qtbot, _line(page, "identity", "legal_name"), "Riverside Care CIC")
    page.editor.show_section("addresses")
    postcode = _line(page, "addresses", "registered_postcode")
    postcode.line.setFocus()
    qtbot.keyClicks(postcode.line, "sw1a 1aa")  # saved by the pause, not by Enter
    qtbot.waitUntil(lambda: window.runner.pending > 0 or not postcode.is_dirty(), timeout=3000)
    _settle(qtbot, window)
    assert page.model.items[0].name == "Riverside Care CIC"
    window.close()

    window, page = _open(qtbot, workspace_dir)
    assert page.current_id == org_id
    assert _line(page, "identity", "legal_name").line.text() == "Riverside Care CIC"
    assert _line(page, "addresses", "registered_postcode").line.text() == "SW1A 1AA"
    window.close()


def test_pending_typing_is_saved_when_the_window_closes(qtbot: QtBot, workspace_dir: Path) -> None:
    org_id = _seed(workspace_dir)
    window, page = _open(qtbot, workspace_dir)
    phone = _line(page, "identity", "phone")
    phone.line.setFocus()
    qtbot.keyClicks(phone.line, "0161 496 0000")
    window.close()  # before the pause has passed
    window, page = _open(qtbot, workspace_dir)
    assert page.current_id == org_id
    assert _line(page, "identity", "phone").line.text() == "0161 496 0000"
    window.close()


def test_invalid_vat_number_shows_error_and_is_saved(
    qtbot: QtBot, opened: tuple[MainWindow, OrganisationsPage]
) -> None:
    window, page = opened
    page.add(own=True)
    _settle(qtbot, window)
    page.editor.show_section("registration")
    vat = _line(page, "registration", "vat_number")
    _type(qtbot, vat, "GB123456789")
    _settle(qtbot, window)
    error = page.editor.ensure_section("registration").problems["vat_number"]
    assert error.isVisible()
    assert "check digit" in error.text()
    assert error.property("role") == "error"
    assert page.current_id is not None
    assert _db_profile(window, page.current_id).data.org["vat_number"] == "GB123456789"


def test_unreadable_money_is_not_saved_and_keeps_the_text(
    qtbot: QtBot, opened: tuple[MainWindow, OrganisationsPage]
) -> None:
    window, page = opened
    page.add(own=True)
    _settle(qtbot, window)
    page.editor.show_section("status")
    employees = _line(page, "status", "employees")
    _type(qtbot, employees, "twelve")
    _settle(qtbot, window)
    assert employees.line.text() == "twelve"
    assert page.editor.ensure_section("status").problems["employees"].isVisible()
    assert page.current_id is not None
    assert _db_profile(window, page.current_id).data.org["employees"] is None


def test_undo_and_redo_a_field_edit(
    qtbot: QtBot, opened: tuple[MainWindow, OrganisationsPage]
) -> None:
    window, page = opened
    page.add(own=True)
    _settle(qtbot, window)
    org_id = page.current_id
    assert org_id is not None
    name = _line(page, "identity", "legal_name")
    _type(qtbot, name, "Riverside Care CIC")
    _settle(qtbot, window)
    page.editor.sections.setFocus()  # Ctrl+Z in a text box is the text box's own undo
    window.undo_stack.undo()
    _settle(qtbot, window)
    assert name.line.text() == ""
    assert _db_profile(window, org_id).data.org["legal_name"] == ""
    window.undo_stack.redo()
    _settle(qtbot, window)
    assert name.line.text() == "Riverside Care CIC"
    assert _db_profile(window, org_id).data.org["legal_name"] == "Riverside Care CIC"


def test_undo_goes_to_the_organisation_it_changed(qtbot: QtBot, workspace_dir: Path) -> None:
    org_id = _seed(workspace_dir)
    window, page = _open(qtbot, workspace_dir)
    _type(qtbot, _line(page, "identity", "email"), "bids@riverside.org.uk")
    _settle(qtbot, window)
    other = next(i.id for i in page.model.items if i.id != org_id)
    page.select(other)
    _settle(qtbot, window)
    page.editor.sections.setFocus()
    window.undo_stack.undo()
    _settle(qtbot, window)
    assert page.current_id == org_id
    assert _line(page, "identity", "email").line.text() == ""
    window.close()


def _years(window: MainWindow, org_id: int) -> list[tuple[date, Decimal | None]]:
    rows = _db_profile(window, org_id).data.rows("financial_years")
    return [(r["year_end"], r["turnover"]) for r in rows]


def test_financial_years_add_move_remove_and_undo(qtbot: QtBot, workspace_dir: Path) -> None:
    org_id = _seed(workspace_dir)
    window, page = _open(qtbot, workspace_dir)
    page.editor.show_section("finance")
    table = page.editor.ensure_section("finance").table
    assert table is not None
    assert table.model.rowCount() == 2
    original = _years(window, org_id)

    table.view.selectRow(1)
    qtbot.mouseClick(table.up_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert _years(window, org_id) == original[::-1]
    window.undo_stack.undo()
    _settle(qtbot, window)
    assert _years(window, org_id) == original

    table.view.selectRow(1)
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert table.model.rowCount() == 3
    assert table.current_row() == 2
    new_id = table.model.rows[2]["id"]
    table.model.setData(table.model.index(2, 1), Decimal("750"))
    _settle(qtbot, window)
    assert _years(window, org_id)[2] == (None, Decimal("750"))

    table.view.selectRow(0)
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert _years(window, org_id) == [original[1], (None, Decimal("750"))]
    window.undo_stack.undo()  # the row comes back, with its values, in its place
    _settle(qtbot, window)
    assert _years(window, org_id) == [*original, (None, Decimal("750"))]
    assert table.model.rowCount() == 3

    window.undo_stack.undo()  # the turnover edit of the added row
    window.undo_stack.undo()  # the added row
    _settle(qtbot, window)
    assert _years(window, org_id) == original
    window.undo_stack.redo()
    window.undo_stack.redo()
    _settle(qtbot, window)
    assert _years(window, org_id) == [*original, (None, Decimal("750"))]
    assert new_id not in [r["id"] for r in table.model.rows]  # re-added with a new id
    window.close()


def test_completeness_meter_moves_when_a_field_is_filled(
    qtbot: QtBot, opened: tuple[MainWindow, OrganisationsPage]
) -> None:
    window, page = opened
    page.add(own=True)
    _settle(qtbot, window)
    before = page.editor.meter.bar.value()
    missing = len(page.editor.meter.missing)
    assert page.editor.meter.bar.format() == f"{before}% complete"
    _type(qtbot, _line(page, "identity", "legal_name"), "Riverside Care CIC")
    _settle(qtbot, window)
    assert page.editor.meter.bar.value() > before
    assert len(page.editor.meter.missing) == missing - 1
    assert page.editor.meter.button.text() == f"What's missing ({missing - 1})"


def test_missing_item_jumps_to_its_field(
    qtbot: QtBot, opened: tuple[MainWindow, OrganisationsPage]
) -> None:
    window, page = opened
    page.add(own=True)
    _settle(qtbot, window)
    dialog = page.editor.meter.show_missing()
    items = [dialog.list.item(i) for i in range(dialog.list.count())]
    target = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "registered_postcode")
    dialog.list.itemActivated.emit(target)
    assert page.editor.current_section() == "addresses"
    postcode = _line(page, "addresses", "registered_postcode")
    qtbot.waitUntil(postcode.line.hasFocus, timeout=2000)


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, opened: tuple[MainWindow, OrganisationsPage]
) -> None:
    window, page = opened
    page.add(own=True)
    _settle(qtbot, window)
    unnamed = []
    for widget in page.findChildren(QWidget):
        tabbable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if not (tabbable or isinstance(widget, QAbstractButton)) or isinstance(widget, QLabel):
            continue
        if isinstance(widget, FieldEditor) or widget.focusProxy() is not None:
            continue  # the focus goes to the named control inside
        if any(isinstance(a, QCalendarWidget | QComboBox | QLineEdit) for a in _ancestors(widget)):
            continue  # parts Qt builds inside a named control (calendar grid, combo popup...)
        if not widget.accessibleName().strip():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert unnamed == [], "\n".join(unnamed)


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def test_item_models_pass_the_model_tester(
    qtmodeltester: Any, qtbot: QtBot, workspace_dir: Path
) -> None:
    _seed(workspace_dir)
    window, page = _open(qtbot, workspace_dir)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    table = page.editor.ensure_section("finance").table
    assert table is not None
    qtmodeltester.check(table.model)
    window.close()


def test_read_only_workspace_disables_editing(qtbot: QtBot, workspace_dir: Path) -> None:
    _seed(workspace_dir)
    from bidkit.ui.app import build_window

    window: Any = build_window(workspace_dir, read_only=True)
    qtbot.addWidget(window)
    window.open_workspace()
    _settle(qtbot, window)
    page = window.pages["organisations"]
    assert page.current_id is not None
    assert not page.add_own.isEnabled()
    assert not page.action_export.isEnabled()
    assert _line(page, "identity", "legal_name").line.isReadOnly()
    window.close()


def test_export_and_import_a_profile(qtbot: QtBot, workspace_dir: Path, tmp_path: Path) -> None:
    org_id = _seed(workspace_dir)
    window, page = _open(qtbot, workspace_dir)
    target = tmp_path / "Riverside profile.json"
    page.run_export(org_id, target)
    _settle(qtbot, window)
    assert target.exists()
    page.run_import(target, False)
    _settle(qtbot, window)
    assert len(page.model.items) == 3
    assert page.current_id not in (None, org_id)
    window.close()


def test_exclusion_yes_reveals_details_and_undo_clears_it(
    qtbot: QtBot, opened: tuple[MainWindow, OrganisationsPage]
) -> None:
    window, page = opened
    page.add(own=True)
    _settle(qtbot, window)
    org_id = page.current_id
    assert org_id is not None
    page.editor.show_section("exclusions")
    panel = page.editor.ensure_section("exclusions").exclusions
    assert panel is not None
    answer = panel.answers["insolvency"]
    assert not answer.details.isVisibleTo(panel)
    qtbot.mouseClick(answer.applies.focus_widget(), Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert answer.details.isVisibleTo(panel)
    rows = {r["ground"]: r for r in _db_profile(window, org_id).data.rows("exclusions")}
    assert rows["insolvency"]["applies"] is True
    page.editor.sections.setFocus()
    window.undo_stack.undo()
    _settle(qtbot, window)
    rows = {r["ground"]: r for r in _db_profile(window, org_id).data.rows("exclusions")}
    assert rows["insolvency"]["applies"] is None
    assert not answer.details.isVisibleTo(panel)


def test_own_toggle_and_logo_are_undoable(
    qtbot: QtBot, opened: tuple[MainWindow, OrganisationsPage], tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QPixmap

    window, page = opened
    page.add(own=False)
    _settle(qtbot, window)
    org_id = page.current_id
    assert org_id is not None
    qtbot.mouseClick(page.editor.own, Qt.MouseButton.LeftButton)
    _settle(qtbot, window)
    assert _db_profile(window, org_id).own is True
    assert page.model.items[0].own
    window.undo_stack.undo()
    _settle(qtbot, window)
    assert _db_profile(window, org_id).own is False
    assert not page.editor.own.isChecked()

    image = QPixmap(40, 20)
    image.fill(QColor("#1a5f7a"))
    path = tmp_path / "logo.png"
    assert image.save(str(path))
    logo = page.editor.ensure_section("brand").logo
    assert logo is not None
    logo.chosen.emit(path)
    _settle(qtbot, window)
    _settle(qtbot, window)
    assert _db_profile(window, org_id).data.org["logo_filename"] == "logo.png"
    assert logo.name.text() == "logo.png"
    assert not logo.preview.pixmap().isNull()
    window.undo_stack.undo()
    _settle(qtbot, window)
    assert _db_profile(window, org_id).data.org["logo_filename"] == ""


def test_table_cells_are_edited_from_the_keyboard(qtbot: QtBot, workspace_dir: Path) -> None:
    org_id = _seed(workspace_dir)
    window, page = _open(qtbot, workspace_dir)
    page.editor.show_section("finance")
    table = page.editor.ensure_section("finance").table
    assert table is not None
    index = table.model.index(1, 1)  # turnover of the second year
    table.view.setFocus()
    table.view.setCurrentIndex(index)
    qtbot.keyClick(table.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "twelve")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert table.error.isVisibleTo(table)
    assert _years(window, org_id)[1][1] == Decimal("900")

    table.view.setCurrentIndex(index)
    qtbot.keyClick(table.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "£1,250.50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _settle(qtbot, window)
    assert not table.error.isVisibleTo(table)
    assert _years(window, org_id)[1][1] == Decimal("1250.50")
    assert table.model.data(index) == "£1,250.50"
    window.close()
