"""The window as a user meets it: welcome, set-up wizard, About, second start, read-only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from bidkit import __version__

WindowFactory = Callable[..., Any]


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    """Window geometry goes to the test's folder, not the user's settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[WindowFactory]:
    """Build the real window on a folder, open its workspace and wait until it is idle."""
    from bidkit.ui.app import build_window

    windows: list[Any] = []

    def factory(root: Path, *, read_only: bool = False) -> Any:
        window = build_window(root, read_only=read_only)
        windows.append(window)
        window.show()
        window.open_workspace()
        wait_idle(qtbot, window)
        return window

    yield factory
    for window in windows:
        window.close()  # releases the workspace lock


def wait_idle(qtbot: QtBot, window: Any) -> None:
    qtbot.waitUntil(lambda: window.runner.workspace is not None and window.runner.pending == 0)


def run_on_worker(qtbot: QtBot, window: Any, job: Callable[[Any], Any]) -> Any:
    """Run `job` on the window's database worker and return its result."""
    results: list[Any] = []
    window.runner.run(job, results.append)
    qtbot.waitUntil(lambda: bool(results))
    return results[0]


def add_organisation(root: Path, name: str) -> None:
    """Give the workspace at `root` one organisation, leaving it closed (and unlocked)."""
    from bidkit.ops.organisations import create_organisation
    from bidkit.store.workspace import Workspace

    with Workspace.open(root) as ws:
        create_organisation(ws, name=name, own=True)


def test_empty_workspace_shows_the_welcome_page(
    open_window: WindowFactory, workspace_dir: Path
) -> None:
    window = open_window(workspace_dir)
    welcome = window.pages["welcome"]
    assert window.stack.currentWidget() is welcome
    assert welcome.setup_button.accessibleName() == "Set up my organisation"
    assert welcome.demo_button.accessibleName() == "Explore the demo"
    assert welcome.setup_button.isEnabled()
    assert "Welcome" in window.windowTitle()


def test_setup_wizard_creates_the_own_organisation(
    open_window: WindowFactory, workspace_dir: Path, qtbot: QtBot
) -> None:
    from bidkit.model.enums import LegalForm
    from bidkit.ops.organisations import list_organisations, load_profile

    window = open_window(workspace_dir)
    welcome = window.pages["welcome"]
    qtbot.mouseClick(welcome.setup_button, Qt.MouseButton.LeftButton)
    wizard = welcome.wizard
    assert isinstance(wizard, QWizard)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # the legal name is required

    name_page = wizard.name_page
    qtbot.keyClicks(name_page.name.edit, "Riverside Community Care CIC")
    assert next_button.isEnabled()
    name_page.legal_form.setCurrentIndex(name_page.legal_form.findData(LegalForm.CIC.value))
    wizard.next()

    registration = wizard.registration_page
    company = registration.fields["companies_house_number"]
    assert company.edit.isVisible()
    assert not registration.fields["fca_mutuals_number"].edit.isVisible()
    qtbot.keyClicks(company.edit, "1234")
    assert "8 digits" in company.message.text()  # warned, but still allowed
    company.edit.clear()
    qtbot.keyClicks(company.edit, "sc123456")
    assert not company.message.isVisible()
    wizard.next()

    contact = wizard.contact_page
    qtbot.keyClicks(contact.fields["registered_postcode"].edit, "m1 1ae")
    qtbot.keyClicks(contact.fields["email"].edit, "bids@riverside.example.org")
    wizard.accept()

    organisations = window.pages["organisations"]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is organisations)
    wait_idle(qtbot, window)
    summaries = run_on_worker(qtbot, window, list_organisations)
    assert [(s.name, s.own, s.legal_form) for s in summaries] == [
        ("Riverside Community Care CIC", True, "cic")
    ]
    profile = run_on_worker(qtbot, window, lambda ws: load_profile(ws, summaries[0].id))
    assert profile.data.org["companies_house_number"] == "SC123456"
    assert profile.data.org["registered_postcode"] == "M1 1AE"


def test_cancelling_the_wizard_creates_nothing(
    open_window: WindowFactory, workspace_dir: Path, qtbot: QtBot
) -> None:
    from bidkit.ops.organisations import organisation_count

    window = open_window(workspace_dir)
    welcome = window.pages["welcome"]
    welcome.start_setup()
    qtbot.keyClicks(welcome.wizard.name_page.name.edit, "Not this one")
    welcome.wizard.reject()
    wait_idle(qtbot, window)
    assert run_on_worker(qtbot, window, organisation_count) == 0
    assert window.stack.currentWidget() is welcome


def test_wizard_shows_the_registers_of_the_legal_form(qtbot: QtBot) -> None:
    from bidkit.model.enums import LegalForm
    from bidkit.ui.setup_wizard import RegistrationPage

    keys = RegistrationPage.relevant_keys
    page: Any = None
    assert keys(page, LegalForm.COOPERATIVE_SOCIETY) == {"fca_mutuals_number"}
    assert "companies_house_number" in keys(page, LegalForm.CHARITABLE_COMPANY)
    assert "charity_number_ew" in keys(page, LegalForm.CHARITABLE_COMPANY)
    assert keys(page, LegalForm.SOLE_TRADER) == set()


def test_about_dialog_shows_version_and_copies_details(workspace_dir: Path, qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    from bidkit.ui.about_dialog import AboutDialog

    dialog = AboutDialog(workspace_dir)
    qtbot.addWidget(dialog)
    assert dialog.title_label.text() == f"BidKit {__version__}"
    assert dialog.detail_labels["Workspace folder"].text() == str(workspace_dir)
    assert dialog.detail_labels["Log file"].text().endswith("bidkit.log")
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert f"BidKit: {__version__}" in copied
    assert "SQLite:" in copied
    assert str(workspace_dir) in copied


def test_second_start_finds_the_workspace_locked(workspace_dir: Path, qtbot: QtBot) -> None:
    from bidkit.errors import WorkspaceLocked
    from bidkit.paths import WorkspacePaths
    from bidkit.store.lock import WorkspaceLock
    from bidkit.ui.already_open_dialog import AlreadyOpenDialog

    lock_path = WorkspacePaths(workspace_dir).lock
    with WorkspaceLock(lock_path, kind="window"):
        with pytest.raises(WorkspaceLocked) as caught:
            WorkspaceLock(lock_path, kind="window").acquire()
        dialog = AlreadyOpenDialog(workspace_dir, caught.value)
        qtbot.addWidget(dialog)
        assert "already open" in dialog.text()
        assert dialog.raise_button.accessibleName() == "Switch to the open window"
        assert dialog.choice() == "cancel"
    with WorkspaceLock(lock_path) as again:  # free again once the first holder lets go
        assert again.held


def test_second_start_can_raise_the_open_window(workspace_dir: Path, qtbot: QtBot) -> None:
    from bidkit.ui.single_instance import InstanceServer, ask_to_raise

    workspace_dir.mkdir(parents=True)
    server = InstanceServer(workspace_dir)
    try:
        assert server.listening
        with qtbot.waitSignal(server.raise_requested, timeout=5000):
            assert ask_to_raise(workspace_dir)
        # Let the server finish with the connection before it goes away.
        qtbot.wait(100)
    finally:
        server.close()


def test_nobody_listening_means_raise_fails(workspace_dir: Path) -> None:
    from bidkit.ui.single_instance import ask_to_raise

    assert not ask_to_raise(workspace_dir / "nobody-here")


def test_read_only_window_shows_the_banner(
    open_window: WindowFactory, workspace_dir: Path, qtbot: QtBot
) -> None:
    add_organisation(workspace_dir, "Riverside Community Care CIC")
    window = open_window(workspace_dir, read_only=True)
    assert window.info.read_only
    assert window.banner.isVisible()
    assert window.banner.text().startswith("Read-only")
    assert window.stack.currentWidget() is window.pages["dashboard"]


def _interactive(widget: QWidget) -> bool:
    kinds = (
        QAbstractButton,
        QLineEdit,
        QTextEdit,
        QPlainTextEdit,
        QComboBox,
        QAbstractSpinBox,
        QAbstractItemView,
        QSlider,
        QTabBar,
    )
    if not isinstance(widget, kinds) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        return False
    # Parts of a compound control (a combo's line edit, a tab bar's scroll arrows) take the
    # name of the control they belong to.
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QMenu | QMenuBar | QComboBox | QAbstractSpinBox | QTabBar):
            return False
        ancestor = ancestor.parentWidget()
    return True


@pytest.mark.parametrize("with_data", [False, True], ids=["empty", "one-organisation"])
def test_every_control_has_an_accessible_name(
    open_window: WindowFactory, workspace_dir: Path, with_data: bool
) -> None:
    if with_data:
        add_organisation(workspace_dir, "Riverside Community Care CIC")
    window = open_window(workspace_dir)
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
        for w in window.findChildren(QWidget)
        if _interactive(w) and not w.accessibleName().strip()
    ]
    assert unnamed == []


def test_menus_and_about_action(open_window: WindowFactory, workspace_dir: Path) -> None:
    window = open_window(workspace_dir)
    menus = {action.text().replace("&", ""): action.menu() for action in window.menuBar().actions()}
    assert {"File", "Edit", "View", "Help"} <= set(menus)
    help_actions = [action.text().replace("&", "") for action in menus["Help"].actions()]
    assert "About BidKit" in help_actions
    view_actions = [action.text() for action in menus["View"].actions()]
    assert window.pages["organisations"].title in view_actions


def test_demo_folder_is_beside_the_workspace(tmp_path: Path) -> None:
    from bidkit.ui.demo import demo_workspace_dir

    root = tmp_path / "BidKit"
    assert demo_workspace_dir(root) == tmp_path / "BidKit-demo"
    assert demo_workspace_dir(tmp_path / "BidKit-demo") == tmp_path / "BidKit-demo"


def test_explore_the_demo_switches_to_its_own_workspace(
    open_window: WindowFactory, workspace_dir: Path, qtbot: QtBot
) -> None:
    pytest.importorskip("bidkit.ops.demo")
    from bidkit.ops.organisations import organisation_count
    from bidkit.store.workspace import Workspace
    from bidkit.ui.demo import demo_workspace_dir

    window = open_window(workspace_dir)
    welcome = window.pages["welcome"]
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    demo_root = demo_workspace_dir(workspace_dir)
    qtbot.waitUntil(
        lambda: window.info is not None and window.info.root == demo_root, timeout=20000
    )
    wait_idle(qtbot, window)
    assert run_on_worker(qtbot, window, organisation_count) > 0
    assert window.stack.currentWidget() is window.pages["dashboard"]
    window.close()
    with Workspace.open(workspace_dir) as ws:
        assert organisation_count(ws) == 0  # the user's own workspace is untouched


def test_a_first_window_fits_a_small_laptop_screen(qtbot: QtBot, workspace_dir: Path) -> None:
    from PySide6.QtCore import QSize

    from bidkit.ui.main_window import FRAME_ALLOWANCE, MainWindow, default_size

    small = default_size(QSize(1024, 700))
    assert small.width() + FRAME_ALLOWANCE.width() <= 1024
    assert small.height() + FRAME_ALLOWANCE.height() <= 700
    assert default_size(QSize(1920, 1080)) == QSize(1200, 780)
    window = MainWindow(workspace_dir)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry().size()
    assert window.width() <= free.width() and window.height() <= free.height()
