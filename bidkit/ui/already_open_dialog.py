"""Told when the workspace is already open in another BidKit: bring it forward or read-only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from bidkit.errors import WorkspaceLocked


class AlreadyOpenDialog(QMessageBox):
    def __init__(self, root: Path, error: WorkspaceLocked, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("BidKit is already open"))
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(self.tr("This workspace is already open in another BidKit window."))
        self.setInformativeText(
            self.tr(
                "Only one window can change a workspace at a time, so that nothing is "
                "overwritten. Switch to that window, or open this one read-only to look "
                "without changing anything.\n\nWorkspace: {root}"
            ).format(root=root)
        )
        self.setDetailedText(error.message)
        self.raise_button = self.addButton(
            self.tr("Switch to the open window"), QMessageBox.ButtonRole.AcceptRole
        )
        self.read_only_button = self.addButton(
            self.tr("Open read-only"), QMessageBox.ButtonRole.ActionRole
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.raise_button.setAccessibleName(self.tr("Switch to the open window"))
        self.read_only_button.setAccessibleName(self.tr("Open read-only"))
        self.setDefaultButton(self.raise_button)

    def choice(self) -> str:
        clicked = self.clickedButton()
        if clicked is self.raise_button:
            return "raise"
        if clicked is self.read_only_button:
            return "read_only"
        return "cancel"


def resolve_already_open(root: Path, error: WorkspaceLocked) -> str:
    """Ask the user; "raise" also asks the other window to come forward."""
    from bidkit.ui.single_instance import ask_to_raise

    dialog = AlreadyOpenDialog(root, error)
    dialog.exec()
    choice = dialog.choice()
    if choice == "raise" and not ask_to_raise(root):
        QMessageBox.information(
            None,
            dialog.tr("BidKit is already open"),
            dialog.tr(
                "The other BidKit window could not be reached. It may be on another "
                "desktop or belong to another user. Close it, then open BidKit again."
            ),
        )
    return choice
