"""Undo and Redo for the whole window: a text field's own typing first, then the undo stack.

The rule, the same from the keyboard and from Edit ▸ Undo/Redo:

- When the keyboard focus is in a text field (line, plain or rich text) that has typing of
  its own to undo (or redo), Undo and Redo act on that field: the letters come back or go,
  however many autosaves happened in between.
- Otherwise they act on the window's undo stack: profile fields, rows, files and other
  saved changes, each undone by running the operation again on the database worker.

Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y both redo on every platform (plus the platform's own
keys, e.g. Cmd+Z on macOS). The keys belong to the two window actions only: text fields in
the window are told not to take them (so Qt never sees two owners and never reports an
ambiguous shortcut), and the actions then pick the field or the stack by the rule above.
In a dialog (a window of its own) the field keeps its keys, and Ctrl+Y redoes there too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TextField = QLineEdit | QPlainTextEdit | QTextEdit


def _unique(sequences: list[QKeySequence]) -> list[QKeySequence]:
    seen: set[str] = set()
    unique = []
    for sequence in sequences:
        name = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        if name and name not in seen:
            seen.add(name)
            unique.append(sequence)
    return unique


def undo_keys() -> list[QKeySequence]:
    return _unique(
        [*QKeySequence.keyBindings(QKeySequence.StandardKey.Undo), QKeySequence("Ctrl+Z")]
    )


def redo_keys() -> list[QKeySequence]:
    return _unique(
        [
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
            QKeySequence("Ctrl+Shift+Z"),
            QKeySequence("Ctrl+Y"),
        ]
    )


def _matches(event: QKeyEvent, keys: list[QKeySequence]) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in keys)


def text_field(widget: QWidget | None) -> TextField | None:
    """The editable text field behind `widget` (an editable combo box's line), if any."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
        return widget
    return None


def can_undo(field: TextField) -> bool:
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable()
    return field.document().isUndoAvailable()


def can_redo(field: TextField) -> bool:
    if isinstance(field, QLineEdit):
        return field.isRedoAvailable()
    return field.document().isRedoAvailable()


class EditHistory(QObject):
    """Owns the window's Undo and Redo actions and routes them (see the module's rule)."""

    def __init__(self, window: QWidget, stack: QUndoStack) -> None:
        super().__init__(window)
        self.window = window
        self.stack = stack
        self.undo_action = QAction(self._tr("&Undo"), window)
        self.undo_action.setShortcuts(undo_keys())
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self._tr("&Redo"), window)
        self.redo_action.setShortcuts(redo_keys())
        self.redo_action.triggered.connect(self.redo)
        self._undo_keys, self._redo_keys = undo_keys(), redo_keys()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @staticmethod
    def _tr(text: str) -> str:
        return QCoreApplication.translate("EditHistory", text)

    def detach(self) -> None:
        """Stop watching key presses (the window is closing)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- the rule -----------------------------------------------------------------------------
    def focused_field(self) -> TextField | None:
        widget = QApplication.focusWidget()
        if widget is None or widget.window() is not self.window:
            return None
        return text_field(widget)

    def undo(self) -> None:
        field = self.focused_field()
        if field is not None and can_undo(field):
            field.undo()
        elif self.stack.canUndo():
            self.stack.undo()

    def redo(self) -> None:
        field = self.focused_field()
        if field is not None and can_redo(field):
            field.redo()
        elif self.stack.canRedo():
            self.stack.redo()

    def describe(self) -> None:
        """Name what Undo and Redo will do now (called as the Edit menu opens)."""
        field = self.focused_field()
        if field is not None and can_undo(field):
            self.undo_action.setText(self._tr("&Undo typing"))
            self.undo_action.setEnabled(True)
        else:
            text = self.stack.undoText()
            self.undo_action.setText(
                self._tr("&Undo {what}").format(what=text) if text else self._tr("&Undo")
            )
            self.undo_action.setEnabled(self.stack.canUndo())
        if field is not None and can_redo(field):
            self.redo_action.setText(self._tr("&Redo typing"))
            self.redo_action.setEnabled(True)
        else:
            text = self.stack.redoText()
            self.redo_action.setText(
                self._tr("&Redo {what}").format(what=text) if text else self._tr("&Redo")
            )
            self.redo_action.setEnabled(self.stack.canRedo())

    def menu_closed(self) -> None:
        # The keys must keep working whatever the menu showed.
        self.undo_action.setEnabled(True)
        self.redo_action.setEnabled(True)

    def watch_menu(self, menu: QMenu) -> None:
        menu.aboutToShow.connect(self.describe)
        menu.aboutToHide.connect(self.menu_closed)

    # -- keys ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        undo, redo = _matches(event, self._undo_keys), _matches(event, self._redo_keys)
        if not (undo or redo):
            return False
        field = text_field(watched) or (watched if isinstance(watched, QAbstractSpinBox) else None)
        if field is None:
            return False
        if watched.window() is self.window:
            if kind == QEvent.Type.ShortcutOverride:
                # Not taken by the field: the window's action runs and applies the rule.
                event.ignore()
                return True
            return False
        # A field in a dialog keeps its own history; Ctrl+Y redoes there too.
        if redo and isinstance(field, QLineEdit | QPlainTextEdit | QTextEdit):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            field.redo()
            return True
        return False
