"""One editor widget per kind of profile field, shared by the section forms and the row tables.

Each editor shows a typed value, turns what the user typed back into a typed value and says
what is wrong with it. In a form (`cell=False`) an editor saves by itself: text is saved by a
`SaveTimer` (after a short pause, and at least once a second while typing goes on) and at once
on Enter or when focus leaves; other kinds save on every change. In a table cell the delegate
reads `value()` when the cell closes.
Text that cannot be read (money "twelve") is never saved: the editor keeps it and reports.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from bidkit.profile.catalogue import FieldSpec
from bidkit.profile.validation import format_date
from bidkit.ui.profile.field_text import display_text, parse_text, value_problem
from bidkit.ui.save_timer import DEBOUNCE_MS, SaveTimer

__all__ = ["DEBOUNCE_MS", "FieldEditor", "LineFieldEditor", "MultilineFieldEditor", "make_editor"]


class FieldEditor(QWidget):
    """Base of the editors: a typed value in, `edited(old, new)` out, problems reported."""

    #: The user changed the value: (value before, new value). Only emitted in forms.
    edited = Signal(object, object)
    #: What is wrong with the value on screen ("" when nothing is).
    problem_changed = Signal(str)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, cell: bool = False):
        super().__init__(parent)
        self.spec = spec
        self.cell = cell
        self.saved: Any = None
        self._dirty = False
        #: Saves typing in a form (the text editors start it; cells and choices never do).
        self.timer = SaveTimer(self)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)

    # -- overridden by each kind --------------------------------------------------------------
    # (Qt's metaclass rules out abc.ABC here, so a kind that forgets one fails loudly.)
    def value(self) -> Any:
        """The value on screen; raises ValueError when the text cannot be read."""
        raise TypeError(f"{type(self).__name__} must define value()")

    def show_value(self, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} must define show_value()")

    def focus_widget(self) -> QWidget:
        return self

    def set_read_only(self, read_only: bool) -> None:
        self.focus_widget().setEnabled(not read_only)

    # -- shared behaviour ---------------------------------------------------------------------
    def set_value(self, value: Any, *, force: bool = False) -> None:
        """Show a saved value, unless the user has unsaved typing in this editor.

        When the screen already reads as `value` (the editor's own save coming back, perhaps
        without a trailing space the user has just typed) the text is left exactly as it is:
        replacing it would move the cursor, drop that space and clear the field's undo.
        """
        if self._dirty and not force:
            return
        self._dirty = False
        self.timer.stop()
        self.saved = value
        if force or not self.shows(value):
            self.show_value(value)
        self.problem_changed.emit(value_problem(self.spec, value) or "")

    def shows(self, value: Any) -> bool:
        """Whether what is on screen reads as `value`."""
        try:
            return bool(self.value() == value)
        except ValueError:
            return False

    def is_dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        self._dirty = True

    def commit(self) -> None:
        """Save what is on screen if it can be read and differs from the saved value."""
        if self.cell or not self._dirty:
            return
        try:
            value = self.value()
        except ValueError as exc:
            self.problem_changed.emit(str(exc))
            self.timer.hold()  # kept on screen, unsaved, until corrected
            return
        self.timer.stop()
        self._dirty = False
        self.problem_changed.emit(value_problem(self.spec, value) or "")
        if value != self.saved:
            old, self.saved = self.saved, value
            self.edited.emit(old, value)

    def flush(self) -> None:
        self.commit()

    def focus_editor(self) -> None:
        widget = self.focus_widget()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_accessible(self, name: str, description: str = "") -> None:
        widget = self.focus_widget()
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)
        self.setFocusProxy(widget)


class _CommitOnFocusOut(QObject):
    """Saves a text editor when it loses focus."""

    def __init__(self, editor: FieldEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            self.editor.commit()
        return False


class LineFieldEditor(FieldEditor):
    """Single-line text, money, count and date (with a calendar button)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, cell: bool = False):
        super().__init__(spec, parent, cell=cell)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(spec.example or self._example_text())
        self.layout_.addWidget(self.line, 1)
        self.timer.timeout.connect(self._save_after_pause)
        self._reformatting = False
        self.line.textEdited.connect(self._on_typed)
        self.line.returnPressed.connect(self.commit)
        self.line.installEventFilter(_CommitOnFocusOut(self))
        if spec.kind in ("money", "count"):
            self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.calendar_button: QToolButton | None = None
        if spec.kind == "date":
            self._add_calendar()

    def _example_text(self) -> str:
        return {
            "date": self.tr("dd/mm/yyyy"),
            "money": self.tr("£0.00"),
            "count": self.tr("0"),
        }.get(self.spec.kind, "")

    def _add_calendar(self) -> None:
        button = QToolButton(self)
        button.setText("▾")
        button.setToolTip(self.tr("Choose the date from a calendar"))
        button.setAccessibleName(self.tr("Calendar for {label}").format(label=self.spec.label))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setAccessibleName(self.tr("Calendar"))
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar.activated.connect(lambda d: self._pick(d, menu))
        self.calendar.clicked.connect(lambda d: self._pick(d, menu))
        button.setMenu(menu)
        self.layout_.addWidget(button)
        self.calendar_button = button

    def _prepare_calendar(self) -> None:
        try:
            current = self.value()
        except ValueError:
            current = None
        shown = current if isinstance(current, date) else date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _pick(self, picked: QDate, menu: QMenu) -> None:
        menu.close()
        self.line.setText(format_date(date(picked.year(), picked.month(), picked.day())))
        self._dirty = True
        self.commit()
        self.line.setFocus()

    def _on_typed(self, _text: str) -> None:
        if self._reformatting:
            return
        self._dirty = True
        if not self.cell:
            self.timer.start()

    def _save_after_pause(self) -> None:
        """Save what is typed so far; the text stays as typed (the user may go on typing)."""
        super().commit()

    def commit(self) -> None:
        """Save on Enter or on leaving the field, then show the value in its usual form."""
        self.timer.stop()
        super().commit()
        if not self._dirty and not self.cell:
            # £1,200.00, 01/04/2025; replaced as an edit, so Ctrl+Z brings back the typing.
            shown = display_text(self.spec, self.saved)
            if self.spec.kind in ("money", "count", "date") and self.line.text() != shown:
                self._reformatting = True
                try:
                    self.line.selectAll()
                    self.line.insert(shown)
                finally:
                    self._reformatting = False

    def value(self) -> Any:
        return parse_text(self.spec, self.line.text())

    def show_value(self, value: Any) -> None:
        text = display_text(self.spec, value)
        if self.line.text() != text:
            position = self.line.cursorPosition()
            self.line.setText(text)
            if self.line.hasFocus():
                self.line.setCursorPosition(min(position, len(text)))

    def focus_widget(self) -> QWidget:
        return self.line

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        if self.calendar_button is not None:
            self.calendar_button.setEnabled(not read_only)


class MultilineFieldEditor(FieldEditor):
    """Several lines of text; grows with its contents up to about a dozen lines."""

    MIN_LINES = 3
    MAX_LINES = 12

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, cell: bool = False):
        super().__init__(spec, parent, cell=cell)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(spec.example)
        self.layout_.addWidget(self.text, 1)
        self.timer.timeout.connect(self.commit)
        self.text.textChanged.connect(self._on_changed)
        self.text.installEventFilter(_CommitOnFocusOut(self))
        self._showing = False
        self._fit_height()

    def _on_changed(self) -> None:
        self._fit_height()
        if self._showing:
            return
        self._dirty = True
        if not self.cell:
            self.timer.start()

    def _fit_height(self) -> None:
        if self.cell:
            return
        metrics = QFontMetrics(self.text.font())
        lines = max(self.MIN_LINES, min(self.MAX_LINES, self.text.document().lineCount() + 1))
        margins = self.text.contentsMargins()
        frame = 2 * self.text.frameWidth() + margins.top() + margins.bottom() + 8
        self.text.setFixedHeight(lines * metrics.lineSpacing() + frame)

    def commit(self) -> None:
        self.timer.stop()
        super().commit()

    def value(self) -> Any:
        return parse_text(self.spec, self.text.toPlainText())

    def show_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.text.toPlainText() != text:
            self._showing = True
            cursor = self.text.textCursor().position()
            self.text.setPlainText(text)
            if self.text.hasFocus():
                c = self.text.textCursor()
                c.setPosition(min(cursor, len(text)))
                self.text.setTextCursor(c)
            self._showing = False

    def focus_widget(self) -> QWidget:
        return self.text

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)


class ChoiceFieldEditor(FieldEditor):
    """One of a fixed list, with "—" for "not chosen yet"."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, cell: bool = False):
        super().__init__(spec, parent, cell=cell)
        self.combo = QComboBox(self)
        self.combo.addItem("—", None)
        assert spec.choices is not None
        for value, label in spec.choices.choices():
            self.combo.addItem(label, value)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(18)
        self.layout_.addWidget(self.combo, 1)
        self.combo.activated.connect(self._on_activated)

    def _on_activated(self, _index: int) -> None:
        self._dirty = True
        self.commit()

    def value(self) -> Any:
        return self.combo.currentData()

    def show_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def focus_widget(self) -> QWidget:
        return self.combo


class BoolFieldEditor(FieldEditor):
    """A tick box whose text is the field's label."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, cell: bool = False):
        super().__init__(spec, parent, cell=cell)
        self.box = QCheckBox(spec.label, self)
        self.layout_.addWidget(self.box, 1)
        self.box.clicked.connect(self._on_clicked)

    def _on_clicked(self, _checked: bool) -> None:
        self._dirty = True
        self.commit()

    def value(self) -> Any:
        return self.box.isChecked()

    def show_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def focus_widget(self) -> QWidget:
        return self.box


class YesNoFieldEditor(FieldEditor):
    """Yes or No radio buttons; neither is ticked until the question is answered."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, cell: bool = False):
        super().__init__(spec, parent, cell=cell)
        self.yes = QRadioButton(self.tr("Yes"), self)
        self.no = QRadioButton(self.tr("No"), self)
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        self.layout_.addWidget(self.yes)
        self.layout_.addWidget(self.no)
        self.layout_.addStretch(1)
        self.group.buttonClicked.connect(self._on_clicked)

    def _on_clicked(self, _button: object) -> None:
        self._dirty = True
        self.commit()

    def value(self) -> Any:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def show_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.group.setExclusive(True)

    def focus_widget(self) -> QWidget:
        return self.yes

    def set_accessible(self, name: str, description: str = "") -> None:
        self.yes.setAccessibleName(self.tr("{label}: yes").format(label=name))
        self.no.setAccessibleName(self.tr("{label}: no").format(label=name))
        if description:
            self.yes.setAccessibleDescription(description)
        self.setFocusProxy(self.yes)

    def set_read_only(self, read_only: bool) -> None:
        self.yes.setEnabled(not read_only)
        self.no.setEnabled(not read_only)


_EDITORS: dict[str, type[FieldEditor]] = {
    "text": LineFieldEditor,
    "date": LineFieldEditor,
    "money": LineFieldEditor,
    "count": LineFieldEditor,
    "file": LineFieldEditor,
    "multiline": MultilineFieldEditor,
    "choice": ChoiceFieldEditor,
    "bool": BoolFieldEditor,
    "yesno": YesNoFieldEditor,
}


def make_editor(
    spec: FieldSpec, parent: QWidget | None = None, *, cell: bool = False
) -> FieldEditor:
    """The editor for `spec`'s kind, named for screen readers after the field's label."""
    editor = _EDITORS[spec.kind](spec, parent, cell=cell)
    editor.set_accessible(spec.label, spec.help)
    return editor


def help_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Explanation under a field, in small grey text."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("role", "help")
    label.setStyleSheet("color: #5a6472; font-size: 9pt;")
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """The inline message shown under a field whose value is not right; hidden when it is."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setProperty("role", "error")
    label.hide()
    return label


def show_problem(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
