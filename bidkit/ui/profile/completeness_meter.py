"""How complete the profile is, and a list of what is missing that jumps to each gap."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from bidkit.profile.catalogue import SECTIONS_BY_KEY
from bidkit.profile.completeness import Completeness, Missing
from bidkit.ui.widgets import PushButton, push_button

_TARGET_ROLE = Qt.ItemDataRole.UserRole
_SECTION_ROLE = Qt.ItemDataRole.UserRole + 1


class MissingDialog(QDialog):
    """The facts a questionnaire will ask for that the profile does not have yet."""

    jump_requested = Signal(str, str)  # section key, field or table key

    def __init__(self, missing: tuple[Missing, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("What's missing"))
        self.setMinimumSize(520, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Double-click an item, or select it and press Enter, to go to it."), self
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Missing items"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for item in missing:
            section = SECTIONS_BY_KEY[item.section].label
            entry = QListWidgetItem(f"{section}: {item.message}")
            entry.setData(_TARGET_ROLE, item.target)
            entry.setData(_SECTION_ROLE, item.section)
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._activate)
        layout.addWidget(self.list, 1)
        # Not a default button (Enter in the list goes to the item), yet Enter on the focused
        # Close button closes.
        buttons = QDialogButtonBox(self)
        close = push_button(self, self.tr("Close"))
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.close_button = close
        layout.addWidget(buttons)

    def _activate(self, item: QListWidgetItem) -> None:
        self.jump_requested.emit(item.data(_SECTION_ROLE), item.data(_TARGET_ROLE))
        self.accept()


class CompletenessMeter(QWidget):
    """A progress bar ("78% complete") and a "What's missing (N)" button."""

    jump_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setAccessibleName(self.tr("Profile completeness"))
        self.bar.setMinimumWidth(180)
        self.button = PushButton(self)
        self.button.setAccessibleName(self.tr("What's missing"))
        self.button.clicked.connect(self.show_missing)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.button)
        self._missing: tuple[Missing, ...] = ()
        self.set_completeness(None)

    def set_completeness(self, completeness: Completeness | None) -> None:
        if completeness is None:
            self.bar.setValue(0)
            self.bar.setFormat("")
            self._missing = ()
        else:
            percent = round(completeness.fraction * 100)
            self.bar.setValue(percent)
            self.bar.setFormat(self.tr("{percent}% complete").format(percent=percent))
            self._missing = completeness.missing
        count = len(self._missing)
        self.button.setText(self.tr("What's missing ({count})").format(count=count))
        self.button.setEnabled(count > 0)
        self.bar.setAccessibleDescription(self.bar.format())

    @property
    def missing(self) -> tuple[Missing, ...]:
        return self._missing

    def show_missing(self) -> MissingDialog:
        dialog = MissingDialog(self._missing, self)
        dialog.jump_requested.connect(self.jump_requested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
