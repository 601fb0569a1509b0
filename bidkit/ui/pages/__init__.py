"""The main pages, and how the shell gets them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bidkit.ui.context import Page
    from bidkit.ui.main_window import MainWindow


def install_pages(window: MainWindow) -> None:
    """Add every page to `window` and connect the window-wide requests pages make."""
    from bidkit.ui.buyer_forms import install_buyer_import
    from bidkit.ui.demo import open_demo
    from bidkit.ui.export import install_export
    from bidkit.ui.pages import file_menus
    from bidkit.ui.pages.dashboard import DashboardPage
    from bidkit.ui.pages.welcome import WelcomePage

    window.add_page(WelcomePage(window.context), in_navigation=False)
    window.add_page(DashboardPage(window.context), shortcut="Ctrl+0")
    # The other pages are built, and their code imported, when first shown (the Bids page's
    # code brings the questionnaire engine with it); their File menu entries are there from the
    # start, and using one builds its page.
    window.add_lazy_page(
        "organisations",
        window.tr("Organisations"),
        lambda: _organisations_page(window),
        shortcut="Ctrl+1",
        file_entries=file_menus.ORGANISATIONS,
    )
    window.add_lazy_page(
        "questionnaires",
        window.tr("Questionnaires"),
        lambda: _questionnaires_page(window),
        shortcut="Ctrl+2",
    )
    window.add_lazy_page(
        "library", window.tr("Evidence library"), lambda: _library_page(window),
        shortcut="Ctrl+3", file_entries=file_menus.LIBRARY,
    )  # fmt: skip
    window.add_lazy_page(
        "bids", window.tr("Bids"), lambda: _bids_page(window), shortcut="Ctrl+4",
        file_entries=file_menus.BIDS,
    )  # fmt: skip
    install_reminders(window)
    window.signals.open_demo.connect(lambda: open_demo(window))
    install_export(window)
    install_buyer_import(window)


def _organisations_page(window: MainWindow) -> Page:
    from bidkit.ui.pages.organisations import OrganisationsPage

    return OrganisationsPage(window.context)


def _questionnaires_page(window: MainWindow) -> Page:
    from bidkit.ui.pages.questionnaires import QuestionnairesPage

    return QuestionnairesPage(window.context)


def _library_page(window: MainWindow) -> Page:
    from bidkit.ui.pages.library import LibraryPage

    return LibraryPage(window.context)


def _bids_page(window: MainWindow) -> Page:
    from bidkit.ui.pages.bids import BidsPage

    return BidsPage(window.context)


def install_reminders(window: MainWindow) -> None:
    """The reminder bar above the pages, and the watcher that fills it (and the tray)."""
    from PySide6.QtWidgets import QVBoxLayout

    from bidkit.ui.bids.reminders import ReminderBar, ReminderWatcher

    bar = ReminderBar(window.context, window)
    body = window.centralWidget()
    layout = body.layout() if body is not None else None
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(1, bar)  # under the workspace notice, above the pages
    watcher = ReminderWatcher(window.context, window)  # kept alive by its parent
    watcher.announced.connect(bar.show_reminders)
