"""Choosing the file a profile is imported from or exported to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProfileFiles", text)


def ask_import(parent: QWidget) -> tuple[Path, bool] | None:
    """The profile file to import and whether it is the user's own organisation."""
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Import a profile"), str(Path.home()), _tr("Profiles (*.json)")
    )
    if not path:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Import profile"),
        _tr("Is this your own organisation or a partner?"),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    own = box.addButton(_tr("My organisation"), QMessageBox.ButtonRole.YesRole)
    partner = box.addButton(_tr("A partner"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(partner)
    box.exec()
    clicked = box.clickedButton()
    if clicked not in (own, partner):
        return None
    return Path(path), clicked is own


def ask_export_target(parent: QWidget, name: str) -> Path | None:
    """Where to write an organisation's profile; suggests "<name> profile.json"."""
    default = Path.home() / _tr("{name} profile.json").format(name=file_safe(name))
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Export profile"), str(default), _tr("Profiles (*.json)")
    )
    if not path:
        return None
    target = Path(path)
    return target if target.suffix else target.with_suffix(".json")


def file_safe(name: str) -> str:
    """A file name made from an organisation's name (no path separators or reserved marks)."""
    cleaned = "".join("-" if c in '\\/:*?"<>|' else c for c in name).strip(" .")
    return cleaned or "Organisation"
