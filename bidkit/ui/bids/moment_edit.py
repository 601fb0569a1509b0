"""A date and time in UK time, or a day alone (meaning the end of that day)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QWidget

from bidkit.ui.bids.format import from_qdatetime, to_qdatetime


class MomentEdit(QWidget):
    """Date and time editor with an "end of day" choice for deadlines given as a day."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateTimeEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.edit.setAccessibleName(name)
        self.edit.setToolTip(self.tr("UK time"))
        self.all_day = QCheckBox(self.tr("Day only (end of day)"), self)
        self.all_day.setAccessibleName(self.tr("{name}: day only, end of day").format(name=name))
        self.all_day.toggled.connect(self._on_all_day)
        self.edit.editingFinished.connect(self.changed.emit)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.all_day)
        self.setFocusProxy(self.edit)
        self._shown: tuple[QDateTime, bool] | None = None

    def _on_all_day(self, checked: bool) -> None:
        self.edit.setDisplayFormat("dd/MM/yyyy" if checked else "dd/MM/yyyy HH:mm")
        self.changed.emit()

    def set_value(self, moment: datetime | None, all_day: bool) -> None:
        self.blockSignals(True)
        self.all_day.setChecked(all_day)
        self.edit.setDisplayFormat("dd/MM/yyyy" if all_day else "dd/MM/yyyy HH:mm")
        self.edit.setDateTime(to_qdatetime(moment))
        self._shown = (self.edit.dateTime(), all_day)
        self.blockSignals(False)

    def touched(self) -> bool:
        """Whether the user changed what `set_value` showed (an empty date shows "now")."""
        return (self.edit.dateTime(), self.all_day.isChecked()) != self._shown

    def value(self) -> tuple[datetime, bool]:
        all_day = self.all_day.isChecked()
        return from_qdatetime(self.edit.dateTime(), all_day), all_day
