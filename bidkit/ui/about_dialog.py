"""About BidKit: version, licence, and the details a support email needs."""

from __future__ import annotations

import platform
import sqlite3
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bidkit import APP_NAME, __version__
from bidkit.applog import log_file_for

LICENCE = "GPL-3.0-or-later"
ICON_SIZE = 64


class AboutDialog(QDialog):
    def __init__(self, workspace_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About BidKit"))
        self.setAccessibleName(self.tr("About BidKit"))
        self.workspace_root = workspace_root
        self.log_file = log_file_for(workspace_root)

        icon = QLabel(self)
        icon.setAccessibleName(self.tr("BidKit icon"))
        pixmap = self._icon()
        if pixmap is not None:
            icon.setPixmap(pixmap)
        self.title_label = QLabel(f"{APP_NAME} {__version__}", self)
        self.title_label.setObjectName("aboutTitle")
        self.title_label.setAccessibleName(self.tr("Name and version"))
        purpose = QLabel(
            self.tr(
                "Offline bid preparation for UK charities, co-operatives and social enterprises."
            ),
            self,
        )
        purpose.setWordWrap(True)
        purpose.setAccessibleName(self.tr("Purpose"))
        licence = QLabel(
            self.tr(
                "Free software under the GNU General Public License, version 3 or later "
                "({licence})."
            ).format(licence=LICENCE),
            self,
        )
        licence.setWordWrap(True)
        licence.setAccessibleName(self.tr("Licence"))

        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.title_label)
        heading.addWidget(purpose)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.details: list[tuple[str, str]] = [
            (self.tr("BidKit"), __version__),
            (self.tr("Python"), platform.python_version()),
            (self.tr("Qt"), qVersion()),
            (self.tr("PySide6"), PySide6.__version__),
            (self.tr("SQLite"), sqlite3.sqlite_version),
            (self.tr("System"), platform.platform(terse=True)),
            (self.tr("Workspace folder"), str(workspace_root)),
            (self.tr("Log file"), str(self.log_file)),
        ]
        self.detail_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name, value in self.details[1:]:
            label = QLabel(value, self)
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            label.setWordWrap(True)
            label.setAccessibleName(name)
            caption = QLabel(self.tr("{name}:").format(name=name), self)
            caption.setBuddy(label)
            form.addRow(caption, label)
            self.detail_labels[name] = label

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        self.copy_button.setToolTip(self.tr("Copy these details, to paste into a support email"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_details)
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.setInterval(2000)
        self._copied_timer.timeout.connect(
            lambda: self.copy_button.setText(self.tr("&Copy details"))
        )
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.close_button = close

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(licence)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _icon(self) -> QPixmap | None:
        try:
            from bidkit.resources import resource_path

            path = resource_path("icons", "bidkit.png")
        except RuntimeError:
            return None
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            return None
        return pixmap.scaled(
            ICON_SIZE,
            ICON_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )

    def details_text(self) -> str:
        """The details as plain text, one per line."""
        return "\n".join(f"{name}: {value}" for name, value in self.details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Copied"))
        self._copied_timer.start()
