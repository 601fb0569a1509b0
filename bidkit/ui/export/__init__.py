"""Export a bid as Word or PDF: the File-menu action and its dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from bidkit.ui.main_window import MainWindow


def install_export(window: MainWindow) -> QAction:
    """Add "Export bid…" to the File menu; it opens on the bid the current page shows."""
    action = QAction(window.tr("&Export bid…"), window)
    action.setObjectName("exportBidAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+E"))
    action.setEnabled(False)

    def open_dialog() -> None:
        from bidkit.ui.export.export_dialog import ExportDialog

        current = window.stack.currentWidget()
        bid_id = getattr(current, "bid_id", None)
        dialog = ExportDialog(window.context, bid_id if isinstance(bid_id, int) else None, window)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.signals.workspace_opened.connect(lambda _info: action.setEnabled(True))
    menu = window.file_menu
    if menu.actions():
        menu.insertAction(menu.actions()[0], action)
    else:
        menu.addAction(action)
    window.action_export = action  # type: ignore[attr-defined]
    return action
