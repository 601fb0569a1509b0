"""Date fields that take what people type: a deadline in UK time, or a day.

A sectioned `QDateTimeEdit` turns a typed "15/03/2027 12:00" into 15/01/2027 20:27 (the typed
"/" skips the month section), so these are plain line edits read by `bidkit.profile.values`,
with a calendar button. While the field has focus nothing rewrites the text, so the cursor and
undo stay as the user left them; when focus leaves, a readable value is shown in its usual
form and one that cannot be read is explained under the field and not saved.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from bidkit.profile.values import (
    Moment,
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
    uk_wall_time,
)


class _Line(QLineEdit):
    """A line edit that tells its field when focus leaves, to tidy the text then."""

    def __init__(self, field: _TypedDateField) -> None:
        super().__init__(field)
        self._field = field

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._field.tidy()


class _TypedDateField(QWidget):
    """A line edit, a calendar button and a message line under them."""

    #: A new value was committed (Enter, focus leaving or a calendar pick); never for text
    #: that cannot be read, and never when the value is unchanged.
    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None, *, optional: bool) -> None:
        super().__init__(parent)
        self.name = name
        self.optional = optional
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = _Line(self)
        self.edit.setAccessibleName(name)
        self.edit.setClearButtonEnabled(optional)
        self.calendar_button = self._calendar_button()
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        outer.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("{name}: message").format(name=name))
        self.message.hide()
        outer.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._commit)
        self.edit.textEdited.connect(self._on_edited)
        self._shown = ""

    # -- reading and checking --------------------------------------------------------------
    def _read(self, text: str) -> object:
        raise TypeError(f"{type(self).__name__} must define _read()")

    def _format(self, value: object) -> str:
        raise TypeError(f"{type(self).__name__} must define _format()")

    def _empty_message(self) -> str:
        raise TypeError(f"{type(self).__name__} must define _empty_message()")

    def _parsed(self) -> object:
        """The value typed (None for an empty optional field); raises ValueError if unusable."""
        text = self.edit.text().strip()
        if not text:
            if self.optional:
                return None
            raise ValueError(self._empty_message())
        return self._read(text)

    def is_valid(self) -> bool:
        try:
            self._parsed()
        except ValueError:
            return False
        return True

    def check(self) -> bool:
        """Whether the text can be used; if not, say why under the field (dialogs call this)."""
        try:
            value = self._parsed()
        except ValueError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(self._note(value), error=False)
        return True

    def _note(self, value: object) -> str:
        return ""

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setProperty("role", "error" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self._fit_message()
        self.edit.setToolTip(text if error else self._tooltip())
        self.edit.setAccessibleDescription(text if error else "")

    def _tooltip(self) -> str:
        return ""

    def _fit_message(self) -> None:
        # Form layouts size a row before a wrapped label knows its width; ask for the height
        # the text needs at the field's width, so the whole explanation shows.
        needed = self.message.heightForWidth(max(self.width(), 200)) if self.message.text() else 0
        self.message.setMinimumHeight(max(needed, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.message.isVisible():
            self._fit_message()

    def touched(self) -> bool:
        """Whether the field holds something other than what was last shown or committed."""
        text = self.edit.text().strip()
        if text == self._shown:
            return False
        try:
            value = self._parsed()
        except ValueError:
            return True
        return ("" if value is None else self._format(value)) != self._shown

    # -- committing ------------------------------------------------------------------------
    def _on_edited(self, _text: str) -> None:
        if self.message.property("role") == "error":
            self._say("", error=False)  # the complaint is about text no longer there

    def _commit(self) -> None:
        if not self.check():
            return
        if not self.edit.hasFocus():
            self.tidy()
        if self.touched():
            value = self._parsed()
            self.changed.emit()  # listeners may still ask `touched()`
            self._shown = "" if value is None else self._format(value)

    def tidy(self) -> None:
        """Show a readable value in its usual form (only once focus has left)."""
        try:
            value = self._parsed()
        except ValueError:
            return
        text = "" if value is None else self._format(value)
        if text != self.edit.text():
            self.edit.setText(text)

    def _show_text(self, text: str) -> None:
        """Show a saved value, unless the user is typing in the field: what they typed, the
        cursor and undo stay until focus leaves (even after Enter saved it)."""
        typing = self.edit.hasFocus() and (self.edit.isModified() or self.touched())
        self._shown = text
        if not typing and self.edit.text() != text:
            self.edit.setText(text)
            self._say("", error=False)

    # -- the calendar ----------------------------------------------------------------------
    def _calendar_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setText("▾")
        button.setToolTip(self.tr("Choose the date from a calendar"))
        button.setAccessibleName(self.tr("Calendar for {name}").format(name=self.name))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setAccessibleName(self.tr("Calendar"))
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # Inside a menu the calendar would be squeezed until day names read "...".
        self.calendar.setMinimumSize(self.calendar.sizeHint().expandedTo(QSize(340, 200)))
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar.activated.connect(lambda picked: self._pick(picked, menu))
        self.calendar.clicked.connect(lambda picked: self._pick(picked, menu))
        button.setMenu(menu)
        return button

    def _typed_day(self) -> date | None:
        raise TypeError(f"{type(self).__name__} must define _typed_day()")

    def _prepare_calendar(self) -> None:
        day = self._typed_day() or date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _text_for_day(self, day: date) -> str:
        raise TypeError(f"{type(self).__name__} must define _text_for_day()")

    def _pick(self, picked: QDate, menu: QMenu) -> None:
        menu.close()
        # Replace the text as one undoable edit, so Ctrl+Z brings back what was typed.
        self.edit.selectAll()
        self.edit.insert(self._text_for_day(date(picked.year(), picked.month(), picked.day())))
        self.edit.setFocus()
        self._commit()


class MomentEdit(_TypedDateField):
    """A date and time in UK time, or a day alone (meaning the end of that day)."""

    def __init__(self, name: str, parent: QWidget | None = None, *, optional: bool = True) -> None:
        super().__init__(name, parent, optional=optional)
        self.edit.setPlaceholderText(self.tr("dd/mm/yyyy hh:mm, or a date for the end of the day"))
        self.edit.setToolTip(self._tooltip())

    def _tooltip(self) -> str:
        return self.tr(
            "UK time. Type 15/03/2027 12:00, 15/3/27 5pm or 2027-03-15 12:00; a date alone "
            "means the end of that day."
        )

    def _read(self, text: str) -> Moment:
        return parse_datetime(text)

    def _format(self, value: object) -> str:
        assert isinstance(value, Moment)
        return format_datetime(value.at, all_day=value.all_day)

    def _note(self, value: object) -> str:
        return value.note if isinstance(value, Moment) else ""

    def _empty_message(self) -> str:
        return self.tr("Enter the date and time, such as 15/03/2027 12:00.")

    def _typed_day(self) -> date | None:
        try:
            moment = self._parsed()
        except ValueError:
            return None
        return uk_wall_time(moment.at).date() if isinstance(moment, Moment) else None

    def _text_for_day(self, day: date) -> str:
        """The picked day, keeping a time already typed (a day alone stays a day alone)."""
        try:
            moment = self._parsed()
        except ValueError:
            moment = None
        if isinstance(moment, Moment) and not moment.all_day:
            local = uk_wall_time(moment.at)
            return f"{format_date(day)} {local.hour:02d}:{local.minute:02d}"
        return format_date(day)

    def set_value(self, moment: datetime | None, all_day: bool) -> None:
        """Show a saved moment (empty for none) without emitting `changed`."""
        self._show_text("" if moment is None else format_datetime(moment, all_day=all_day))

    def value(self) -> tuple[datetime | None, bool]:
        """The moment typed, in UTC, and whether it was a day alone; (None, False) when empty.

        Raises ValueError for text that cannot be used: call `check()` first.
        """
        moment = self._parsed()
        if moment is None:
            return None, False
        assert isinstance(moment, Moment)
        return moment.at, moment.all_day


class DayEdit(_TypedDateField):
    """A calendar day typed the UK way (31/03/2027, 31 March 2027, 2027-03-31)."""

    def __init__(self, name: str, parent: QWidget | None = None, *, optional: bool = True) -> None:
        super().__init__(name, parent, optional=optional)
        self.edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.edit.setToolTip(self._tooltip())

    def _tooltip(self) -> str:
        return self.tr("Day first: 31/03/2027, 31/3/27 or 31 March 2027.")

    def _read(self, text: str) -> date:
        return parse_date(text, short_year=True)

    def _format(self, value: object) -> str:
        assert isinstance(value, date)
        return format_date(value)

    def _empty_message(self) -> str:
        return self.tr("Enter the date, such as 31/03/2027.")

    def _typed_day(self) -> date | None:
        try:
            day = self._parsed()
        except ValueError:
            return None
        return day if isinstance(day, date) else None

    def _text_for_day(self, day: date) -> str:
        return format_date(day)

    def set_value(self, day: date | None) -> None:
        """Show a saved day (empty for none) without emitting `changed`."""
        self._show_text("" if day is None else format_date(day))

    def value(self) -> date | None:
        """The day typed; None when empty. Raises ValueError for unusable text (see `check`)."""
        day = self._parsed()
        assert day is None or isinstance(day, date)
        return day
