"""A buyer's own Word questionnaire in the window: File ▸ Import buyer's questionnaire…, and
the review of what was detected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from bidkit.ui.main_window import MainWindow


def install_buyer_import(window: MainWindow) -> QAction:
    """Add "Import buyer's questionnaire…" to the File menu (on the bid the page shows)."""
    action = QAction(window.tr("Import b&uyer's questionnaire…"), window)
    action.setObjectName("importBuyerFormAction")
    action.setEnabled(False)

    def open_dialog() -> None:
        from bidkit.ui.buyer_forms.import_dialog import ImportBuyerFormDialog

        current = window.stack.currentWidget()
        bid_id = getattr(current, "bid_id", None)
        dialog = ImportBuyerFormDialog(
            window.context, bid_id if isinstance(bid_id, int) else None, window
        )
        dialog.show_questionnaire.connect(
            lambda bid: window.navigate("questionnaires", bid)  # the page shows it like any
        )
        dialog.open()

    action.triggered.connect(open_dialog)
    window.signals.workspace_opened.connect(
        lambda _info: action.setEnabled(not window.context.read_only)
    )
    menu = window.file_menu
    actions = menu.actions()
    menu.insertAction(actions[1] if len(actions) > 1 else None, action)  # type: ignore[arg-type]
    window.action_import_buyer_form = action  # type: ignore[attr-defined]
    return action
