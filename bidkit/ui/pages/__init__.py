"""The main pages, and how the shell gets them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bidkit.ui.main_window import MainWindow


def install_pages(window: MainWindow) -> None:
    """Add every page to `window` and connect the window-wide requests pages make."""
    from bidkit.ui.demo import open_demo
    from bidkit.ui.pages.organisations import OrganisationsPage
    from bidkit.ui.pages.questionnaires import QuestionnairesPage
    from bidkit.ui.pages.welcome import WelcomePage

    window.add_page(WelcomePage(window.context), in_navigation=False)
    window.add_page(OrganisationsPage(window.context), shortcut="Ctrl+1")
    window.add_page(QuestionnairesPage(window.context), shortcut="Ctrl+2")
    window.signals.open_demo.connect(lambda: open_demo(window))
